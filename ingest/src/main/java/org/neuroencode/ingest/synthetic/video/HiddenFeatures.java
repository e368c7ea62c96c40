package org.neuroencode.ingest.synthetic.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The "true" response of the synthetic experiment: features computed from a scene's own parameters, never
 * from its pixels, pooled on a coarse square grid and averaged over the clip's frame times.
 *
 * <p>Each element drives a cell by {@code s(c) * w}, where {@code w} is the fraction of its Gaussian
 * footprint inside the cell at that moment and {@code s(c) = c / (c + 0.1)} saturates its contrast. Per
 * cell, in this order:
 * <ol>
 *   <li>{@code contrast}: sum of drives;</li>
 *   <li>{@code direction_cos}, {@code direction_sin}: drives times the cosine and sine of the direction of
 *       motion;</li>
 *   <li>{@code slow_motion}, {@code fast_motion}: drives times log-Gaussian speed tuning (one octave wide)
 *       preferring 0.1 and 0.8 image widths per second; a grating's speed is its pattern speed;</li>
 *   <li>{@code luminance}: mean luminance of the cell (background plus the blobs' light inside it).</li>
 * </ol>
 * A motion-energy model sees related quantities through other filters, grids and nonlinearities, so it
 * can explain these only in part, which is the point.
 */
final class HiddenFeatures {

    private static final List<String> QUANTITIES =
            List.of("contrast", "direction_cos", "direction_sin", "slow_motion", "fast_motion", "luminance");
    private static final double HALF_SATURATION_CONTRAST = 0.1;
    private static final double SLOW_SPEED = 0.1;
    private static final double FAST_SPEED = 0.8;
    private static final double TUNING_WIDTH_OCTAVES = 1;

    private HiddenFeatures() {
    }

    static List<String> names(int gridSide) {
        List<String> names = new ArrayList<>();
        for (int row = 0; row < gridSide; row++) {
            for (int col = 0; col < gridSide; col++) {
                for (String quantity : QUANTITIES) {
                    names.add(String.format(Locale.ROOT, "hidden_r%dc%d_%s", row, col, quantity));
                }
            }
        }
        return names;
    }

    static double[] compute(SceneParameters scene, SyntheticVideoConfig config) {
        int side = config.hiddenGridSide();
        int perCell = QUANTITIES.size();
        double[] features = new double[side * side * perCell];
        for (int n = 0; n < config.frameCount(); n++) {
            double t = config.frameTime(n);
            for (SceneElement element : scene.elements()) {
                double[] columnMass = axisMass(element.centreX(t), element.footprintSigma(), side);
                double[] rowMass = axisMass(element.centreY(t), element.footprintSigma(), side);
                double drive = element.contrast() / (element.contrast() + HALF_SATURATION_CONTRAST);
                double slow = speedTuning(element.speed(), SLOW_SPEED);
                double fast = speedTuning(element.speed(), FAST_SPEED);
                for (int row = 0; row < side; row++) {
                    for (int col = 0; col < side; col++) {
                        double mass = rowMass[row] * columnMass[col];
                        double weighted = drive * mass;
                        int base = (row * side + col) * perCell;
                        features[base] += weighted;
                        features[base + 1] += weighted * Math.cos(element.directionRadians());
                        features[base + 2] += weighted * Math.sin(element.directionRadians());
                        features[base + 3] += weighted * slow;
                        features[base + 4] += weighted * fast;
                        // the cell's area is 1 / side^2, so its mean gain is integral * mass * side^2
                        features[base + 5] += element.luminanceIntegral() * mass * side * side;
                    }
                }
            }
        }
        for (int i = 0; i < features.length; i++) {
            features[i] /= config.frameCount();
        }
        for (int cell = 0; cell < side * side; cell++) {
            features[cell * perCell + 5] += scene.background();
        }
        return features;
    }

    /** Fraction of a 1-D Gaussian's mass inside each of {@code side} equal bins of [0, 1]. */
    private static double[] axisMass(double centre, double sigma, int side) {
        double[] mass = new double[side];
        double previous = Gaussian.cdf((0 - centre) / sigma);
        for (int bin = 0; bin < side; bin++) {
            double next = Gaussian.cdf(((bin + 1.0) / side - centre) / sigma);
            mass[bin] = next - previous;
            previous = next;
        }
        return mass;
    }

    private static double speedTuning(double speed, double preferred) {
        double octaves = Math.log(speed / preferred) / Math.log(2);
        return Math.exp(-octaves * octaves / (2 * TUNING_WIDTH_OCTAVES * TUNING_WIDTH_OCTAVES));
    }
}
