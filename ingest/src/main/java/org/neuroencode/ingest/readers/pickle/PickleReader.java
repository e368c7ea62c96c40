package org.neuroencode.ingest.readers.pickle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads pickles of numpy arrays in dicts, lists and tuples, as numpy+pickle write them with protocol 2
 * (Python 2 or 3) and protocols 4 and 5. A file is read whole: one file must fit in memory and hold
 * under 2 GiB, which per-ROI pickles do. Arrays of numbers come back as {@link PickledArray}, arrays of strings
 * or objects as {@link PickledObjects}, numpy scalars as the Python number or string they hold.
 */
public final class PickleReader {
  private PickleReader() {}

  public static Object read(Path file) throws IOException {
    return read(Files.readAllBytes(file), file.toString());
  }

  public static Object read(byte[] bytes, String file) throws PickleFormatException {
    return resolve(new PickleMachine(bytes, file).run(), file);
  }

  /** Reads a pickle whose top level must be a dict with string keys. */
  public static Map<String, Object> readDict(Path file) throws IOException {
    Object top = read(file);
    if (!(top instanceof Map<?, ?> dict)) {
      throw new PickleFormatException(file.toString(), "expected a dict at the top level, found " + PickleMachine.describe(top));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> entry : dict.entrySet()) {
      if (!(entry.getKey() instanceof String key)) {
        throw new PickleFormatException(file.toString(), "unexpected non-string key " + entry.getKey());
      }
      out.put(key, entry.getValue());
    }
    return out;
  }

  /** Swaps every array stub for its finished array, now that every BUILD has run. */
  private static Object resolve(Object value, String file) throws PickleFormatException {
    if (value instanceof NdarrayStub stub) {
      return resolve(stub.array(file), file);
    }
    if (value instanceof PickledObjects objects) {
      List<Object> out = new ArrayList<>();
      for (Object item : objects.values()) {
        out.add(resolve(item, file));
      }
      return new PickledObjects(objects.dtype(), objects.shape(), out);
    }
    if (value instanceof PickledDType || value instanceof NumpyGlobal) {
      throw new PickleFormatException(file, "a bare numpy type or function is not data");
    }
    if (value instanceof Map<?, ?> dict) {
      Map<Object, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : dict.entrySet()) {
        out.put(resolve(entry.getKey(), file), resolve(entry.getValue(), file));
      }
      return out;
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>();
      for (Object item : list) {
        out.add(resolve(item, file));
      }
      return value instanceof ArrayList<?> ? out : java.util.Collections.unmodifiableList(out);
    }
    return value;
  }
}
