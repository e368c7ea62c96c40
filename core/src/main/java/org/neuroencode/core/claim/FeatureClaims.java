package org.neuroencode.core.claim;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.schema.TensorClaim;
import org.neuroencode.core.tensor.Tensors;

/**
 * Feature vectors by claim check. The producer stores a vector as {@code <sha256>.npy} in a feature store
 * directory (content-addressed, so re-extracting the same features rewrites nothing new); consumers call
 * {@link #resolve} before using {@link Features#getValues()}.
 */
public final class FeatureClaims {
  /** Values larger than this travel by claim check, which keeps a features record well below 1 MiB. */
  public static final int MAX_INLINE_BYTES = 960 * 1024;

  private FeatureClaims() {}

  public static boolean fitsInline(int elements, DType dtype) {
    return (long) elements * Tensors.itemSize(dtype) <= MAX_INLINE_BYTES;
  }

  /** Writes the vector to the store and returns its claim; the file appears atomically under its final name. */
  public static TensorClaim store(Path storeDir, double[] values, DType dtype) {
    try {
      Files.createDirectories(storeDir);
      Path temporary = Files.createTempFile(storeDir, "claim-", ".npy.tmp");
      try {
        Npy.write(temporary, values, dtype == DType.FLOAT32, values.length);
        String sha256 = ClaimCheck.sha256(Files.readAllBytes(temporary));
        Path target = storeDir.resolve(sha256 + ".npy").toAbsolutePath();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return new TensorClaim(target.toUri().toString(), sha256, dtype, List.of(values.length));
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the feature store " + storeDir + ": " + e.getMessage(), e);
    }
  }

  /** The empty tensor a claimed record carries in its required {@code values} field. */
  public static Tensor placeholder(DType dtype) {
    return new Tensor(dtype, List.of(0), java.nio.ByteBuffer.allocate(0));
  }

  /**
   * The record with its values in place: itself when they are inline, else a copy with the claimed tensor
   * read, verified against its sha256, dtype and shape. Throws with a one-line reason otherwise.
   */
  public static Features resolve(Features features) {
    TensorClaim claim = features.getClaim();
    if (claim == null) {
      return features;
    }
    String what = "features " + features.getModel() + "/" + features.getLayer() + " of " + features.getStimulusId();
    try {
      byte[] bytes = ClaimCheck.read(claim.getUri(), claim.getSha256(), what);
      NpyArray array = Npy.read(new ByteArrayInputStream(bytes), claim.getUri());
      List<Integer> shape = Tensors.boxed(array.shape());
      String dtype = claim.getDtype() == DType.FLOAT32 ? "float32" : "float64";
      if (!shape.equals(claim.getShape()) || !dtype.equals(array.dtype())) {
        throw new IOException(what + ": the claimed file holds " + array.dtype() + " " + shape + ", the record says "
            + dtype + " " + claim.getShape());
      }
      Tensor values = claim.getDtype() == DType.FLOAT64 ? Tensors.ofDoubles(array.values(), array.shape())
          : Tensors.ofFloats(narrowed(array.values()), array.shape());
      return Features.newBuilder(features).setValues(values).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private static float[] narrowed(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }
}
