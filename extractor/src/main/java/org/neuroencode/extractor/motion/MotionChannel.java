package org.neuroencode.extractor.motion;

import java.util.Locale;

/**
 * One output feature. For a static channel (temporal frequency 0) the angle is an orientation in
 * [0, 180) degrees; otherwise it is the direction of motion in [0, 360).
 */
public record MotionChannel(double cyclesPerImage, int gridRow, int gridColumn, double temporalFrequencyHz,
                            double angleDegrees) {

    public boolean isStatic() {
        return temporalFrequencyHz == 0;
    }

    public String name() {
        String tuning = isStatic()
                ? String.format(Locale.ROOT, "static_ori%.0f", angleDegrees)
                : String.format(Locale.ROOT, "tf%s_dir%.0f", compact(temporalFrequencyHz), angleDegrees);
        return String.format(Locale.ROOT, "me_sf%s_r%dc%d_%s", compact(cyclesPerImage), gridRow, gridColumn, tuning);
    }

    private static String compact(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
