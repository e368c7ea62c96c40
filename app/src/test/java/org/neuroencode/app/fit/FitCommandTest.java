package org.neuroencode.app.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuroencode.app.Main;
import org.neuroencode.app.cli.FitCommand;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.core.io.Npy;

/** {@code neuroencode fit}: its outputs on a small problem, and one-line errors that name the file at fault. */
class FitCommandTest {

    @TempDir
    Path dir;

    private record Outcome(int code, String out, String err) {}

    @Test
    void shouldWriteEveryOutputWithTheDocumentedShapes() throws IOException {
        Path x = write("X.npy", random(1, 60 * 4), true, 60, 4);
        Path y = write("Y.npy", random(2, 60 * 3), false, 60, 3);
        Path out = dir.resolve("out");
        Outcome outcome = fit("--x", x.toString(), "--y", y.toString(), "--folds", "4", "--out", out.toString());
        assertEquals(0, outcome.code, outcome.err);
        assertArrayEquals(new int[] {3}, Npy.read(out.resolve("best_alpha.npy")).shape());
        assertArrayEquals(new int[] {3}, Npy.read(out.resolve("cv_score.npy")).shape());
        assertArrayEquals(new int[] {4, 3}, Npy.read(out.resolve("coef.npy")).shape());
        assertArrayEquals(new int[] {3}, Npy.read(out.resolve("intercept.npy")).shape());
        String timing = Files.readString(out.resolve("timing.json"));
        assertTrue(timing.contains("\"fit_seconds\": "), timing);
        assertTrue(timing.contains("\"x_dtype\": \"float32\""), timing);
        assertTrue(timing.contains("\"intercept\": true"), timing);
        assertTrue(timing.contains("\"precision\": \"double\""), "float64 Y keeps every product in double: " + timing);
    }

    @Test
    void shouldFitWithTheBackendThatStartedLoadingBeforeTheCommandLineWasBuilt() throws IOException {
        // the command line starts loading the native BLAS when its first argument is fit; every fit then uses that one
        CompletableFuture<LinearAlgebra> early = FitCommand.backend();
        assertSame(early, FitCommand.backend());
        Path x = write("X.npy", random(1, 40 * 5), true, 40, 5);
        Path y = write("Y.npy", random(2, 40 * 2), true, 40, 2);
        Outcome outcome = fit("--x", x.toString(), "--y", y.toString(), "--out", dir.resolve("out").toString());
        assertEquals(0, outcome.code, outcome.err);
        assertSame(early, FitCommand.backend());
        assertTrue(early.isDone());
        String timing = Files.readString(dir.resolve("out/timing.json"));
        assertTrue(timing.contains("\"backend\": \"" + early.join().name() + "\""), timing);
        assertEquals(LinearAlgebra.preferred().name(), early.join().name());
    }

    @Test
    void shouldFitFloat32InputsInMixedPrecisionUnlessAskedForDouble() throws IOException {
        Path x = write("X.npy", random(1, 50 * 70), true, 50, 70);
        Path y = write("Y.npy", random(2, 50 * 6), true, 50, 6);
        Outcome mixed = fit("--x", x.toString(), "--y", y.toString(), "--out", dir.resolve("mixed").toString());
        Outcome exact = fit("--x", x.toString(), "--y", y.toString(), "--precision", "double", "--out", dir.resolve("double").toString());
        assertEquals(0, mixed.code + exact.code, mixed.err + exact.err);
        assertTrue(Files.readString(dir.resolve("mixed/timing.json")).contains("\"precision\": \"mixed\""));
        assertTrue(Files.readString(dir.resolve("double/timing.json")).contains("\"precision\": \"double\""));
        double[] mixedScores = Npy.read(dir.resolve("mixed/cv_score.npy")).values();
        double[] exactScores = Npy.read(dir.resolve("double/cv_score.npy")).values();
        for (int j = 0; j < exactScores.length; j++) {
            assertEquals(exactScores[j], mixedScores[j], 1e-5, "voxel " + j + ": single-precision products change scores at float rounding only");
        }
    }

    @Test
    void shouldTreatInterceptAsTheDefaultAndNoInterceptAsOff() throws IOException {
        Path x = write("X.npy", random(1, 40 * 3), false, 40, 3);
        Path y = write("y.npy", random(2, 40), false, 40);
        Outcome explicit = fit("--x", x.toString(), "--y", y.toString(), "--intercept", "--out", dir.resolve("a").toString());
        Outcome implicit = fit("--x", x.toString(), "--y", y.toString(), "--out", dir.resolve("b").toString());
        Outcome off = fit("--x", x.toString(), "--y", y.toString(), "--no-intercept", "--out", dir.resolve("c").toString());
        assertEquals(0, explicit.code + implicit.code + off.code, explicit.err + implicit.err + off.err);
        assertArrayEquals(Npy.read(dir.resolve("a/coef.npy")).values(), Npy.read(dir.resolve("b/coef.npy")).values());
        assertArrayEquals(new int[] {3}, Npy.read(dir.resolve("b/coef.npy")).shape(), "a 1-D Y gives a 1-D coef");
        assertEquals(0.0, Npy.read(dir.resolve("c/intercept.npy")).values()[0]);
        assertTrue(Files.readString(dir.resolve("c/timing.json")).contains("\"intercept\": false"));
        Outcome both = fit("--x", x.toString(), "--y", y.toString(), "--intercept", "--no-intercept");
        assertOneLineError(both, "--intercept and --no-intercept");
    }

    @Test
    void shouldNameAMissingFile() throws IOException {
        Path x = write("X.npy", random(1, 20 * 2), false, 20, 2);
        Path missing = dir.resolve("nope.npy");
        assertOneLineError(fit("--x", x.toString(), "--y", missing.toString()), missing + ": no such file");
    }

    @Test
    void shouldNameAFileThatIsNotNpy() throws IOException {
        Path x = write("X.npy", random(1, 20 * 2), false, 20, 2);
        Path text = Files.writeString(dir.resolve("Y.npy"), "just,some,csv\n1,2,3\n");
        assertOneLineError(fit("--x", x.toString(), "--y", text.toString()), text + ": not an NPY file");
    }

    @Test
    void shouldNameAnIntegerArray() throws IOException {
        Path x = writeInt64("X.npy", 20, 2);
        Path y = write("Y.npy", random(2, 20 * 3), false, 20, 3);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString()), x + ": dtype <i8 is not supported");
    }

    @Test
    void shouldNameMismatchedSampleCounts() throws IOException {
        Path x = write("X.npy", random(1, 20 * 2), false, 20, 2);
        Path y = write("Y.npy", random(2, 19 * 3), false, 19, 3);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString()), y + ": Y has 19 rows (samples) but X");
    }

    @Test
    void shouldNameAnXThatIsNotAMatrix() throws IOException {
        Path x = write("X.npy", random(1, 20), false, 20);
        Path y = write("Y.npy", random(2, 20), false, 20);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString()), x + ": X must be 2-D");
        Path cube = write("cube.npy", random(3, 20 * 2 * 2), false, 20, 2, 2);
        Path x2 = write("X2.npy", random(1, 20 * 2), false, 20, 2);
        assertOneLineError(fit("--x", x2.toString(), "--y", cube.toString()), cube + ": Y must be 1-D (n) or 2-D");
    }

    @Test
    void shouldNameANonFiniteValue() throws IOException {
        double[] values = random(1, 20 * 2);
        values[7] = Double.NaN;
        Path x = write("X.npy", values, false, 20, 2);
        Path y = write("Y.npy", random(2, 20), false, 20);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString()), x + ": NaN at row 3, column 1");
    }

    @Test
    void shouldNameTooFewSamplesForTheFolds() throws IOException {
        Path x = write("X.npy", random(1, 4 * 2), false, 4, 2);
        Path y = write("Y.npy", random(2, 4), false, 4);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString()), x + ": 5-fold cross-validation needs at least 5 samples");
    }

    @Test
    void shouldNameAnOutputFolderThatCannotBeWritten() throws IOException {
        Path x = write("X.npy", random(1, 20 * 2), false, 20, 2);
        Path y = write("Y.npy", random(2, 20), false, 20);
        Path file = Files.writeString(dir.resolve("taken"), "a file, not a folder");
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString(), "--out", file.toString()),
                file + ": cannot write the outputs: " + file + " exists and is not a folder");
    }

    @Test
    void shouldRejectBadOptionsInOneLine() throws IOException {
        Path x = write("X.npy", random(1, 20 * 2), false, 20, 2);
        Path y = write("Y.npy", random(2, 20), false, 20);
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString(), "--criterion", "mse"), "--criterion must be r2 or pearson");
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString(), "--folds", "1"), "--folds must be at least 2");
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString(), "--alphas", "1:x:3"), "cannot parse alphas");
        assertOneLineError(fit("--x", x.toString(), "--y", y.toString(), "--precision", "half"), "--precision must be auto, double or mixed");
    }

    private static void assertOneLineError(Outcome outcome, String expected) {
        assertEquals(1, outcome.code, "exit code; stderr: " + outcome.err);
        String err = outcome.err.strip();
        assertFalse(err.contains("\n"), "one line, got: " + err);
        assertFalse(err.contains("Exception") || err.contains("\tat "), "no stack trace, got: " + err);
        assertTrue(err.startsWith("neuroencode fit: "), err);
        assertTrue(err.contains(expected), "expected '" + expected + "' in: " + err);
    }

    private Outcome fit(String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "fit";
        System.arraycopy(args, 0, full, 1, args.length);
        if (!String.join(" ", args).contains("--out")) {
            full = java.util.Arrays.copyOf(full, full.length + 2);
            full[full.length - 2] = "--out";
            full[full.length - 1] = dir.resolve("default-out").toString();
        }
        PrintStream out = System.out;
        PrintStream err = System.err;
        ByteArrayOutputStream capturedOut = new ByteArrayOutputStream();
        ByteArrayOutputStream capturedErr = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(capturedOut, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(capturedErr, true, StandardCharsets.UTF_8));
            int code = Main.run(full);
            return new Outcome(code, capturedOut.toString(StandardCharsets.UTF_8), capturedErr.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private Path write(String name, double[] values, boolean float32, int... shape) throws IOException {
        Path file = dir.resolve(name);
        Npy.write(file, values, float32, shape);
        return file;
    }

    /** An int64 NPY file, which fit must refuse by name. */
    private Path writeInt64(String name, int rows, int cols) throws IOException {
        String header = "{'descr': '<i8', 'fortran_order': False, 'shape': (" + rows + ", " + cols + "), }";
        int unpadded = 6 + 2 + 2 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer buffer = ByteBuffer.allocate(10 + header.length() + 8 * rows * cols).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0}).putShort((short) header.length());
        buffer.put(header.getBytes(StandardCharsets.ISO_8859_1));
        for (long i = 0; i < (long) rows * cols; i++) {
            buffer.putLong(i);
        }
        Path file = dir.resolve(name);
        Files.write(file, buffer.array());
        return file;
    }

    private static double[] random(long seed, int count) {
        return new Random(seed).doubles(count).toArray();
    }
}
