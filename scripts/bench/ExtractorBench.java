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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.extractor.motion.Compression;
import org.neuroencode.extractor.motion.MotionEnergy;
import org.neuroencode.extractor.motion.MotionEnergyConfig;
import org.neuroencode.extractor.motion.SpatialScale;
import org.neuroencode.extractor.video.GrayVideo;

/**
 * Java side of scripts/bench/extractor-bench, a single-file program on the extractor's class path. Prints one JSON
 * object per measurement.
 * <ul>
 *   <li>{@code djl CATALOGUE_DIR ID BATCH ITERATIONS THREADS}: forward passes of a TorchScript file through DJL's
 *       PyTorch engine on standard-normal input of the catalogue's declared shape, after warm-up;</li>
 *   <li>{@code moten FRAMES.npy FPS OUT.npy THREADS REPEAT}: motion energy of every clip of a (clips, frames, h, w)
 *       array with the configuration that mirrors pymoten's pyramid (see the script), energies written to OUT.npy.</li>
 * </ul>
 */
public final class ExtractorBench {

    public static void main(String[] args) throws Exception {
        switch (args[0]) {
            case "djl" -> djl(Path.of(args[1]), args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]));
            case "moten" -> moten(Path.of(args[1]), Double.parseDouble(args[2]), Path.of(args[3]),
                    Integer.parseInt(args[4]), Integer.parseInt(args[5]));
            default -> throw new IllegalArgumentException("usage: djl ... | moten ...");
        }
    }

    private static void djl(Path catalogue, String id, int batch, int iterations, int threads) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        JsonNode input = new ObjectMapper().readTree(catalogue.resolve(id + ".json").toFile()).get("input");
        long crop = input.get("crop").asLong();
        Shape shape = input.get("layout").asText().equals("NCTHW")
                ? new Shape(batch, 3, input.get("frames").asLong(), crop, crop)
                : new Shape(batch, 3, crop, crop);
        try (Model model = Model.newInstance(id, "PyTorch")) {
            long loadStart = System.nanoTime();
            model.load(catalogue, id);
            double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
            try (Predictor<NDList, NDList> predictor = model.newPredictor(new NoopTranslator());
                 NDManager manager = NDManager.newBaseManager()) {
                Random random = new Random(1);
                float[] values = new float[Math.toIntExact(shape.size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) random.nextGaussian();
                }
                NDArray x = manager.create(values, shape);
                double[] warmup = new double[2];
                for (int i = 0; i < warmup.length; i++) {
                    warmup[i] = timeForward(predictor, x);
                }
                double best = Double.MAX_VALUE;
                double total = 0;
                for (int i = 0; i < iterations; i++) {
                    double seconds = timeForward(predictor, x);
                    best = Math.min(best, seconds);
                    total += seconds;
                }
                System.out.printf(Locale.ROOT, "{\"runtime\":\"djl\",\"model\":\"%s\",\"batch\":%d,\"threads\":%d,"
                                + "\"load_seconds\":%.3f,\"warmup_seconds\":[%.3f,%.3f],\"best_seconds\":%.4f,"
                                + "\"mean_seconds\":%.4f,\"inputs_per_second\":%.3f}%n",
                        id, batch, threads, loadSeconds, warmup[0], warmup[1], best, total / iterations, batch / best);
            }
        }
    }

    private static double timeForward(Predictor<NDList, NDList> predictor, NDArray x) throws Exception {
        long start = System.nanoTime();
        NDList outputs = predictor.predict(new NDList(x));
        for (NDArray output : outputs) {
            output.toFloatArray(); // the values must reach Java, as they do when features are extracted
        }
        outputs.close();
        return (System.nanoTime() - start) / 1e9;
    }

    /** pymoten's pyramid at 2, 4, 8 cycles per image (centre, centre, 3x3), 0/2/4 Hz, 8 directions, 2/3 s. */
    static MotionEnergy pymotenLike(int size) {
        return new MotionEnergy(MotionEnergyConfig.defaults().withWorkingSize(size)
                .withSpatialScales(List.of(new SpatialScale(2, 1), new SpatialScale(4, 1), new SpatialScale(8, 3)))
                .withTemporalFrequencies(List.of(0.0, 2.0, 4.0))
                .withTemporalWindow(2.0 / 3)
                .withCompression(Compression.NONE, 1));
    }

    private static void moten(Path framesFile, double fps, Path out, int threads, int repeat) throws Exception {
        NpyArray frames = Npy.read(framesFile);
        int clips = frames.shape()[0];
        int count = frames.shape()[1];
        int height = frames.shape()[2];
        int width = frames.shape()[3];
        List<GrayVideo> videos = new ArrayList<>();
        for (int c = 0; c < clips; c++) {
            float[][] data = new float[count][height * width];
            for (int t = 0; t < count; t++) {
                for (int i = 0; i < height * width; i++) {
                    data[t][i] = (float) frames.values()[((c * count) + t) * height * width + i];
                }
            }
            videos.add(new GrayVideo(width, height, fps, data));
        }
        MotionEnergy model = pymotenLike(width);
        double[][] features = new double[clips][];
        for (int c = 0; c < Math.min(clips, 3); c++) {
            model.features(videos.get(c)); // JIT warm-up
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        double best = Double.MAX_VALUE;
        try {
            for (int r = 0; r < repeat; r++) {
                long start = System.nanoTime();
                List<Future<double[]>> futures = new ArrayList<>();
                for (GrayVideo video : videos) {
                    futures.add(pool.submit(() -> model.features(video)));
                }
                for (int c = 0; c < clips; c++) {
                    features[c] = futures.get(c).get();
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
        } finally {
            pool.shutdownNow();
        }
        double[] flat = new double[clips * model.dimension()];
        for (int c = 0; c < clips; c++) {
            System.arraycopy(features[c], 0, flat, c * model.dimension(), model.dimension());
        }
        Npy.write(out, flat, false, clips, model.dimension());
        StringBuilder channels = new StringBuilder("[");
        for (String name : model.channelNames()) {
            channels.append('"').append(name).append("\",");
        }
        channels.setCharAt(channels.length() - 1, ']');
        System.out.printf(Locale.ROOT, "{\"runtime\":\"ours\",\"clips\":%d,\"frames\":%d,\"size\":%d,\"threads\":%d,"
                        + "\"channels\":%d,\"best_seconds\":%.4f,\"clips_per_second\":%.3f,\"channel_names\":%s}%n",
                clips, count, width, threads, model.dimension(), best, clips / best, channels);
    }
}
