import java.util.Locale;
import java.util.Random;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.Matrix;
import org.neuroencode.encoder.ridge.OpenBlasLinearAlgebra;
import org.neuroencode.encoder.ridge.SingleMatrix;
import org.neuroencode.encoder.ridge.SufficientStats;
import org.neuroencode.encoder.ridge.SymmetricEigen;

/**
 * Java side of the ridge benchmark (see scripts/bench/ridge-bench): the GEMM rate and eigendecomposition time of
 * the OpenBLAS backend that {@code neuroencode fit} uses (run with OPENBLAS_VERBOSE=2 to see its kernel), the streaming update throughput into a cell, and the
 * state size per cell. Prints one JSON object. Run as a single-file program on the app's class path:
 * {@code java -cp 'app/target/neuroencode.jar:app/target/lib/*' scripts/bench/RidgeBench.java [p v samples]}.
 */
public final class RidgeBench {

    public static void main(String[] args) throws Exception {
        int p = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int v = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 400;
        LinearAlgebra backend = LinearAlgebra.preferred();
        if (!(backend instanceof OpenBlasLinearAlgebra)) {
            throw new IllegalStateException("the OpenBLAS backend did not load");
        }
        StringBuilder json = new StringBuilder("{");
        field(json, "backend", '"' + backend.name() + '"');
        field(json, "dgemm_gflops_2000", format(gemmRate(backend, 2000)));
        field(json, "dgemm_gflops_1000", format(gemmRate(backend, 1000)));
        // fit runs one worker per core, each calling OpenBLAS single-threaded: these are the per-core figures
        try (LinearAlgebra.SingleThreaded ignored = backend.singleThreaded()) {
            field(json, "dgemm_gflops_2000_one_thread", format(gemmRate(backend, 2000)));
            field(json, "sgemm_gflops_2000_one_thread", format(singleGemmRate(backend, 2000)));
            field(json, "dgemm_gflops_2000_two_workers", format(twoWorkers(() -> gemmRate(backend, 2000))));
            field(json, "sgemm_gflops_2000_two_workers", format(twoWorkers(() -> singleGemmRate(backend, 2000))));
            field(json, "eig_seconds_1000_one_thread", format(eigSeconds(backend, 1000)));
            field(json, "eig_seconds_800_one_thread", format(eigSeconds(backend, 800)));
            field(json, "eig_seconds_100_one_thread", format(eigSeconds(backend, 100)));
        }
        double[] stream = streamingThroughput(p, v, samples);
        field(json, "stream_p", Integer.toString(p));
        field(json, "stream_v", Integer.toString(v));
        field(json, "stream_updates_per_second", format(stream[0]));
        field(json, "stream_fold_encode_decode_seconds", format(stream[1]));
        field(json, "fold_state_bytes", Long.toString(SufficientStats.sizeBytes(p, v)));
        field(json, "fold_state_bytes_p1000", Long.toString(SufficientStats.sizeBytes(1000, v)));
        json.setLength(json.length() - 1);
        System.out.println(json.append('}'));
    }

    /**
     * Two threads running {@code rate} at once, as fit's two workers run their single-threaded GEMMs: the sum of what
     * each measured (each is a best of 3, taken while the other thread computes too).
     */
    private static double twoWorkers(java.util.concurrent.Callable<Double> rate) throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.Future<Double> first = pool.submit(rate);
            java.util.concurrent.Future<Double> second = pool.submit(rate);
            return first.get() + second.get();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Best of 3 GEMMs of size×size by size×size, in GFLOP/s. */
    private static double gemmRate(LinearAlgebra backend, int size) {
        Random random = new Random(1);
        double[] values = random.doubles((long) size * size).toArray();
        try (Matrix a = backend.copyOf(values, size, size); Matrix b = backend.copyOf(values, size, size);
                Matrix c = backend.allocate(size, size)) {
            backend.gemm(false, false, 1, a, b, 0, c);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long start = System.nanoTime();
                backend.gemm(false, false, 1, a, b, 0, c);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return 2.0 * size * size * (double) size / best / 1e9;
        }
    }

    /** Best of 3 single-precision GEMMs of size×size by size×size, in GFLOP/s (the products of --precision mixed). */
    private static double singleGemmRate(LinearAlgebra backend, int size) {
        Random random = new Random(1);
        float[] row = new float[size];
        try (SingleMatrix a = backend.allocateSingle(size, size); SingleMatrix c = backend.allocateSingle(size, size)) {
            for (int i = 0; i < size; i++) {
                for (int j = 0; j < size; j++) {
                    row[j] = (float) random.nextDouble();
                }
                a.writeRow(i, 0, row, 0, size);
            }
            backend.gemm(false, false, a, a, 0f, c);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 3; r++) {
                long start = System.nanoTime();
                backend.gemm(false, false, a, a, 0f, c);
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            return 2.0 * size * size * (double) size / best / 1e9;
        }
    }

    /** Best of 3 symmetric eigendecompositions (values and vectors) of a p×p Gram matrix. */
    private static double eigSeconds(LinearAlgebra backend, int p) {
        Random random = new Random(2);
        int n = 2 * p;
        double[] x = random.doubles((long) n * p).toArray();
        try (Matrix data = backend.copyOf(x, n, p); Matrix gram = backend.allocate(p, p)) {
            backend.gemm(true, false, 1, data, data, 0, gram);
            double best = Double.MAX_VALUE;
            for (int r = 0; r < 4; r++) {
                long start = System.nanoTime();
                try (SymmetricEigen eigen = backend.symmetricEigen(gram)) {
                    best = r == 0 ? best : Math.min(best, (System.nanoTime() - start) / 1e9);
                }
            }
            return best;
        }
    }

    /**
     * Responses per second added to one fold's statistics (the update a cell makes per response: a rank-1 Welford
     * step, O(p² + p·v)), after a warm-up; and the time to encode and decode that fold's state once.
     */
    private static double[] streamingThroughput(int p, int v, int samples) {
        Random random = new Random(3);
        double[][] x = new double[samples][p];
        double[][] y = new double[samples][v];
        for (int s = 0; s < samples; s++) {
            for (int i = 0; i < p; i++) {
                x[s][i] = random.nextGaussian();
            }
            for (int j = 0; j < v; j++) {
                y[s][j] = random.nextGaussian();
            }
        }
        SufficientStats stats = new SufficientStats(p, v);
        int warmUp = Math.min(samples / 4, 100);
        for (int s = 0; s < warmUp; s++) {
            stats.add(x[s], y[s]);
        }
        long start = System.nanoTime();
        for (int s = warmUp; s < samples; s++) {
            stats.add(x[s], y[s]);
        }
        double rate = (samples - warmUp) / ((System.nanoTime() - start) / 1e9);
        SufficientStats.fromBytes(stats.toBytes());
        start = System.nanoTime();
        SufficientStats.fromBytes(stats.toBytes());
        return new double[] {rate, (System.nanoTime() - start) / 1e9};
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append('"').append(name).append("\": ").append(value).append(',');
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.4g", value);
    }
}
