package org.neuroencode.app.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.encoder.ridge.BatchRidgeCv;
import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.RidgeSettings;
import org.neuroencode.encoder.ridge.RidgeSolution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code neuroencode fit}: ridge regression with a per-voxel alpha chosen by K-fold cross-validation, on NPY
 * files, with no broker. It runs the encoder's numeric core ({@link BatchRidgeCv}): contiguous folds as
 * scikit-learn's {@code KFold(shuffle=False)}, one eigendecomposition per training set for every alpha, and a
 * refit on all samples at each voxel's best alpha.
 */
@Command(name = FitCommand.NAME, mixinStandardHelpOptions = true, sortOptions = false,
    description = {
        "Fit ridge regression on NPY files: the best alpha per voxel by K-fold cross-validation (contiguous folds, "
            + "as scikit-learn's KFold without shuffling), then a refit on all samples at that alpha. No broker is needed.",
        "Inputs: X (n x p) and Y (n x v, or n for one voxel), float32 or float64, C or Fortran order.",
        "Outputs in --out, all float64: best_alpha.npy (v), cv_score.npy (v: mean validation score at the best alpha), "
            + "coef.npy (p x v; p when Y is 1-D), intercept.npy (v), and timing.json (fit_seconds, without file I/O).",
        "A fold's score is per voxel, as scikit-learn's r2_score (or Pearson r) on the held-out fold; the scores are averaged "
            + "over folds, and ties go to the larger alpha.",
        "An intercept is fitted by default, as in scikit-learn; --intercept says so explicitly and --no-intercept turns it off."})
public final class FitCommand implements Callable<Integer> {

  @Option(names = "--x", required = true, paramLabel = "X.npy", description = "Features, n x p.")
  Path x;

  @Option(names = "--y", required = true, paramLabel = "Y.npy", description = "Responses, n x v (or n).")
  Path y;

  @Mixin
  RidgeOptions ridge;

  @Option(names = "--intercept", description = "Fit an intercept: the default, accepted for explicitness.")
  boolean intercept;

  @Option(names = "--precision", paramLabel = "auto|double|mixed", defaultValue = "auto",
      description = "Arithmetic of the products with every response (each fold's predictions or projections, and the "
          + "refit's final product): 'double', or 'mixed' (those products as float32 GEMMs, which run at twice the double "
          + "rate; decompositions, hat matrices and score sums stay double; scores move by about 1e-7 and coefficients by "
          + "about 5e-7 of the largest). 'auto' (default) is mixed when X and Y are both float32, whose own rounding is of "
          + "that order, else double.")
  String precision;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "fit-out", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  /** The subcommand's name. */
  public static final String NAME = "fit";

  private static CompletableFuture<LinearAlgebra> backend;

  /**
   * The native BLAS, loading on another thread from the first call on: about 0.2 s of class and library loading, and
   * OpenBLAS's own threads then spin for a while. The command line starts it first thing when its first argument
   * names this subcommand, so that this runs beside the building of the command line, the parsing of the arguments and
   * the reading of the files, and is over before the fit begins.
   */
  public static synchronized CompletableFuture<LinearAlgebra> backend() {
    if (backend == null) {
      backend = CompletableFuture.supplyAsync(LinearAlgebra::preferred);
    }
    return backend;
  }

  @Override
  public Integer call() throws IOException {
    if (intercept && ridge.noIntercept) {
      throw new IllegalArgumentException("--intercept and --no-intercept contradict each other; give one");
    }
    NpyArray features = read(x, "X");
    NpyArray responses = read(y, "Y");
    RidgeSettings settings = ridge.settings().withPrecision(precision(features, responses));
    Shapes shapes = checkShapes(features, responses, ridge.folds);
    requireFinite(features, x);
    requireFinite(responses, y);

    // loading the native BLAS is set-up, like reading the files: the clock starts after it
    LinearAlgebra linearAlgebra = backend().join();
    long start = System.nanoTime();
    RidgeSolution solution = new BatchRidgeCv(settings, linearAlgebra)
        .fit(features.values(), responses.values(), shapes.n, ridge.folds, false);
    double fitSeconds = (System.nanoTime() - start) / 1e9;

    try {
      write(solution, shapes, settings, features, responses, fitSeconds, linearAlgebra.name());
    } catch (IOException e) {
      throw new IOException(out + ": cannot write the outputs: " + reason(e), e);
    }
    System.out.printf(Locale.ROOT, "fit: n=%d p=%d v=%d, %d alphas, %d folds, criterion %s, intercept %s: %.3f s; wrote %s%n",
        shapes.n, shapes.p, shapes.v, settings.alphas().length, ridge.folds, settings.criterion().name().toLowerCase(Locale.ROOT),
        settings.fitIntercept() ? "on" : "off", fitSeconds, out);
    return 0;
  }

  private RidgeSettings.Precision precision(NpyArray features, NpyArray responses) {
    return switch (precision.trim().toLowerCase(Locale.ROOT)) {
      case "auto" -> isFloat32(features) && isFloat32(responses) ? RidgeSettings.Precision.MIXED : RidgeSettings.Precision.DOUBLE;
      case "double" -> RidgeSettings.Precision.DOUBLE;
      case "mixed" -> RidgeSettings.Precision.MIXED;
      default -> throw new IllegalArgumentException("--precision must be auto, double or mixed, not '" + precision + "'");
    };
  }

  private static boolean isFloat32(NpyArray array) {
    return array.dtype().equals("float32");
  }

  private record Shapes(int n, int p, int v, boolean vectorY) {}

  private static NpyArray read(Path file, String role) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException(file + ": no such file (the " + role + " input)");
    }
    if (!Files.isRegularFile(file)) {
      throw new IOException(file + ": not a regular file (the " + role + " input)");
    }
    if (!Files.isReadable(file)) {
      throw new IOException(file + ": not readable (the " + role + " input)");
    }
    try {
      return Npy.read(file);
    } catch (IOException e) {
      // Npy's own messages name the file; anything else (a failed read) gets the name here
      String message = e.getMessage();
      throw new IOException(message != null && message.startsWith(file.toString()) ? message : file + ": cannot read: " + message, e);
    }
  }

  private Shapes checkShapes(NpyArray features, NpyArray responses, int folds) {
    if (features.shape().length != 2) {
      throw new IllegalArgumentException(x + ": X must be 2-D (n x p), but has shape " + shapeText(features.shape()));
    }
    if (responses.shape().length != 1 && responses.shape().length != 2) {
      throw new IllegalArgumentException(y + ": Y must be 1-D (n) or 2-D (n x v), but has shape " + shapeText(responses.shape()));
    }
    int n = features.shape()[0];
    int p = features.shape()[1];
    int rowsY = responses.shape()[0];
    int v = responses.shape().length == 2 ? responses.shape()[1] : 1;
    if (rowsY != n) {
      throw new IllegalArgumentException(y + ": Y has " + rowsY + " rows (samples) but X (" + x + ") has " + n);
    }
    if (p == 0) {
      throw new IllegalArgumentException(x + ": X has no features (shape " + shapeText(features.shape()) + ")");
    }
    if (v == 0) {
      throw new IllegalArgumentException(y + ": Y has no voxels (shape " + shapeText(responses.shape()) + ")");
    }
    if (n < folds) {
      throw new IllegalArgumentException(x + ": " + folds + "-fold cross-validation needs at least " + folds + " samples, X has " + n);
    }
    return new Shapes(n, p, v, responses.shape().length == 1);
  }

  private static void requireFinite(NpyArray array, Path file) {
    double[] values = array.values();
    int columns = array.columns();
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        String where = array.shape().length == 1 ? "element " + i : "row " + i / columns + ", column " + i % columns;
        throw new IllegalArgumentException(file + ": " + values[i] + " at " + where + "; NaN and infinite values are not accepted");
      }
    }
  }

  private void write(RidgeSolution solution, Shapes shapes, RidgeSettings settings, NpyArray features, NpyArray responses,
      double fitSeconds, String backend) throws IOException {
    Files.createDirectories(out);
    Npy.write(out.resolve("best_alpha.npy"), solution.bestAlpha(), false, shapes.v);
    Npy.write(out.resolve("cv_score.npy"), solution.cvScore(), false, shapes.v);
    if (shapes.vectorY) {
      Npy.write(out.resolve("coef.npy"), solution.coef(), false, shapes.p);
    } else {
      Npy.write(out.resolve("coef.npy"), solution.coef(), false, shapes.p, shapes.v);
    }
    Npy.write(out.resolve("intercept.npy"), solution.intercept(), false, shapes.v);
    String alphas = Arrays.stream(settings.alphas()).mapToObj(FitCommand::number).collect(Collectors.joining(", ", "[", "]"));
    String json = "{\n"
        + "  \"fit_seconds\": " + number(fitSeconds) + ",\n"
        + "  \"n\": " + shapes.n + ",\n"
        + "  \"p\": " + shapes.p + ",\n"
        + "  \"v\": " + shapes.v + ",\n"
        + "  \"folds\": " + ridge.folds + ",\n"
        + "  \"alphas\": " + alphas + ",\n"
        + "  \"criterion\": \"" + settings.criterion().name().toLowerCase(Locale.ROOT) + "\",\n"
        + "  \"intercept\": " + settings.fitIntercept() + ",\n"
        + "  \"x_dtype\": \"" + features.dtype() + "\",\n"
        + "  \"y_dtype\": \"" + responses.dtype() + "\",\n"
        + "  \"precision\": \"" + settings.precision().name().toLowerCase(Locale.ROOT) + "\",\n"
        + "  \"backend\": \"" + backend + "\"\n"
        + "}\n";
    Files.writeString(out.resolve("timing.json"), json, StandardCharsets.UTF_8);
  }

  private static String reason(IOException e) {
    if (e instanceof java.nio.file.FileAlreadyExistsException) {
      return e.getMessage() + " exists and is not a folder";
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied on " + e.getMessage();
    }
    if (e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null) {
      return fs.getFile() + ": " + fs.getReason();
    }
    return String.valueOf(e.getMessage());
  }

  /** The shortest decimal that reads back as the same double: valid JSON for finite values. */
  private static String number(double value) {
    return Double.toString(value);
  }

  private static String shapeText(int[] shape) {
    return Arrays.stream(shape).mapToObj(Integer::toString).collect(Collectors.joining(", ", "(", shape.length == 1 ? ",)" : ")"));
  }
}
