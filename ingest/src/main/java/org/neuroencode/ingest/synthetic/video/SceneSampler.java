package org.neuroencode.ingest.synthetic.video;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Draws scene parameters. Ranges, chosen so that every element is visible, stays mostly on screen, and
 * spans what a motion-energy pyramid at 2-8 cycles per image and 0-4 Hz can and cannot resolve:
 * <ul>
 *   <li>background luminance 0.35-0.65;</li>
 *   <li>a grating with probability 0.7: aperture centre 0.25-0.75, aperture sigma 0.10-0.25, any
 *       direction, 2-10 cycles per image and 0.5-5 Hz (both log-uniform; at most 0.4 x fps, below
 *       Nyquist), amplitude 0.05-0.35, any phase;</li>
 *   <li>0-2 blobs (1-2 without a grating): sigma 0.04-0.12, amplitude +-0.10-0.35, any direction, speed
 *       0.05-0.6 image widths per second (log-uniform), passing a point in 0.2-0.8 at mid-clip.</li>
 * </ul>
 */
final class SceneSampler {

    private static final double GRATING_PROBABILITY = 0.7;

    private SceneSampler() {
    }

    static SceneParameters sample(SplittableRandom random, SyntheticVideoConfig config) {
        double background = random.nextDouble(0.35, 0.65);
        Optional<GratingPatch> grating = random.nextDouble() < GRATING_PROBABILITY
                ? Optional.of(grating(random, config.fps()))
                : Optional.empty();
        int blobCount = grating.isPresent() ? random.nextInt(3) : 1 + random.nextInt(2);
        List<MovingBlob> blobs = new ArrayList<>();
        for (int i = 0; i < blobCount; i++) {
            blobs.add(blob(random, config.durationSeconds()));
        }
        return new SceneParameters(background, grating, blobs);
    }

    private static GratingPatch grating(SplittableRandom random, double fps) {
        double maxHz = Math.min(5, 0.4 * fps);
        return new GratingPatch(
                random.nextDouble(0.25, 0.75),
                random.nextDouble(0.25, 0.75),
                random.nextDouble(0.10, 0.25),
                random.nextDouble(2 * Math.PI),
                logUniform(random, 2, 10),
                logUniform(random, Math.min(0.5, maxHz), maxHz),
                random.nextDouble(0.05, 0.35),
                random.nextDouble(2 * Math.PI));
    }

    private static MovingBlob blob(SplittableRandom random, double duration) {
        double sigma = random.nextDouble(0.04, 0.12);
        double amplitude = random.nextDouble(0.10, 0.35) * (random.nextBoolean() ? 1 : -1);
        double direction = random.nextDouble(2 * Math.PI);
        double speed = logUniform(random, 0.05, 0.6);
        double middleX = random.nextDouble(0.2, 0.8);
        double middleY = random.nextDouble(0.2, 0.8);
        double halfPath = speed * duration / 2;
        return new MovingBlob(
                middleX - halfPath * Math.cos(direction),
                middleY + halfPath * Math.sin(direction),
                sigma, direction, speed, amplitude);
    }

    private static double logUniform(SplittableRandom random, double low, double high) {
        return low == high ? low : Math.exp(random.nextDouble(Math.log(low), Math.log(high)));
    }
}
