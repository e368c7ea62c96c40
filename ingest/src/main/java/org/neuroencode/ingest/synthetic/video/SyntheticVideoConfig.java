package org.neuroencode.ingest.synthetic.video;

/**
 * Shape of the generated clips and of their hidden features.
 *
 * @param width          frame width in pixels (even, for yuv420p encoding)
 * @param height         frame height in pixels (even)
 * @param fps            frame rate
 * @param durationSeconds clip length
 * @param hiddenGridSide side of the square grid on which hidden features are pooled
 */
public record SyntheticVideoConfig(int width, int height, double fps, double durationSeconds, int hiddenGridSide) {

    public SyntheticVideoConfig {
        if (width < 2 || height < 2 || width % 2 != 0 || height % 2 != 0) {
            throw new IllegalArgumentException("width and height must be even and at least 2, got " + width + "x" + height);
        }
        if (!(fps > 0) || Double.isInfinite(fps) || !(durationSeconds > 0) || Double.isInfinite(durationSeconds)) {
            throw new IllegalArgumentException("fps and duration must be positive");
        }
        if (Math.round(fps * durationSeconds) < 1) {
            throw new IllegalArgumentException("a clip needs at least one frame");
        }
        if (hiddenGridSide < 1) {
            throw new IllegalArgumentException("hidden grid side must be at least 1, got " + hiddenGridSide);
        }
    }

    /** 3 s at 15 fps, 64x64, hidden features on a 4x4 grid (96 dimensions). */
    public static SyntheticVideoConfig defaults() {
        return new SyntheticVideoConfig(64, 64, 15, 3, 4);
    }

    public int frameCount() {
        return (int) Math.round(fps * durationSeconds);
    }

    /** Time of frame {@code n}; frames sample the scene at their start. */
    public double frameTime(int n) {
        return n / fps;
    }
}
