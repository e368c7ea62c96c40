package org.neuroencode.ingest.synthetic.video;

/**
 * Something that moves over the mid-grey background. Positions are in image units (x rightward and y
 * downward, both in [0, 1]); directions are counter-clockwise from rightward, upward on screen at pi/2, as
 * in the motion-energy model, so hidden directions and model channels speak the same language.
 */
public sealed interface SceneElement permits GratingPatch, MovingBlob {

    /** Luminance added to the background at {@code (x, y)} and time {@code t} in seconds. */
    double luminanceAt(double x, double y, double t);

    double centreX(double t);

    double centreY(double t);

    /** Sigma of the element's Gaussian footprint, in image units. */
    double footprintSigma();

    /** Peak luminance deviation from the background, always positive. */
    double contrast();

    double directionRadians();

    /** Speed of the moving pattern in image widths per second. */
    double speed();

    /** Integral of the added luminance over the plane (image units squared); zero for a grating. */
    double luminanceIntegral();
}
