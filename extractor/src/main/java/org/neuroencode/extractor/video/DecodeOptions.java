package org.neuroencode.extractor.video;

/**
 * What a decode must deliver: the output size, and how many frames it needs at least (fewer is an error,
 * because feature models need a full temporal window) and at most (the rest is not decoded, which bounds
 * memory for long videos). With {@code keepAspect} the frames are scaled so that their shorter side is
 * {@code width} (= {@code height}) and the other side keeps the source's aspect ratio, as networks resize
 * before a centre crop.
 */
public record DecodeOptions(int width, int height, int minFrames, int maxFrames, boolean keepAspect) {

    public DecodeOptions {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("output size must be positive, got " + width + "x" + height);
        }
        if (minFrames < 1 || maxFrames < minFrames) {
            throw new IllegalArgumentException("need 1 <= minFrames <= maxFrames, got " + minFrames + ", " + maxFrames);
        }
        if (keepAspect && width != height) {
            throw new IllegalArgumentException("a shorter-side resize has one size, got " + width + "x" + height);
        }
    }

    public DecodeOptions(int width, int height, int minFrames, int maxFrames) {
        this(width, height, minFrames, maxFrames, false);
    }

    public static DecodeOptions ofSize(int width, int height) {
        return new DecodeOptions(width, height, 1, Integer.MAX_VALUE, false);
    }

    /** Scales the shorter side to {@code side} and keeps the aspect ratio. */
    public static DecodeOptions ofShorterSide(int side) {
        return new DecodeOptions(side, side, 1, Integer.MAX_VALUE, true);
    }

    public DecodeOptions withMinFrames(int frames) {
        return new DecodeOptions(width, height, frames, Math.max(frames, maxFrames), keepAspect);
    }

    public DecodeOptions withMaxFrames(int frames) {
        return new DecodeOptions(width, height, minFrames, frames, keepAspect);
    }

    /** The output width and height for a source of the given size. */
    public int[] targetSize(int sourceWidth, int sourceHeight) {
        if (!keepAspect) {
            return new int[] {width, height};
        }
        int side = width;
        if (sourceWidth <= sourceHeight) {
            return new int[] {side, Math.max(side, (int) Math.round((double) side * sourceHeight / sourceWidth))};
        }
        return new int[] {Math.max(side, (int) Math.round((double) side * sourceWidth / sourceHeight)), side};
    }
}
