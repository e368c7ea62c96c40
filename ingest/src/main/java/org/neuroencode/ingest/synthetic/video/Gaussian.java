package org.neuroencode.ingest.synthetic.video;

/** The standard normal distribution function, which java.lang.Math lacks. */
final class Gaussian {

    private Gaussian() {
    }

    /** Abramowitz and Stegun 7.1.26 for erf: absolute error below 1.5e-7, ample for pooling weights. */
    static double cdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double k = 1 / (1 + 0.3275911 * x);
        double poly = k * (0.254829592 + k * (-0.284496736 + k * (1.421413741 + k * (-1.453152027 + k * 1.061405429))));
        double erf = 1 - poly * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
