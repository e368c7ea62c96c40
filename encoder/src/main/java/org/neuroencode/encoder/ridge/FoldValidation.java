package org.neuroencode.encoder.ridge;

/** A model trained on every fold but one, ready to score that fold for every alpha, one voxel block at a time. */
interface FoldValidation extends AutoCloseable {

    /** Validation moments of every alpha for voxels [from, from + width). */
    AlphaPath evaluate(int from, int width);

    @Override
    void close();
}
