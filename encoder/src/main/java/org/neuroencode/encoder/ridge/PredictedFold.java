package org.neuroencode.encoder.ridge;

/**
 * Validation of one fold from the fold's predictions themselves, for the sample-space route in mixed precision.
 * The predictions of alpha a about the training center c_y are P_a = H_a (Y_tr − c_y), with the hat block H_a
 * (n_f×n_tr) either from the training kernel's eigendecomposition, H_a = (F + 1uᵀ) S_a (UΛ^½)ᵀ (F the fold
 * projection, u the fold's projected offset, S_a = diag 1/(λ_k + α_a); {@link #of}), or from the whole kernel's by
 * the deletion identity ({@link KernelHats}, rounded by {@link StackedHats}; {@link #ofRounded}). Every alpha's block
 * is stacked into one float matrix, so scoring a voxel block is a single wide float GEMM, n_f·n_tr per alpha and
 * voxel, and the scores follow from the predictions directly.
 *
 * <p>Why not {@link ValidationPair} here: its sum of squared predictions needs, per voxel, q = (UΛ^½)ᵀỸ_tr (n_tr²)
 * and a product with the partial-fraction matrix (n_tr²) that must stay in double (its quotients magnify
 * rounding), about twice the float-equivalent work of this route when the folds hold a fifth of the samples. In
 * double precision that route stays cheaper, so this one serves {@link RidgeSettings.Precision#MIXED} only. Its
 * scores carry float rounding of the predictions (a relative 1e−7 to 1e−6), as the partial-fraction route's float
 * products do.
 *
 * <p>The float products run on the shared copy Ỹ_s = Y − c_s; Y_tr − c_y = Ỹ_s + 1(c_s − c_y)ᵀ, so each prediction
 * gets the rank-one term (H_a1)(c_s − c_y)ᵀ: in double for Pearson's moments, in float within the errors for R²
 * (c_s − c_y is a difference of means, free of any offset on the responses).
 *
 * <p>Under R² a block keeps only each alpha's squared errors ({@link #squaredErrors}), which is what the score is;
 * Pearson's r needs the prediction moments ({@link PredictionMoments}).
 */
final class PredictedFold implements FoldValidation {

    private final LinearAlgebra linearAlgebra;
    private final SufficientStats fold;
    private final double[] centerY;
    private final ValidationPair.Rows rows;
    private final int alphas;
    private final SingleMatrix hat;
    private final double[] hatRowSums;
    // 1 − h_i for each stacked row, which scales c_s − c_y in each error
    private final float[] complement;
    private final boolean squaredErrorsSuffice;
    // a block's moments hold its observed rows (n_f × width doubles); reused from block to block rather than
    // allocated for each of them, as many as run at once
    private final java.util.concurrent.ConcurrentLinkedQueue<PredictionMoments> idleMoments = new java.util.concurrent.ConcurrentLinkedQueue<>();

    private PredictedFold(LinearAlgebra linearAlgebra, SufficientStats fold, double[] centerY, ValidationPair.Rows rows, int alphas,
            SingleMatrix hat, double[] hatRowSums, RidgeSettings.Criterion criterion) {
        this.linearAlgebra = linearAlgebra;
        this.squaredErrorsSuffice = criterion == RidgeSettings.Criterion.R2;
        this.fold = fold;
        this.centerY = centerY;
        this.rows = rows;
        this.alphas = alphas;
        this.hat = hat;
        this.hatRowSums = hatRowSums;
        this.complement = new float[hatRowSums.length];
        for (int i = 0; i < hatRowSums.length; i++) {
            complement[i] = (float) (1 - hatRowSums[i]);
        }
    }

    /**
     * The stacked hat blocks of a sample-space spectrum (both projections given; the caller keeps and closes them)
     * for fold {@code fold}, whose rows and single-precision responses {@code rows} holds, to be scored by
     * {@code criterion}.
     */
    static PredictedFold of(ValidationPair.Spectrum spectrum, SufficientStats fold, ValidationPair.Rows rows, RidgeSettings.Criterion criterion,
            LinearAlgebra linearAlgebra) {
        Matrix trainingProjection = spectrum.trainingProjection();
        Matrix foldProjection = spectrum.foldProjection();
        double[][] shrinkage = spectrum.shrinkage();
        double[] offset = spectrum.projectedOffset();
        int alphas = shrinkage.length;
        int m = spectrum.eigenvalues().length;
        int foldSize = foldProjection.rows();
        int stacked = alphas * foldSize;
        try (Matrix left = linearAlgebra.allocate(stacked, m); Matrix hat = linearAlgebra.allocate(stacked, trainingProjection.rows())) {
            double[] foldRow = new double[m];
            double[] row = new double[m];
            for (int i = 0; i < foldSize; i++) {
                foldProjection.read(i * m, foldRow, 0, m);
                for (int a = 0; a < alphas; a++) {
                    for (int k = 0; k < m; k++) {
                        row[k] = (foldRow[k] + offset[k]) * shrinkage[a][k];
                    }
                    left.write((a * foldSize + i) * m, row, 0, m);
                }
            }
            linearAlgebra.gemm(false, true, 1, left, trainingProjection, 0, hat);
            return ofHat(hat, fold, spectrum.centerY(), rows, criterion, linearAlgebra);
        }
    }

    /**
     * From a stacked hat (alphas·n_f × n_tr, rows a·n_f + i; the caller keeps and closes it) that maps the training
     * responses about {@code centerY} (the training center) to the fold's predictions about it.
     */
    private static PredictedFold ofHat(Matrix hat, SufficientStats fold, double[] centerY, ValidationPair.Rows rows, RidgeSettings.Criterion criterion,
            LinearAlgebra linearAlgebra) {
        requireSingle(rows);
        double[] rowSums = new double[hat.rows()];
        return ofRounded(linearAlgebra.rounded(hat, rowSums), rowSums, fold, centerY, rows, criterion, linearAlgebra);
    }

    /** The same from a hat already rounded to float (this takes it over) with the sums of its rows in double. */
    static PredictedFold ofRounded(SingleMatrix hat, double[] rowSums, SufficientStats fold, double[] centerY, ValidationPair.Rows rows,
            RidgeSettings.Criterion criterion, LinearAlgebra linearAlgebra) {
        requireSingle(rows);
        return new PredictedFold(linearAlgebra, fold, centerY, rows, hat.rows() / rows.foldSize(), hat, rowSums, criterion);
    }

    private static void requireSingle(ValidationPair.Rows rows) {
        if (rows == null || rows.single() == null) {
            throw new IllegalArgumentException("predicted validation needs the samples in single precision");
        }
    }

    @Override
    public AlphaPath evaluate(int from, int width) {
        return squaredErrorsSuffice ? squaredErrors(from, width) : predictionMoments(from, width);
    }

    /**
     * Each alpha's Σ(y − ŷ)², y − ŷ = ỹ − (p − (1 − h_i)(c_s − c_y)) with ỹ the fold's float row and p the float
     * prediction, laid out voxels × alphas·n_f so that each voxel's predictions at one alpha are contiguous: the products
     * form p, a rank-one update subtracts the shift (the shifted prediction is rounded to float once more, a relative
     * 6e−8), and one small loop per voxel differences and sums each alpha's segment against the fold's rows, transposed,
     * in double. The loop that had widened, shifted and differenced whole rows of both, per alpha and with JNI reads
     * inlined, cost as much again in the JIT's compilations in a fresh process as in running.
     */
    private AlphaPath squaredErrors(int from, int width) {
        int foldSize = rows.foldSize();
        int stacked = alphas * foldSize;
        ValidationPair.SingleResponses single = rows.single();
        SingleMatrix responses = single.centered();
        float[] shift = new float[width];
        for (int j = 0; j < width; j++) {
            shift[j] = (float) (single.center()[from + j] - centerY[from + j]);
        }
        double[] sse = new double[alphas * width];
        try (SingleMatrix shifted = linearAlgebra.allocateSingleScratch(width, stacked); SingleMatrix observed = linearAlgebra.allocateSingleScratch(width, foldSize)) {
            predict(from, width, true, shifted);
            linearAlgebra.rankOneUpdate(-1f, shift, complement, shifted);
            linearAlgebra.transposeInto(responses.view(rows.start(), foldSize, from, width), observed);
            linearAlgebra.segmentDistances(observed, shifted, sse);
        }
        return AlphaPath.ofSquaredErrors(fold, from, width, sse);
    }

    /**
     * Each alpha's prediction moments: observed deviation from the fold mean = float row + (c_s − ȳ_f), predictions
     * about c_y = float row + h_i (c_s − c_y).
     */
    private AlphaPath predictionMoments(int from, int width) {
        int foldSize = rows.foldSize();
        int stacked = alphas * foldSize;
        ValidationPair.SingleResponses single = rows.single();
        SingleMatrix responses = single.centered();
        PredictionMoments moments = idleMoments.poll();
        if (moments == null || moments.width() != width) {
            moments = new PredictionMoments(foldSize, width);
        }
        double[] meanShift = new double[alphas * width];
        double[] sumPP = new double[alphas * width];
        double[] sumPO = new double[alphas * width];
        try (SingleMatrix predictions = linearAlgebra.allocateSingleScratch(stacked, width)) {
            predict(from, width, false, predictions);
            moments.observe(responses, rows.start(), from, single.center(), fold.meanYStorage(), centerY);
            for (int a = 0; a < alphas; a++) {
                moments.predict(predictions, a * foldSize, hatRowSums, meanShift, sumPP, sumPO, a * width);
            }
        }
        idleMoments.offer(moments);
        return new AlphaPath(fold, centerY, from, width, meanShift, sumPO, sumPP);
    }

    /**
     * The stacked hat times the training rows of voxels [from, from + width) of the float responses: the predictions
     * (alphas·n_f × width), or with {@code transposed} their transpose (width × alphas·n_f). The training rows before the
     * fold and after it are two products, an empty side skipped (there is always a training row).
     */
    private void predict(int from, int width, boolean transposed, SingleMatrix target) {
        int stacked = hat.rows();
        int before = rows.start();
        int after = rows.n() - rows.end();
        SingleMatrix responses = rows.single().centered();
        if (before > 0) {
            product(transposed, hat.view(0, stacked, 0, before), responses.view(0, before, from, width), 0f, target);
        }
        if (after > 0) {
            product(transposed, hat.view(0, stacked, before, after), responses.view(rows.end(), after, from, width), before > 0 ? 1f : 0f, target);
        }
    }

    /** target ← H·Y + beta·target, or (H·Y)ᵀ + beta·target = YᵀHᵀ + beta·target. */
    private void product(boolean transposed, SingleMatrix hatColumns, SingleMatrix responseRows, float beta, SingleMatrix target) {
        if (transposed) {
            linearAlgebra.gemm(true, true, responseRows, hatColumns, beta, target);
        } else {
            linearAlgebra.gemm(false, false, hatColumns, responseRows, beta, target);
        }
    }

    @Override
    public void close() {
        hat.close();
    }
}
