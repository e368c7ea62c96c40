package org.neuroencode.extractor.video;

import org.bytedeco.javacv.Frame;

/** Turns the decoder's frames of one source size into float arrays at the requested size. */
interface FrameConverter {

    boolean accepts(Frame frame);

    float[] convert(Frame frame);

    int targetWidth();

    int targetHeight();
}
