package org.neuroencode.extractor.motion;

/** Finds the strongest channel among those that share a scale and grid position. */
final class ChannelSearch {

    private ChannelSearch() {
    }

    static MotionChannel strongestAt(MotionEnergy model, double[] energy, double cyclesPerImage, int row, int col) {
        int best = -1;
        for (int k = 0; k < energy.length; k++) {
            MotionChannel channel = model.channels().get(k);
            if (channel.cyclesPerImage() == cyclesPerImage && channel.gridRow() == row && channel.gridColumn() == col
                    && (best < 0 || energy[k] > energy[best])) {
                best = k;
            }
        }
        return model.channels().get(best);
    }

    static MotionChannel strongest(MotionEnergy model, double[] energy) {
        int best = 0;
        for (int k = 1; k < energy.length; k++) {
            if (energy[k] > energy[best]) {
                best = k;
            }
        }
        return model.channels().get(best);
    }
}
