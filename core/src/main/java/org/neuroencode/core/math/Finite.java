package org.neuroencode.core.math;

/**
 * Rejects NaN and infinite inputs at the boundary, so that a single bad value cannot silently poison
 * accumulated moments that are never recomputed from samples.
 */
public final class Finite {

    private Finite() {
    }

    /** @throws IllegalArgumentException naming the first non-finite element of {@code values} */
    public static void requireFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; NaN and infinite values are rejected");
            }
        }
    }

    /** @throws IllegalArgumentException naming the first non-finite element of {@code values} */
    public static void requireFinite(float[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; NaN and infinite values are rejected");
            }
        }
    }

    /** @throws IllegalArgumentException if {@code actual != expected}, naming the array */
    public static void requireLength(double[] values, int expected, String name) {
        if (values.length != expected) {
            throw new IllegalArgumentException(name + " has length " + values.length + ", expected " + expected);
        }
    }
}
