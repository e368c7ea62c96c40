package org.neuroencode.encoder.fusion;

import java.util.Arrays;
import org.neuroencode.core.math.Finite;
import org.neuroencode.core.math.PairedMoments;
import org.neuroencode.encoder.ridge.SufficientStats;

/** Per-voxel fusion weights and intercepts: ŷ_j = b_j + Σ_l ω_lj ŷ_lj. */
final class FusionModel {

    private final int layers;
    private final int voxels;
    private final double[] weights;
    private final double[] intercept;

    private FusionModel(int layers, int voxels, double[] weights, double[] intercept) {
        this.layers = layers;
        this.voxels = voxels;
        this.weights = weights;
        this.intercept = intercept;
    }

    /**
     * Fits each voxel on {@code training} with its own relative shrinkage (see {@link FusionSettings}). A voxel
     * whose predictions do not vary in training (one sample, or constant predictions) carries no information
     * on the weights and gets the prior, equal weights 1/L, with the intercept matching the means.
     */
    static FusionModel fit(FusionStatistics training, double[] shrinkagePerVoxel) {
        int layers = training.layers();
        int voxels = training.voxels();
        double[] weights = new double[layers * voxels];
        double[] intercept = new double[voxels];
        for (int j = 0; j < voxels; j++) {
            SufficientStats voxel = training.voxel(j);
            double[] omega = fitVoxel(voxel, shrinkagePerVoxel[j]);
            double[] meanPredictions = voxel.meanX();
            intercept[j] = voxel.meanY()[0];
            for (int l = 0; l < layers; l++) {
                weights[l * voxels + j] = omega[l];
                intercept[j] -= omega[l] * meanPredictions[l];
            }
        }
        return new FusionModel(layers, voxels, weights, intercept);
    }

    /** Moments of (fused prediction, observation) over the samples of {@code validation}, from its co-moments alone. */
    PairedMoments evaluate(FusionStatistics validation) {
        double[] meanPred = new double[voxels];
        double[] meanObs = new double[voxels];
        double[] cPP = new double[voxels];
        double[] cOO = new double[voxels];
        double[] cPO = new double[voxels];
        for (int j = 0; j < voxels; j++) {
            SufficientStats voxel = validation.voxel(j);
            double[] meanPredictions = voxel.meanX();
            meanPred[j] = intercept[j];
            for (int l = 0; l < layers; l++) {
                double omega = weights[l * voxels + j];
                meanPred[j] += omega * meanPredictions[l];
                cPO[j] += omega * voxel.cxy(l, 0);
                for (int m = 0; m < layers; m++) {
                    cPP[j] += omega * voxel.cxx(l, m) * weights[m * voxels + j];
                }
            }
            // ωᵀCω of a PSD C can come out at −1e−30 by rounding; the moments reject negative variances
            cPP[j] = Math.max(0, cPP[j]);
            meanObs[j] = voxel.meanY()[0];
            cOO[j] = voxel.cyy()[0];
        }
        return PairedMoments.of(validation.n(), meanPred, meanObs, cPP, cOO, cPO);
    }

    double[] predict(double[][] perLayerPredictions) {
        if (perLayerPredictions.length != layers) {
            throw new IllegalArgumentException(perLayerPredictions.length + " layers of predictions, expected " + layers);
        }
        double[] fused = intercept.clone();
        for (int l = 0; l < layers; l++) {
            Finite.requireLength(perLayerPredictions[l], voxels, "predictions of layer " + l);
            Finite.requireFinite(perLayerPredictions[l], "predictions of layer " + l);
            for (int j = 0; j < voxels; j++) {
                fused[j] += weights[l * voxels + j] * perLayerPredictions[l][j];
            }
        }
        return fused;
    }

    int layers() {
        return layers;
    }

    int voxels() {
        return voxels;
    }

    double[] weights() {
        return weights.clone();
    }

    double weight(int layer, int voxel) {
        return weights[layer * voxels + voxel];
    }

    double[] intercept() {
        return intercept.clone();
    }

    /**
     * Normalizing by the mean prediction variance makes the relative shrinkage act as documented and keeps the
     * active-set tolerance meaningful whatever the units.
     */
    private static double[] fitVoxel(SufficientStats voxel, double shrinkage) {
        int layers = voxel.features();
        double[] equal = new double[layers];
        Arrays.fill(equal, 1.0 / layers);
        double trace = 0;
        for (int l = 0; l < layers; l++) {
            trace += voxel.cxx(l, l);
        }
        double unit = trace / layers;
        if (!(unit > 0)) {
            return equal;
        }
        double[] h = new double[layers * layers];
        double[] g = new double[layers];
        for (int l = 0; l < layers; l++) {
            for (int m = 0; m < layers; m++) {
                h[l * layers + m] = voxel.cxx(l, m) / unit;
            }
            h[l * layers + l] += shrinkage;
            g[l] = voxel.cxy(l, 0) / unit + shrinkage * equal[l];
        }
        return NonNegativeQuadratic.minimize(h, g, layers);
    }
}
