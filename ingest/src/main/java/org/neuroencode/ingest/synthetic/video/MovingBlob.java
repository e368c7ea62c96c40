package org.neuroencode.ingest.synthetic.video;

/** A Gaussian blob, brighter or darker than the background, moving in a straight line at constant speed. */
public record MovingBlob(double startX, double startY, double sigma, double directionRadians, double speed,
                         double amplitude) implements SceneElement {

    @Override
    public double luminanceAt(double px, double py, double t) {
        double dx = px - centreX(t);
        double dy = py - centreY(t);
        return amplitude * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
    }

    @Override
    public double centreX(double t) {
        return startX + speed * Math.cos(directionRadians) * t;
    }

    @Override
    public double centreY(double t) {
        return startY - speed * Math.sin(directionRadians) * t;
    }

    @Override
    public double footprintSigma() {
        return sigma;
    }

    @Override
    public double contrast() {
        return Math.abs(amplitude);
    }

    @Override
    public double luminanceIntegral() {
        return amplitude * 2 * Math.PI * sigma * sigma;
    }
}
