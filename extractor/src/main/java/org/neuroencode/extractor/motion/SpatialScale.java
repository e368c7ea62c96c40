package org.neuroencode.extractor.motion;

/**
 * One spatial frequency of the pyramid and the side of the square grid of filter centres that tiles the
 * image at that frequency. Finer filters are smaller, so they need more positions to cover the image.
 */
public record SpatialScale(double cyclesPerImage, int gridSide) {

    public SpatialScale {
        if (!(cyclesPerImage > 0) || Double.isInfinite(cyclesPerImage)) {
            throw new IllegalArgumentException("spatial frequency must be positive, got " + cyclesPerImage);
        }
        if (gridSide < 1) {
            throw new IllegalArgumentException("grid side must be at least 1, got " + gridSide);
        }
    }

    int positionCount() {
        return gridSide * gridSide;
    }
}
