package org.neuroencode.encoder.ridge;

import org.neuroencode.core.math.PairedMoments;

/** The out-of-fold (prediction, observation) moments of one outer fold, filled block by block. */
final class FoldMoments {

    private final long n;
    private final double[] meanPred;
    private final double[] meanObs;
    private final double[] cPP;
    private final double[] cOO;
    private final double[] cPO;

    FoldMoments(long n, int voxels) {
        this.n = n;
        this.meanPred = new double[voxels];
        this.meanObs = new double[voxels];
        this.cPP = new double[voxels];
        this.cOO = new double[voxels];
        this.cPO = new double[voxels];
    }

    void set(int voxel, double predictedMean, double observedMean, double predictedVariance, double observedVariance, double coMoment) {
        meanPred[voxel] = predictedMean;
        meanObs[voxel] = observedMean;
        cPP[voxel] = predictedVariance;
        cOO[voxel] = observedVariance;
        cPO[voxel] = coMoment;
    }

    PairedMoments toPairedMoments() {
        return PairedMoments.of(n, meanPred, meanObs, cPP, cOO, cPO);
    }
}
