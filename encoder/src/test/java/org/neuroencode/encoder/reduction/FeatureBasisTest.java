package org.neuroencode.encoder.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FeatureBasisTest {

    private static final double[][] X = PcaProblems.features(11, 24, 10);
    private static final FeatureBasis BASIS = new PcaFitter(PcaSettings.defaults().withComponents(4)).fit(X);

    @Test
    void shouldRoundTripThroughBytesWithTheSameVersion() {
        FeatureBasis decoded = FeatureBasis.fromBytes(BASIS.toBytes());
        assertEquals(BASIS, decoded);
        assertEquals(BASIS.version(), decoded.version());
        assertArrayEquals(BASIS.transform(X[2]), decoded.transform(X[2]), 0);
        assertEquals(FeatureBasis.sizeBytes(10, 4), BASIS.toBytes().length);
    }

    @Test
    void shouldWriteTheDocumentedLittleEndianLayout() {
        ByteBuffer bytes = ByteBuffer.wrap(BASIS.toBytes()).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("NEPB", new String(Arrays.copyOf(BASIS.toBytes(), 4), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, bytes.getInt(4));
        assertEquals(10, bytes.getInt(8));
        assertEquals(4, bytes.getInt(12));
        assertEquals(24, bytes.getLong(16));
        assertEquals(BASIS.totalVariance(), bytes.getDouble(24));
        assertEquals(BASIS.means()[3], bytes.getDouble(32 + 8 * 3));
        assertEquals(BASIS.scales()[0], bytes.getDouble(32 + 8 * 10));
        assertEquals(BASIS.explainedVariance()[1], bytes.getDouble(32 + 8 * (20 + 1)));
        assertEquals(BASIS.component(2)[5], bytes.getDouble(32 + 8 * (24 + 2 * 10 + 5)));
    }

    @Test
    void shouldChangeVersionWithAnyChangeOfContent() {
        assertTrue(BASIS.version().matches("pca4-[0-9a-f]{16}"), BASIS.version());
        double[][] nudged = Arrays.stream(X).map(double[]::clone).toArray(double[][]::new);
        nudged[0][0] = Math.nextUp(nudged[0][0]);
        assertNotEquals(BASIS.version(), new PcaFitter(PcaSettings.defaults().withComponents(4)).fit(nudged).version());
        assertNotEquals(BASIS.version(), new PcaFitter(PcaSettings.defaults().withComponents(3)).fit(X).version());

        byte[] bytes = BASIS.toBytes();
        bytes[bytes.length - 1] ^= 1;
        assertNotEquals(BASIS.version(), FeatureBasis.fromBytes(bytes).version());
    }

    @Test
    void shouldRejectMalformedBytes() {
        byte[] bytes = BASIS.toBytes();
        assertThrows(IllegalArgumentException.class, () -> FeatureBasis.fromBytes(Arrays.copyOf(bytes, 10)));
        assertThrows(IllegalArgumentException.class, () -> FeatureBasis.fromBytes(Arrays.copyOf(bytes, bytes.length - 8)));
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThrows(IllegalArgumentException.class, () -> FeatureBasis.fromBytes(wrongMagic));
        byte[] nanMean = bytes.clone();
        ByteBuffer.wrap(nanMean).order(ByteOrder.LITTLE_ENDIAN).putDouble(32, Double.NaN);
        assertThrows(IllegalArgumentException.class, () -> FeatureBasis.fromBytes(nanMean));
        byte[] zeroScale = bytes.clone();
        ByteBuffer.wrap(zeroScale).order(ByteOrder.LITTLE_ENDIAN).putDouble(32 + 8 * 10, 0);
        assertThrows(IllegalArgumentException.class, () -> FeatureBasis.fromBytes(zeroScale));
    }

    @Test
    void shouldRejectBadTransformInput() {
        assertThrows(IllegalArgumentException.class, () -> BASIS.transform(new double[9]));
        double[] withNaN = X[0].clone();
        withNaN[4] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> BASIS.transform(withNaN));
        assertThrows(IllegalArgumentException.class, () -> BASIS.transform(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, Float.NaN}));
    }
}
