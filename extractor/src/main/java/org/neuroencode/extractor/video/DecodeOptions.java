package org.neuroencode.extractor.video;

/**
 * What a decode must deliver: the output size, and how many frames it needs at least (fewer is an error,
 * because feature models need a full temporal window) and at most (the rest is not decoded, which bounds
 * memory for long videos).
 */
public record DecodeOptions(int width, int height, int minFrames, int maxFrames) {

    public DecodeOptions {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
        }
        if (minFrames < 1 || maxFrames < minFrames) {
            throw new IllegalArgumentException("need 1 <= minFrames <= maxFrames, got " + minFrames + ", " + maxFrames);
        }
    }

    public static DecodeOptions ofSize(int width, int height) {
        return new DecodeOptions(width, height, 1, Integer.MAX_VALUE);
    }

    public DecodeOptions withMinFrames(int frames) {
        return new DecodeOptions(width, height, frames, Math.max(frames, maxFrames));
    }

    public DecodeOptions withMaxFrames(int frames) {
        return new DecodeOptions(width, height, minFrames, frames);
    }
}
