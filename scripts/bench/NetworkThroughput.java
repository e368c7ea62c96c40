import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.catalogue.ModelCatalogue;
import org.neuroencode.extractor.catalogue.ModelEntry;
import org.neuroencode.extractor.models.FeatureModels;
import org.neuroencode.extractor.network.RuntimeSettings;
import org.neuroencode.extractor.reduction.FeatureReduction;
import org.neuroencode.extractor.video.Video;
import org.neuroencode.extractor.video.VideoCodec;

/**
 * Extractor throughput (see scripts/bench/network-throughput): clips per second of each catalogue model on
 * the extractor's whole path (H.264 decode, preprocessing, forward pass, pooling), one worker thread, at the
 * given batch sizes, after a warm-up pass over the same clips. Prints one Markdown row per (model, batch).
 * Run as a single-file program on the app's class path:
 * {@code java -cp 'app/target/neuroencode.jar:app/target/lib/*' scripts/bench/NetworkThroughput.java CLIPS MODEL,... BATCH,...}.
 */
public final class NetworkThroughput {

  public static void main(String[] args) throws Exception {
    int clips = Integer.parseInt(args[0]);
    List<String> ids = List.of(args[1].split(","));
    List<Integer> batches = java.util.Arrays.stream(args[2].split(",")).map(Integer::valueOf).toList();
    List<byte[]> videos = new ArrayList<>();
    for (int i = 0; i < clips; i++) {
      videos.add(clip(i));
    }
    System.err.printf(Locale.ROOT, "%d clips: 3 s, 30 fps, 128x96 H.264, %.0f KB each%n", clips,
        videos.stream().mapToInt(v -> v.length).average().orElse(0) / 1024);
    ModelCatalogue catalogue = ModelCatalogue.defaults();
    System.out.println("| model | batch | clips/s | ms per clip |");
    System.out.println("|---|---|---|---|");
    // the same-run reference: decoding alone, to the networks' 64-pixel RGB, twice (the first warms up)
    for (int pass = 0; pass < 2; pass++) {
      long start = System.nanoTime();
      for (byte[] video : videos) {
        VideoCodec.decodeColour(video, org.neuroencode.extractor.video.DecodeOptions.ofShorterSide(64));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass == 1) {
        System.out.printf(Locale.ROOT, "| (decode only, RGB 64 px) | - | %.1f | %.0f |%n", clips / seconds,
            1000 * seconds / clips);
      }
    }
    for (String id : ids) {
      ModelEntry entry = catalogue.entry(id);
      for (int batch : batches) {
        RuntimeSettings settings = RuntimeSettings.defaults().withBatchSize(batch);
        try (FeatureModel model = FeatureModels.create(entry, settings, FeatureReduction.parse("pool:2"))) {
          run(model, videos); // warm-up: JIT of Java and of the engine
          long start = System.nanoTime();
          run(model, videos);
          double seconds = (System.nanoTime() - start) / 1e9;
          System.out.printf(Locale.ROOT, "| %s | %d | %.1f | %.0f |%n", id, batch, clips / seconds, 1000 * seconds / clips);
        }
      }
    }
  }

  private static void run(FeatureModel model, List<byte[]> videos) {
    for (int from = 0; from < videos.size(); from += model.batchSize()) {
      List<FeatureModel.Extraction> results =
          model.extractAll(videos.subList(from, Math.min(videos.size(), from + model.batchSize())));
      for (FeatureModel.Extraction result : results) {
        if (!result.succeeded()) {
          throw new IllegalStateException(result.failure());
        }
      }
    }
  }

  /** A drifting colour grating over a ramp, its direction and speed varying with i. */
  private static byte[] clip(int i) {
    int width = 128;
    int height = 96;
    double angle = 2 * Math.PI * i / 7;
    List<byte[]> frames = new ArrayList<>();
    for (int t = 0; t < 90; t++) {
      byte[] rgb = new byte[width * height * 3];
      for (int r = 0; r < height; r++) {
        for (int c = 0; c < width; c++) {
          double phase = 2 * Math.PI * (4 * (c * Math.cos(angle) + r * Math.sin(angle)) / width - (1 + i % 3) * t / 30.0);
          int k = 3 * (r * width + c);
          rgb[k] = (byte) Math.round(127.5 + 120 * Math.cos(phase));
          rgb[k + 1] = (byte) Math.round(127.5 - 120 * Math.sin(phase));
          rgb[k + 2] = (byte) (2 * r);
        }
      }
      frames.add(rgb);
    }
    return VideoCodec.encodeMp4(new Video(width, height, 30, frames));
  }
}
