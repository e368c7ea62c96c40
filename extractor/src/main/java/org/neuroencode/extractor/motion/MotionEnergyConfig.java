package org.neuroencode.extractor.motion;

import java.util.List;

/**
 * Settings of the motion-energy pyramid.
 *
 * <p>Geometry is in image units (the working image spans [0, 1] on each axis), so the same settings mean
 * the same thing at any working size. Directions are evenly spaced from 0 degrees (rightward), counter-
 * clockwise with upward on screen at 90 degrees; temporal frequencies are in Hz, so filters follow each
 * video's own frame rate.
 *
 * @param workingSize          side in pixels of the square luminance image the filters see
 * @param directionCount       motion directions per moving channel (even: static channels keep half of
 *                             them as orientations, since a still grating has no sign of direction)
 * @param spatialScales        spatial frequencies and their position grids
 * @param temporalFrequenciesHz 0 for static channels, otherwise the drift frequency
 * @param temporalWindowSeconds span of the temporal filters; also the shortest clip that can be analysed
 * @param envelopeCycles       Gaussian envelope sigma in carrier cycles, which fixes the spatial
 *                             bandwidth at about {@code 1 / (2 pi envelopeCycles)} of the frequency
 * @param compression          nonlinearity applied to {@code compressionGain * energy}
 * @param compressionGain      energies are squared local luminance amplitudes (a matched full-contrast
 *                             grating gives 1/16), so this sets where compression sets in: the default
 *                             1e6 puts the knee of log1p at an amplitude of 0.002, half a grey level and
 *                             about the H.264 noise floor, so features are logarithmic in energy above it
 */
public record MotionEnergyConfig(
        int workingSize,
        int directionCount,
        List<SpatialScale> spatialScales,
        List<Double> temporalFrequenciesHz,
        double temporalWindowSeconds,
        double envelopeCycles,
        Compression compression,
        double compressionGain) {

    public MotionEnergyConfig {
        if (workingSize < 4) {
            throw new IllegalArgumentException("working size must be at least 4 pixels, got " + workingSize);
        }
        if (directionCount < 2 || directionCount % 2 != 0) {
            throw new IllegalArgumentException("direction count must be even and at least 2, got " + directionCount);
        }
        spatialScales = List.copyOf(spatialScales);
        temporalFrequenciesHz = List.copyOf(temporalFrequenciesHz);
        if (spatialScales.isEmpty() || temporalFrequenciesHz.isEmpty()) {
            throw new IllegalArgumentException("need at least one spatial scale and one temporal frequency");
        }
        for (SpatialScale scale : spatialScales) {
            if (scale.cyclesPerImage() >= workingSize / 2.0) {
                throw new IllegalArgumentException(scale.cyclesPerImage() + " cycles per image alias at a working size of "
                        + workingSize + " pixels");
            }
        }
        for (double frequency : temporalFrequenciesHz) {
            if (!(frequency >= 0) || Double.isInfinite(frequency)) {
                throw new IllegalArgumentException("temporal frequency must be >= 0, got " + frequency);
            }
        }
        if (temporalFrequenciesHz.stream().distinct().count() != temporalFrequenciesHz.size()) {
            throw new IllegalArgumentException("temporal frequencies repeat: " + temporalFrequenciesHz);
        }
        if (!(temporalWindowSeconds > 0) || !(envelopeCycles > 0) || !(compressionGain > 0)) {
            throw new IllegalArgumentException("window, envelope and gain must be positive");
        }
    }

    /**
     * 168 features: 8 directions; 2, 4 and 8 cycles per image on 1x1, 2x2 and 3x3 grids (14 positions);
     * static channels (4 orientations) and 3 Hz drift (8 directions); a 0.5 s window; log1p(1e6 E).
     */
    public static MotionEnergyConfig defaults() {
        return new MotionEnergyConfig(32, 8,
                List.of(new SpatialScale(2, 1), new SpatialScale(4, 2), new SpatialScale(8, 3)),
                List.of(0.0, 3.0), 0.5, 0.6, Compression.LOG1P, 1e6);
    }

    public MotionEnergyConfig withWorkingSize(int size) {
        return new MotionEnergyConfig(size, directionCount, spatialScales, temporalFrequenciesHz,
                temporalWindowSeconds, envelopeCycles, compression, compressionGain);
    }

    public MotionEnergyConfig withDirectionCount(int count) {
        return new MotionEnergyConfig(workingSize, count, spatialScales, temporalFrequenciesHz,
                temporalWindowSeconds, envelopeCycles, compression, compressionGain);
    }

    public MotionEnergyConfig withSpatialScales(List<SpatialScale> scales) {
        return new MotionEnergyConfig(workingSize, directionCount, scales, temporalFrequenciesHz,
                temporalWindowSeconds, envelopeCycles, compression, compressionGain);
    }

    public MotionEnergyConfig withTemporalFrequencies(List<Double> frequenciesHz) {
        return new MotionEnergyConfig(workingSize, directionCount, spatialScales, frequenciesHz,
                temporalWindowSeconds, envelopeCycles, compression, compressionGain);
    }

    public MotionEnergyConfig withTemporalWindow(double seconds) {
        return new MotionEnergyConfig(workingSize, directionCount, spatialScales, temporalFrequenciesHz,
                seconds, envelopeCycles, compression, compressionGain);
    }

    public MotionEnergyConfig withCompression(Compression nonlinearity, double gain) {
        return new MotionEnergyConfig(workingSize, directionCount, spatialScales, temporalFrequenciesHz,
                temporalWindowSeconds, envelopeCycles, nonlinearity, gain);
    }

    int orientationCount() {
        return directionCount / 2;
    }
}
