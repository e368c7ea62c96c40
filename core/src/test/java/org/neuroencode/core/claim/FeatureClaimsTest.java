package org.neuroencode.core.claim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.schema.TensorClaim;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;

class FeatureClaimsTest {
  @TempDir Path store;

  private static Features claimed(TensorClaim claim) {
    return Features.newBuilder().setExperimentId("e").setStimulusId("s").setModel("m").setLayer("l")
        .setValues(FeatureClaims.placeholder(claim.getDtype())).setClaim(claim).setExtractedAtMs(0).build();
  }

  private static double[] ramp(int length) {
    double[] values = new double[length];
    for (int i = 0; i < length; i++) {
      values[i] = Math.sin(i * 0.001) * 3;
    }
    return values;
  }

  @Test
  void shouldRoundTripALargeVectorThroughTheStoreAndKeepTheRecordSmall() throws Exception {
    double[] values = ramp(400_000); // 1.6 MB as float32: too large to travel inline
    assertFalse(FeatureClaims.fitsInline(values.length, DType.FLOAT32));
    TensorClaim claim = FeatureClaims.store(store, values, DType.FLOAT32);
    assertEquals(List.of(400_000), claim.getShape());
    assertTrue(Files.isRegularFile(store.resolve(claim.getSha256() + ".npy")));

    AvroSerde<Features> serde = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
    byte[] record = serde.encode(claimed(claim));
    assertTrue(record.length < 1024, "record of " + record.length + " bytes");
    Features resolved = FeatureClaims.resolve(serde.decode(record));
    double[] expected = Tensors.toDoubles(Tensors.vector(values, DType.FLOAT32));
    assertArrayEquals(expected, Tensors.toDoubles(resolved.getValues()), 0);
  }

  @Test
  void shouldRefuseAClaimedFileWhoseSha256DiffersNamingTheFeatures() throws Exception {
    TensorClaim claim = FeatureClaims.store(store, ramp(1000), DType.FLOAT64);
    Path file = Path.of(java.net.URI.create(claim.getUri()));
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length - 1] ^= 1;
    Files.write(file, bytes);
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FeatureClaims.resolve(claimed(claim)));
    assertTrue(e.getMessage().contains("sha256") && e.getMessage().contains("m/l of s"), e.getMessage());
  }

  @Test
  void shouldRefuseAMissingClaimedFile() throws Exception {
    TensorClaim claim = FeatureClaims.store(store, ramp(10), DType.FLOAT32);
    Files.delete(Path.of(java.net.URI.create(claim.getUri())));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> FeatureClaims.resolve(claimed(claim)));
    assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
  }

  @Test
  void shouldLeaveInlineFeaturesAlone() {
    Features inline = Features.newBuilder().setExperimentId("e").setStimulusId("s").setModel("m").setLayer("l")
        .setValues(Tensors.ofDoubles(new double[] {1, 2}, 2)).setExtractedAtMs(0).build();
    assertSame(inline, FeatureClaims.resolve(inline));
  }
}
