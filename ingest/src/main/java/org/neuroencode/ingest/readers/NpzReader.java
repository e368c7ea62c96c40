package org.neuroencode.ingest.readers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;

/** NumPy's .npz (np.savez, compressed or not): a zip of .npy members, returned by member name without ".npy". */
public final class NpzReader {
  private NpzReader() {}

  public static Map<String, NpyArray> read(Path file) throws IOException {
    Map<String, NpyArray> arrays = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (entry.isDirectory() || !entry.getName().endsWith(".npy")) {
          throw new IOException(file + ": member " + entry.getName() + " is not an .npy array");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          String name = entry.getName().substring(0, entry.getName().length() - ".npy".length());
          arrays.put(name, Npy.read(in, file + ":" + entry.getName()));
        }
      }
    } catch (ZipException e) {
      throw new IOException(file + ": not an NPZ (zip) file (" + e.getMessage() + ")");
    }
    return arrays;
  }
}
