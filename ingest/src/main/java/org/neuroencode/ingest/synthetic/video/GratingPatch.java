package org.neuroencode.ingest.synthetic.video;

/**
 * A sinusoidal grating drifting inside a fixed Gaussian aperture. Its pattern speed is temporal frequency
 * over spatial frequency, which is what a speed-tuned neuron would see, though the patch itself stays put.
 */
public record GratingPatch(double x, double y, double apertureSigma, double directionRadians,
                           double cyclesPerImage, double temporalHz, double amplitude, double phase)
        implements SceneElement {

    @Override
    public double luminanceAt(double px, double py, double t) {
        double dx = px - x;
        double dy = py - y;
        double aperture = Math.exp(-(dx * dx + dy * dy) / (2 * apertureSigma * apertureSigma));
        double along = dx * Math.cos(directionRadians) - dy * Math.sin(directionRadians);
        return amplitude * aperture * Math.cos(2 * Math.PI * (cyclesPerImage * along - temporalHz * t) + phase);
    }

    @Override
    public double centreX(double t) {
        return x;
    }

    @Override
    public double centreY(double t) {
        return y;
    }

    @Override
    public double footprintSigma() {
        return apertureSigma;
    }

    @Override
    public double contrast() {
        return amplitude;
    }

    @Override
    public double speed() {
        return temporalHz / cyclesPerImage;
    }

    @Override
    public double luminanceIntegral() {
        return 0;
    }
}
