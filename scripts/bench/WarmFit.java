import java.nio.file.Path;
import java.util.Locale;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.encoder.ridge.BatchRidgeCv;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.RidgeSettings;

/**
 * The ridge fit of {@code neuroencode fit} repeated in one JVM, to separate its warm-up (JIT compilation, first
 * native calls) from its steady state: the first repetition is what a fresh {@code fit} command measures. Same
 * settings as the benchmark (alphas 1e-2:1e5:10, 5 folds, R², intercept, mixed precision for float32 input).
 * Run as a single-file program on the app's class path:
 * {@code java -cp 'app/target/neuroencode.jar:app/target/lib/*' scripts/bench/WarmFit.java DIR [repeats]}, with
 * DIR holding X.npy and Y.npy. Prints one line per repetition.
 */
public final class WarmFit {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        NpyArray x = Npy.read(dir.resolve("X.npy"));
        NpyArray y = Npy.read(dir.resolve("Y.npy"));
        boolean single = x.dtype().equals("float32") && y.dtype().equals("float32");
        RidgeSettings settings = RidgeSettings.parse("1e-2:1e5:10")
                .withPrecision(single ? RidgeSettings.Precision.MIXED : RidgeSettings.Precision.DOUBLE);
        LinearAlgebra backend = LinearAlgebra.preferred();
        int n = x.shape()[0];
        for (int r = 1; r <= repeats; r++) {
            long start = System.nanoTime();
            new BatchRidgeCv(settings, backend).fit(x.values(), y.values(), n, 5, false);
            System.out.printf(Locale.ROOT, "repetition %d: %.3f s%n", r, (System.nanoTime() - start) / 1e9);
        }
    }
}
