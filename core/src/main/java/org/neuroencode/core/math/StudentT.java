package org.neuroencode.core.math;

/**
 * Student's t distribution and the paired t-test, with the significance marks the paper uses.
 * The tail probability comes from the regularized incomplete beta function, evaluated by its continued
 * fraction (modified Lentz), which converges fast for the t distribution's arguments.
 */
public final class StudentT {
  private static final int MAX_ITERATIONS = 500;
  private static final double EPSILON = 1e-15;
  private static final double TINY = 1e-300;

  private StudentT() {}

  /** Result of a paired test: the mean difference, the t statistic, its degrees of freedom and two-sided p. */
  public record Paired(int n, double meanDifference, double t, int degreesOfFreedom, double p) {
    /** ns, *, ** or *** for p ≥ 0.05, < 0.05, < 0.01, < 0.001; "n/a" with fewer than two pairs. */
    public String mark() {
      if (Double.isNaN(p)) {
        return "n/a";
      }
      return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "ns";
    }
  }

  /** Paired t-test of a against b (pairs with a NaN are dropped); p is NaN with fewer than two pairs. */
  public static Paired pairedTest(double[] a, double[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("paired samples differ in length: " + a.length + " and " + b.length);
    }
    double sum = 0;
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        sum += a[i] - b[i];
        n++;
      }
    }
    double mean = n == 0 ? Double.NaN : sum / n;
    if (n < 2) {
      return new Paired(n, mean, Double.NaN, Math.max(0, n - 1), Double.NaN);
    }
    double squares = 0;
    for (int i = 0; i < a.length; i++) {
      if (!Double.isNaN(a[i]) && !Double.isNaN(b[i])) {
        double d = a[i] - b[i] - mean;
        squares += d * d;
      }
    }
    double standardError = Math.sqrt(squares / (n - 1) / n);
    double t = standardError == 0 ? (mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean)) : mean / standardError;
    return new Paired(n, mean, t, n - 1, twoSidedP(t, n - 1));
  }

  /** P(|T| ≥ |t|) for T with the given degrees of freedom. */
  public static double twoSidedP(double t, double degreesOfFreedom) {
    if (Double.isInfinite(t)) {
      return 0;
    }
    double x = degreesOfFreedom / (degreesOfFreedom + t * t);
    return regularizedIncompleteBeta(degreesOfFreedom / 2, 0.5, x);
  }

  /** I_x(a, b). */
  static double regularizedIncompleteBeta(double a, double b, double x) {
    if (x <= 0) {
      return 0;
    }
    if (x >= 1) {
      return 1;
    }
    double logFront = logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x);
    if (x < (a + 1) / (a + b + 2)) {
      return Math.exp(logFront) * continuedFraction(a, b, x) / a;
    }
    return 1 - Math.exp(logFront) * continuedFraction(b, a, 1 - x) / b;
  }

  private static double continuedFraction(double a, double b, double x) {
    double c = 1;
    double d = 1 - (a + b) * x / (a + 1);
    d = 1 / (Math.abs(d) < TINY ? TINY : d);
    double h = d;
    for (int m = 1; m <= MAX_ITERATIONS; m++) {
      int m2 = 2 * m;
      double even = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
      d = 1 / nonZero(1 + even * d);
      c = nonZero(1 + even / c);
      h *= d * c;
      double odd = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
      d = 1 / nonZero(1 + odd * d);
      c = nonZero(1 + odd / c);
      double step = d * c;
      h *= step;
      if (Math.abs(step - 1) < EPSILON) {
        break;
      }
    }
    return h;
  }

  private static double nonZero(double value) {
    return Math.abs(value) < TINY ? TINY : value;
  }

  /** Lanczos approximation (g = 7, 9 terms), accurate to about 1e-15 relative for positive arguments. */
  static double logGamma(double x) {
    double[] coefficients = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
    if (x < 0.5) {
      return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
    }
    double z = x - 1;
    double sum = coefficients[0];
    for (int i = 1; i < coefficients.length; i++) {
      sum += coefficients[i] / (z + i);
    }
    double t = z + 7.5;
    return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
  }
}
