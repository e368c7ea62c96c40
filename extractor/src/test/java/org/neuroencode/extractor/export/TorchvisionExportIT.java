package org.neuroencode.extractor.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoopTranslator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.testing.FixtureScripts;

/**
 * scripts/export_torchvision.py with Debian's python3-torch and python3-torchvision, checked end to end in
 * DJL: the smallest video and image networks (r3d_18, alexnet) are exported with random weights, loaded
 * offline by the PyTorch engine, run on the catalogue's declared input, and each named layer must have the
 * catalogue's shape and Python's values. Fails, never skips, without the Debian packages.
 */
class TorchvisionExportIT {

    /** libtorch 1.13 (Python) and 2.7.1 (DJL) may order float sums differently; relative to the layer's scale. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path temp;
    private static Path catalogue;
    private static Path reference;

    @BeforeAll
    static void export() throws Exception {
        catalogue = temp.resolve("catalogue");
        reference = temp.resolve("reference");
        FixtureScripts.runAt(Duration.ofMinutes(3), "scripts/export_torchvision.py", "--out", catalogue.toString(), "--models", "r3d_18,alexnet",
                "--weights", "random", "--reference", reference.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"r3d_18-random", "alexnet-random"})
    void shouldGiveEveryCatalogueLayerWithItsShapeAndPythonsValues(String id) throws Exception {
        JsonNode entry = new ObjectMapper().readTree(catalogue.resolve(id + ".json").toFile());
        assertEquals(id, entry.get("id").asText());
        assertEquals("torchscript", entry.get("source").get("type").asText());
        assertTrue(entry.get("untrained").asBoolean(), "random weights are labelled untrained");
        NpyArray input = Npy.read(reference.resolve(id + ".input0.npy"));
        assertArrayEquals(declaredInputShape(entry.get("input")), toLongs(input.shape()), "reference input shape");

        try (Model model = Model.newInstance(id, "PyTorch")) {
            model.load(catalogue, entry.get("source").get("path").asText().replace(".pt", ""));
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                 NDManager manager = NDManager.newBaseManager()) {
                NDArray x = manager.create(toFloats(input.values()), new Shape(toLongs(input.shape())));
                NDList outputs = predictor.predict(new NDList(x));

                List<String> layers = new ArrayList<>();
                entry.get("layers").forEach(layer -> layers.add(layer.asText()));
                Set<String> names = new HashSet<>();
                outputs.forEach(output -> names.add(output.getName()));
                assertEquals(new HashSet<>(layers), names, "output names");
                for (String layer : layers) {
                    NDArray output = outputs.get(layer);
                    assertNotNull(output, layer);
                    long[] expectedShape = LongStream.concat(LongStream.of(1),
                            LongStream.of(toLongs(entry.get("layerShapes").get(layer)))).toArray();
                    assertArrayEquals(expectedShape, output.getShape().getShape(), id + " " + layer + " shape");
                    assertClose(Npy.read(reference.resolve(id + "." + layer + ".npy")), output, id + " " + layer);
                }
            }
        }
    }

    private static void assertClose(NpyArray python, NDArray djl, String what) {
        assertArrayEquals(toLongs(python.shape()), djl.getShape().getShape(), what);
        float[] ours = djl.toFloatArray();
        double scale = 0;
        for (double value : python.values()) {
            scale = Math.max(scale, Math.abs(value));
        }
        assertTrue(scale > 0, what + ": Python's output is all zeros, so the comparison would prove nothing");
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - python.values()[i]));
        }
        assertTrue(worst <= TOLERANCE * Math.max(1, scale),
                what + ": largest difference from Python " + worst + " at a scale of " + scale);
    }

    /** NCTHW clips or NCHW frames, one of them, as the catalogue declares. */
    private static long[] declaredInputShape(JsonNode input) {
        long crop = input.get("crop").asLong();
        return input.get("layout").asText().equals("NCTHW")
                ? new long[] {1, 3, input.get("frames").asLong(), crop, crop}
                : new long[] {1, 3, crop, crop};
    }

    private static long[] toLongs(int[] values) {
        return LongStream.range(0, values.length).map(i -> values[(int) i]).toArray();
    }

    private static long[] toLongs(JsonNode values) {
        long[] out = new long[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i).asLong();
        }
        return out;
    }

    private static float[] toFloats(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
