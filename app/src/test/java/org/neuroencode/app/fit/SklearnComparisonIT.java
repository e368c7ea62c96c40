package org.neuroencode.app.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.neuroencode.app.Main;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;

/**
 * {@code neuroencode fit} against scikit-learn on the same data (scripts/fixtures/ridge_sklearn_reference.py):
 * the per-voxel K-fold choice of alpha (sklearn Ridge per contiguous fold, scored per voxel, and sklearn's own
 * RidgeCV(cv=KFold) fitted voxel by voxel), the CV score at the chosen alpha, and the coefficients and intercepts
 * of sklearn Ridge refitted at our alphas, to 1e-6 relative. Needs Debian's python3-numpy and python3-sklearn, and
 * fails, never skips, without them.
 */
class SklearnComparisonIT {

    private static Path python;
    private static Path script;

    @TempDir
    static Path temp;

    @BeforeAll
    static void requireScikitLearn() throws Exception {
        String configured = System.getenv("NEUROENCODE_PYTHON");
        python = Path.of(configured != null ? configured : Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3");
        script = findUp("scripts/fixtures/ridge_sklearn_reference.py");
        Result check = run(List.of(python.toString(), "-c", "import numpy, sklearn"));
        if (check.code != 0) {
            fail(python + " cannot import numpy and scikit-learn: install Debian's python3-numpy and python3-sklearn "
                    + "(apt-get install -y python3-numpy python3-sklearn); " + check.output.strip());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "basic, r2, ''",
        "basic, pearson, ''",
        "n_less_than_p, r2, ''",
        "offsets, r2, ''",
        "collinear, r2, ''",
        "float32, r2, ''",
        "float32, r2, --precision=double",
        "float32_wide, r2, ''",
        "float32_wide, pearson, ''",
        "vector, r2, ''",
        "basic, r2, --no-intercept",
    })
    void shouldMatchScikitLearn(String name, String criterion, String extra) throws Exception {
        Path dir = temp.resolve(name + "-" + criterion + extra);
        Path out = dir.resolve("ours");
        python("make", "--out", dir.toString(), "--case", name);
        List<String> args = new ArrayList<>(List.of("fit", "--x", dir.resolve("X.npy").toString(), "--y", dir.resolve("Y.npy").toString(),
                "--alphas", "1e-2:1e5:10", "--folds", "5", "--criterion", criterion, "--out", out.toString()));
        if (!extra.isBlank()) {
            args.add(extra);
        }
        assertEquals(0, Main.run(args.toArray(String[]::new)), "neuroencode fit exit code");
        List<String> expect = new ArrayList<>(List.of("expect", "--dir", dir.toString(), "--ours", out.toString(), "--criterion", criterion));
        if (extra.equals("--no-intercept")) {
            expect.add(extra);
        }
        // float32 X and Y are fitted in mixed precision unless asked otherwise: scores then carry float rounding
        boolean mixed = name.startsWith("float32") && !extra.contains("double");
        double scoreTolerance = mixed ? 2e-6 : 1e-8;
        double tieTolerance = mixed ? 2e-6 : 1e-9;
        python(expect.toArray(String[]::new));

        Path expected = dir.resolve("expected");
        double[] alphas = read(expected.resolve("alphas.npy")).values();
        NpyArray scores = read(expected.resolve("scores.npy"));
        int v = scores.shape()[1];
        double[] bestAlpha = read(out.resolve("best_alpha.npy")).values();
        double[] cvScore = read(out.resolve("cv_score.npy")).values();
        assertEquals(v, bestAlpha.length, "best_alpha length");

        for (int j = 0; j < v; j++) {
            int ours = indexOf(alphas, bestAlpha[j]);
            int best = 0;
            for (int a = 0; a < alphas.length; a++) {
                if (score(scores, a, j) >= score(scores, best, j)) {
                    best = a;
                }
            }
            double gap = score(scores, best, j) - score(scores, ours, j);
            assertTrue(ours == best || gap <= tieTolerance, name + " voxel " + j + ": we chose alpha " + alphas[ours] + ", scikit-learn's K-fold scores "
                    + "prefer " + alphas[best] + " by " + gap);
            assertEquals(score(scores, ours, j), cvScore[j], scoreTolerance, name + " voxel " + j + ": CV score at the chosen alpha");
        }
        if (criterion.equals("r2")) {
            // sklearn's own RidgeCV with cv=KFold, one voxel at a time (it cannot choose per target with cv set)
            double[] ridgeCv = read(expected.resolve("ridgecv_alpha.npy")).values();
            for (int j = 0; j < ridgeCv.length; j++) {
                int theirs = indexOf(alphas, ridgeCv[j]);
                int ours = indexOf(alphas, bestAlpha[j]);
                assertTrue(theirs == ours || Math.abs(score(scores, theirs, j) - score(scores, ours, j)) <= tieTolerance,
                        name + " voxel " + j + ": RidgeCV(cv=KFold(5)) chose " + ridgeCv[j] + ", we chose " + bestAlpha[j]);
            }
        }
        double[] coef = read(out.resolve("coef.npy")).values();
        double[] sklearnCoef = read(expected.resolve("coef.npy")).values();
        assertRelativelyClose(sklearnCoef, coef, 1e-6, name + " coefficients (Ridge refitted at our alphas)");
        double[] intercept = read(out.resolve("intercept.npy")).values();
        double[] sklearnIntercept = read(expected.resolve("intercept.npy")).values();
        assertRelativelyClose(sklearnIntercept, intercept, 1e-6, name + " intercepts");
        if (name.equals("vector")) {
            assertEquals(1, read(out.resolve("coef.npy")).shape().length, "a 1-D Y gives a 1-D coef.npy");
        }
        String timing = Files.readString(out.resolve("timing.json"));
        assertTrue(timing.matches("(?s).*\"fit_seconds\": [0-9.eE-]+,.*"), timing);
        assertTrue(timing.contains("\"precision\": \"" + (mixed ? "mixed" : "double") + "\""), timing);
    }

    private static double score(NpyArray scores, int alpha, int voxel) {
        double value = scores.values()[alpha * scores.shape()[1] + voxel];
        return Double.isNaN(value) ? Double.NEGATIVE_INFINITY : value;
    }

    private static int indexOf(double[] alphas, double alpha) {
        for (int a = 0; a < alphas.length; a++) {
            if (Math.abs(alphas[a] - alpha) <= 1e-9 * alphas[a]) {
                return a;
            }
        }
        throw new AssertionError("alpha " + alpha + " is not on the grid " + Arrays.toString(alphas));
    }

    /** ‖expected − actual‖∞ ≤ tolerance · max(‖expected‖∞, 1e-12). */
    private static void assertRelativelyClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1e-12;
        for (double value : expected) {
            scale = Math.max(scale, Math.abs(value));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < expected.length; i++) {
            double difference = Math.abs(expected[i] - actual[i]);
            if (difference > worst) {
                worst = difference;
                at = i;
            }
        }
        assertTrue(worst <= tolerance * scale, what + ": largest difference " + worst + " at " + at + " (scale " + scale + ")");
    }

    private static NpyArray read(Path file) throws IOException {
        return Npy.read(file);
    }

    private static void python(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(python.toString(), script.toString()));
        command.addAll(List.of(args));
        Result result = run(command);
        if (result.code != 0) {
            fail(String.join(" ", command) + " failed (" + result.code + "): " + result.output);
        }
    }

    private record Result(int code, String output) {}

    private static Result run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", command) + " did not finish in 120 s");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }

    private static Path findUp(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
