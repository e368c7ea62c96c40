package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;

/**
 * A model trained on one training set, validated on a held-out fold using only that fold's sufficient
 * statistics. With ŷ = c_y + (x − c_x)ᵀw and w_α = W S_α q (q = WᵀB, S_α = diag 1/(λ_k + α)), over the fold:
 * Σ(ŷ−ŷ̄)(y−ȳ) = wᵀCxy_f, ŷ̄ = c_y + (x̄_f − c_x)ᵀw and Σ(ŷ−ŷ̄)² = qᵀ S_α M S_α q with M = WᵀCxx_f W. The first two
 * are one GEMM over all alphas. The third couples the alphas through S_α on both sides; two exact routes serve it:
 *
 * <ul>
 *   <li><b>Partial fractions.</b> For λ_k ≠ λ_l, s_k s_l = (s_k − s_l)/(λ_l − λ_k), so the off-diagonal part is
 *       2 Σ_k s_αk q_k (T q)_k with T_kl = M_kl/(λ_l − λ_k): one GEMM with T serves every alpha. Eigenvalues so
 *       close that the quotient would lose more than {@link #MAX_AMPLIFICATION} in relative precision are grouped
 *       into clusters whose internal pairs are summed directly, alpha by alpha.</li>
 *   <li><b>Low rank.</b> ‖G S_α q‖² with G (r×p) a factor of M from a pivoted Cholesky factorization of Cxx_f,
 *       whose rank r is at most n_f − 1: r×p×block per alpha, cheaper when validation folds are tiny.</li>
 * </ul>
 * The cheaper route is chosen per pair. Both work in the numerical range of the training Gram (eigenvalues above
 * the pseudo-inverse threshold): in its null space the training cross-moments vanish, so the weights have no
 * component there and the directions are left out.
 *
 * <p>Holds the voxel-independent parts; {@link #evaluate} handles one voxel block.
 */
final class ValidationPair implements FoldValidation {

    /**
     * Largest factor by which the partial-fraction form may magnify rounding errors of a pair's term: the ratio
     * (λ + α_max)/|λ_k − λ_l|. Pairs beyond it are summed directly. 1e6 keeps the magnified error near 1e−10.
     */
    static final double MAX_AMPLIFICATION = 1e6;

    /** Most doubles that one stacked low-rank product may hold at once (32 MiB). */
    private static final long STACK_DOUBLES = 4L << 20;

    private final LinearAlgebra linearAlgebra;
    private final SufficientStats fold;
    private final int alphas;
    private final int m;
    private final double[] centerY;
    // the statistics route: the pooled training set and its range basis W_R (p×m); null in sample space
    private final TrainingSet trainingSet;
    private final Matrix rangeBasis;
    private final double[][] shrinkage;
    private final Matrix shrinkageMatrix;
    private final Matrix shiftShrinkage;
    // partial fractions: T, the in-cluster blocks of M, and S² restricted to single-direction clusters
    private final Matrix coupling;
    private final Matrix squaredShrinkage;
    private final double[] gramDiagonal;
    private final List<int[]> clusters;
    private final List<double[]> clusterBlocks;
    // the samples route: Y rows and the projected, centered X rows of the training set and of the fold
    private final Rows rows;
    private final Matrix trainingProjection;
    private final Matrix foldProjection;
    // their float copies and column sums, when the response projections run in single precision
    private final SingleMatrix singleTrainingProjection;
    private final SingleMatrix singleFoldProjection;
    private final double[] trainingProjectionSums;
    private final double[] foldProjectionSums;
    // low rank: G S_α stacked over alphas
    private final int rank;
    private final int alphasPerStack;
    private final Matrix[] stacks;
    private final double[] factor;

    /** How Σ(ŷ−ŷ̄)² is computed: the cheaper route, or one forced (for tests that compare the two). */
    enum Route {
        CHEAPER, PARTIAL_FRACTIONS, LOW_RANK
    }

    /**
     * The samples behind the statistics, when the caller holds them (a batch fit): row-major x (n×p) and y (n×v),
     * the validation fold being rows [start, end) and the training set all the others; with {@code single}, the
     * products that project the responses run in single precision on that copy of y.
     */
    record Rows(double[] x, double[] y, int n, int start, int end, SingleResponses single) {

        Rows(double[] x, double[] y, int n, int start, int end) {
            this(x, y, n, start, end, null);
        }

        int foldSize() {
            return end - start;
        }

        int trainingSize() {
            return n - foldSize();
        }

        /** The i-th training row: rows before the fold, then rows after it. */
        int trainingRow(int i) {
            return i < start ? i : i + foldSize();
        }
    }

    /**
     * Y − c in single precision (n×v), made once per fit and shared by its pairs: rows and voxel blocks enter the
     * products as views, without copies. Centering first keeps large offsets out of the float rounding.
     */
    record SingleResponses(SingleMatrix centered, double[] center) implements AutoCloseable {

        static SingleResponses of(double[] y, int n, double[] center, LinearAlgebra linearAlgebra) {
            SingleMatrix centered = linearAlgebra.allocateSingleScratch(n, center.length);
            try {
                roundDeviations(y, n, center, centered);
            } catch (RuntimeException | Error e) {
                centered.close();
                throw e;
            }
            return new SingleResponses(centered, center.clone());
        }

        /**
         * Each row of y − center, rounded, into {@code target}: rows and columns in one method, which reaches compiled
         * code by on-stack replacement within its first rows (a row method called per row ran interpreted for its first
         * hundred or so calls).
         */
        private static void roundDeviations(double[] y, int n, double[] center, SingleMatrix target) {
            int v = center.length;
            float[] row = new float[v];
            for (int i = 0; i < n; i++) {
                int offset = i * v;
                for (int j = 0; j < v; j++) {
                    row[j] = (float) (y[offset + j] - center[j]);
                }
                target.writeRow(i, 0, row, 0, v);
            }
        }

        @Override
        public void close() {
            centered.close();
        }
    }

    /**
     * What validation needs of a training set's eigendecomposition, restricted to its numerical range with ascending
     * eigenvalues: the eigenvalues, the shrinkage 1/(λ_k + α) of each alpha (alphas×m), the largest alpha, the
     * training center of y, u = W_Rᵀ(x̄_f − c_x), and the projections. Either from a feature-space basis (with W_R
     * and the pooled statistics, for the statistics route) or from the samples' kernel, where both projections are
     * given and W_R is never formed. The pair owns and closes the matrices.
     */
    record Spectrum(double[] eigenvalues, double[][] shrinkage, double largestAlpha, double[] centerY, double[] projectedOffset,
            Matrix trainingProjection, Matrix foldProjection, Matrix rangeBasis, TrainingSet training) {
    }

    ValidationPair(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra) {
        this(training, fold, linearAlgebra, Route.CHEAPER, null);
    }

    ValidationPair(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra, Route route) {
        this(training, fold, linearAlgebra, route, null);
    }

    /**
     * With {@code rows}, the projections that touch every voxel are formed from the samples where that is cheaper:
     * q = W_RᵀB as ((X_tr − c_x)W_R)ᵀ(Y_tr − c_y) when the training set has fewer samples than features, and
     * W_RᵀCxy_f and the fold factor G as (X_f − x̄_f)W_R when the fold has fewer samples than features. The results
     * are the same quantities as from the statistics, at n·m·block instead of p·m·block per product.
     */
    ValidationPair(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra, Route route, Rows rows) {
        this(spectrum(training, fold, linearAlgebra, rows), fold, linearAlgebra, route, rows);
    }

    /** A pair from a spectrum whose projections are both given (sample space), validated from the samples. */
    static ValidationPair ofSamples(Spectrum spectrum, SufficientStats fold, LinearAlgebra linearAlgebra, Rows rows) {
        if (spectrum.trainingProjection() == null || spectrum.foldProjection() == null || rows == null) {
            throw new IllegalArgumentException("a sample-space pair needs both projections and the samples");
        }
        return new ValidationPair(spectrum, fold, linearAlgebra, Route.CHEAPER, rows);
    }

    /** The range of a feature-space basis, in ascending eigenvalue order, with the projections the samples serve. */
    private static Spectrum spectrum(EigenBasis training, SufficientStats fold, LinearAlgebra linearAlgebra, Rows rows) {
        int p = fold.features();
        int alphas = training.shrinkageMatrix().rows();
        // ascending eigenvalues, as the clusters expect
        int[] range = training.rangeDirections();
        int m = range.length;
        Matrix rangeBasis = linearAlgebra.allocate(p, m);
        double[] basisRow = new double[p];
        double[] rangeRow = new double[m];
        for (int i = 0; i < p; i++) {
            training.basis().read(i * p, basisRow, 0, p);
            gather(basisRow, range, rangeRow);
            rangeBasis.write(i * m, rangeRow, 0, m);
        }
        double[][] shrinkage = new double[alphas][m];
        double[] eigenvalues = new double[m];
        for (int k = 0; k < m; k++) {
            eigenvalues[k] = training.eigenvalue(range[k]);
            for (int a = 0; a < alphas; a++) {
                shrinkage[a][k] = training.shrinkage(a, range[k]);
            }
        }
        // u = W_Rᵀ(x̄_f − c_x): where the fold's mean sits in eigen-coordinates
        double[] offset = training.training().offsetX(fold);
        double[] projectedOffset = new double[m];
        for (int i = 0; i < p; i++) {
            rangeBasis.read(i * m, rangeRow, 0, m);
            Matrix.addScaled(projectedOffset, offset[i], rangeRow);
        }
        Matrix trainingProjection = rows != null && rows.trainingSize() < p
                ? projectRows(rows, rows.trainingSize(), rows::trainingRow, training.training().centerX(), rangeBasis, linearAlgebra) : null;
        Matrix foldProjection = rows != null && rows.foldSize() < p
                ? projectRows(rows, rows.foldSize(), i -> rows.start() + i, fold.meanXStorage(), rangeBasis, linearAlgebra) : null;
        return new Spectrum(eigenvalues, shrinkage, training.largestAlpha(), training.training().centerY(), projectedOffset,
                trainingProjection, foldProjection, rangeBasis, training.training());
    }

    private ValidationPair(Spectrum spectrum, SufficientStats fold, LinearAlgebra linearAlgebra, Route route, Rows rows) {
        this.linearAlgebra = linearAlgebra;
        this.fold = fold;
        this.shrinkage = spectrum.shrinkage();
        this.alphas = shrinkage.length;
        double[] eigenvalues = spectrum.eigenvalues();
        this.m = eigenvalues.length;
        this.centerY = spectrum.centerY();
        this.trainingSet = spectrum.training();
        this.rangeBasis = spectrum.rangeBasis();
        int p = fold.features();
        this.shrinkageMatrix = copyOf(shrinkage, m);

        this.rows = rows;
        this.trainingProjection = spectrum.trainingProjection();
        this.foldProjection = spectrum.foldProjection();
        boolean singlePrecision = rows != null && rows.single() != null;
        this.singleTrainingProjection = singlePrecision && trainingProjection != null ? rounded(trainingProjection) : null;
        this.singleFoldProjection = singlePrecision && foldProjection != null ? rounded(foldProjection) : null;
        this.trainingProjectionSums = singleTrainingProjection != null ? columnSums(trainingProjection) : null;
        this.foldProjectionSums = singleFoldProjection != null ? columnSums(foldProjection) : null;
        // G (r×m) with M = W_RᵀCxx_f W_R = GᵀG: the projected fold rows, or F W_R from Cxx_f ≈ FᵀF
        double[] projectedFactor;
        if (foldProjection != null) {
            this.rank = foldProjection.rows();
            projectedFactor = foldProjection.toArray();
        } else {
            try (Matrix foldGram = linearAlgebra.copyOf(fold.cxxStorage(), p, p); Matrix f = linearAlgebra.pivotedCholesky(foldGram);
                    Matrix g = linearAlgebra.allocate(f.rows(), m)) {
                linearAlgebra.gemm(false, false, 1, f, rangeBasis, 0, g);
                this.rank = f.rows();
                projectedFactor = g.toArray();
            }
        }

        List<int[]> groups = clusters(eigenvalues, spectrum.largestAlpha());
        long clusterCost = 0;
        for (int[] cluster : groups) {
            clusterCost += cluster.length > 1 ? (long) cluster.length * cluster.length * alphas : 0;
        }
        boolean partialFractions = rank > 0 && m > 0 && switch (route) {
            case CHEAPER -> (long) m * m + clusterCost <= (long) alphas * rank * m;
            case PARTIAL_FRACTIONS -> true;
            case LOW_RANK -> false;
        };
        if (partialFractions) {
            double[] gram;
            try (Matrix g = linearAlgebra.copyOf(projectedFactor, rank, m); Matrix product = linearAlgebra.allocate(m, m)) {
                linearAlgebra.gemm(true, false, 1, g, g, 0, product);
                gram = product.toArray();
            }
            int[] clusterOf = new int[m];
            this.clusters = new ArrayList<>();
            this.clusterBlocks = new ArrayList<>();
            for (int c = 0; c < groups.size(); c++) {
                int[] cluster = groups.get(c);
                for (int k : cluster) {
                    clusterOf[k] = c;
                }
                if (cluster.length > 1) {
                    double[] block = new double[cluster.length * cluster.length];
                    for (int i = 0; i < cluster.length; i++) {
                        for (int j = 0; j < cluster.length; j++) {
                            block[i * cluster.length + j] = gram[cluster[i] * m + cluster[j]];
                        }
                    }
                    clusters.add(cluster);
                    clusterBlocks.add(block);
                }
            }
            double[] t = new double[m * m];
            for (int k = 0; k < m; k++) {
                couplingRow(gram, eigenvalues, clusterOf, k, t);
            }
            this.coupling = linearAlgebra.copyOf(t, m, m);
            this.gramDiagonal = new double[m];
            double[][] squared = new double[alphas][m];
            for (int k = 0; k < m; k++) {
                gramDiagonal[k] = gram[k * m + k];
                boolean single = groups.get(clusterOf[k]).length == 1;
                for (int a = 0; a < alphas; a++) {
                    squared[a][k] = single ? shrinkage[a][k] * shrinkage[a][k] : 0;
                }
            }
            this.squaredShrinkage = copyOf(squared, m);
            this.alphasPerStack = 0;
            this.stacks = new Matrix[0];
            this.factor = null;
        } else {
            this.coupling = null;
            this.squaredShrinkage = null;
            this.gramDiagonal = null;
            this.clusters = List.of();
            this.clusterBlocks = List.of();
            this.factor = projectedFactor;
            this.alphasPerStack = rank == 0 || m == 0 ? alphas : (int) Math.max(1, Math.min(alphas, STACK_DOUBLES / ((long) rank * m)));
            // the stacked factors are kept across voxel blocks when they all fit the budget, else rebuilt per block
            this.stacks = new Matrix[(alphas + alphasPerStack - 1) / alphasPerStack];
            if (rank > 0 && m > 0 && (long) alphas * rank * m <= STACK_DOUBLES) {
                for (int s = 0; s < stacks.length; s++) {
                    stacks[s] = stack(s);
                }
            }
        }

        // u scaled by each alpha's shrinkage: the mean shift of the predictions
        double[] projectedOffset = spectrum.projectedOffset();
        double[][] shift = new double[alphas][m];
        for (int a = 0; a < alphas; a++) {
            for (int k = 0; k < m; k++) {
                shift[a][k] = shrinkage[a][k] * projectedOffset[k];
            }
        }
        this.shiftShrinkage = copyOf(shift, m);
    }

    @Override
    public AlphaPath evaluate(int from, int width) {
        int p = fold.features();
        boolean statisticsNeeded = trainingProjection == null || foldProjection == null;
        try (Matrix cross = statisticsNeeded ? linearAlgebra.allocate(p, width) : linearAlgebra.allocate(0, 0);
                Matrix q = linearAlgebra.allocate(m, width);
                Matrix work = linearAlgebra.allocate(m, width);
                Matrix sumPO = linearAlgebra.allocate(alphas, width);
                Matrix meanShift = linearAlgebra.allocate(alphas, width)) {
            // q = W_RᵀB: the eigen-coordinates of the training cross-moments
            if (singleTrainingProjection != null) {
                projectSingle(singleTrainingProjection, trainingProjectionSums, true, centerY, from, q);
            } else if (trainingProjection != null) {
                projectResponses(trainingProjection, rows::trainingRow, centerY, from, q);
            } else {
                trainingSet.crossInto(from, cross);
                linearAlgebra.gemm(true, false, 1, rangeBasis, cross, 0, q);
            }
            // R = W_RᵀCxy_f, and Σ_k s_ak q_kj R_kj for all alphas: wᵀCxy_f
            if (singleFoldProjection != null) {
                projectSingle(singleFoldProjection, foldProjectionSums, false, fold.meanYStorage(), from, work);
            } else if (foldProjection != null) {
                projectResponses(foldProjection, i -> rows.start() + i, fold.meanYStorage(), from, work);
            } else {
                cross.copyColumnsFrom(fold.cxyStorage(), fold.voxels(), from);
                linearAlgebra.gemm(true, false, 1, rangeBasis, cross, 0, work);
            }
            // element-wise work goes row by row through small buffers: whole-block heap copies were most of the garbage
            double[] rowQ = new double[width];
            double[] rowW = new double[width];
            for (int k = 0; k < m; k++) {
                q.read(k * width, rowQ, 0, width);
                work.read(k * width, rowW, 0, width);
                Matrix.multiply(rowW, rowQ);
                work.write(k * width, rowW, 0, width);
            }
            linearAlgebra.gemm(false, false, 1, shrinkageMatrix, work, 0, sumPO);
            // Σ_k s_ak u_k q_kj for all alphas: (x̄_f − c_x)ᵀw
            linearAlgebra.gemm(false, false, 1, shiftShrinkage, q, 0, meanShift);
            double[] sumPP = coupling != null ? partialFractionSquares(q, work, width) : lowRankSquares(q, width);
            return new AlphaPath(fold, centerY, from, width, meanShift.toArray(), sumPO.toArray(), sumPP);
        }
    }

    /** Σ(ŷ−ŷ̄)² by partial fractions; {@code work} (m×width) is scratch space. */
    private double[] partialFractionSquares(Matrix q, Matrix work, int width) {
        double[] sumPP = new double[alphas * width];
        double[] rowQ = new double[width];
        double[] rowW = new double[width];
        try (Matrix coupled = linearAlgebra.allocate(m, width); Matrix part = linearAlgebra.allocate(alphas, width)) {
            // 2 Σ_k s_ak q_k (T q)_k
            linearAlgebra.gemm(false, false, 1, coupling, q, 0, coupled);
            for (int k = 0; k < m; k++) {
                q.read(k * width, rowQ, 0, width);
                coupled.read(k * width, rowW, 0, width);
                Matrix.multiply(rowW, rowQ);
                work.write(k * width, rowW, 0, width);
            }
            linearAlgebra.gemm(false, false, 2, shrinkageMatrix, work, 0, part);
            // Σ_k s_ak² M_kk q_k² over single-direction clusters
            for (int k = 0; k < m; k++) {
                q.read(k * width, rowQ, 0, width);
                scaledSquares(rowQ, gramDiagonal[k], rowW);
                work.write(k * width, rowW, 0, width);
            }
            linearAlgebra.gemm(false, false, 1, squaredShrinkage, work, 1, part);
            part.read(0, sumPP, 0, sumPP.length);
        }
        addClusterSquares(q, width, sumPP);
        return sumPP;
    }

    /** Adds to sumPP the pairs inside each cluster of (nearly) equal eigenvalues, alpha by alpha. */
    private void addClusterSquares(Matrix q, int width, double[] sumPP) {
        for (int c = 0; c < clusters.size(); c++) {
            int[] cluster = clusters.get(c);
            double[] block = clusterBlocks.get(c);
            int size = cluster.length;
            double[] coordinates = new double[size * width];
            for (int i = 0; i < size; i++) {
                q.read(cluster[i] * width, coordinates, i * width, width);
            }
            double[] scaled = new double[size];
            for (int j = 0; j < width; j++) {
                for (int a = 0; a < alphas; a++) {
                    for (int i = 0; i < size; i++) {
                        scaled[i] = shrinkage[a][cluster[i]] * coordinates[i * width + j];
                    }
                    double quadratic = 0;
                    for (int i = 0; i < size; i++) {
                        double row = 0;
                        for (int l = 0; l < size; l++) {
                            row += block[i * size + l] * scaled[l];
                        }
                        quadratic += scaled[i] * row;
                    }
                    sumPP[a * width + j] += quadratic;
                }
            }
        }
    }

    // the element loops of the validation are small methods of their own (or Matrix's), which the JIT compiles once:
    // inline, each compiled again with its caller, on stack replacement and after, which in a fresh fit of the
    // feature-space route took about as much compiler time as the fit itself took (1.47 s at n=1000, p=300)

    /** target[k] ← x[base + k] − center[k]: one sample's row about a center. */
    private static void centered(double[] x, int base, double[] center, double[] target) {
        for (int k = 0; k < target.length; k++) {
            target[k] = x[base + k] - center[k];
        }
    }

    /** Row k of the partial-fraction coupling T_kl = M_kl / (λ_l − λ_k), zero inside k's cluster. */
    private static void couplingRow(double[] gram, double[] eigenvalues, int[] clusterOf, int k, double[] coupling) {
        int m = eigenvalues.length;
        for (int l = 0; l < m; l++) {
            if (clusterOf[k] != clusterOf[l]) {
                coupling[k * m + l] = gram[k * m + l] / (eigenvalues[l] - eigenvalues[k]);
            }
        }
    }

    /** target ← scale · values², element by element. */
    private static void scaledSquares(double[] values, double scale, double[] target) {
        for (int j = 0; j < values.length; j++) {
            target[j] = scale * values[j] * values[j];
        }
    }

    /** sum[offset + j] += values[j]² for every j of values. */
    private static void addSquares(double[] values, double[] sum, int offset) {
        for (int j = 0; j < values.length; j++) {
            sum[offset + j] += values[j] * values[j];
        }
    }

    /** target[k] ← source[indices[k]]. */
    private static void gather(double[] source, int[] indices, double[] target) {
        for (int k = 0; k < target.length; k++) {
            target[k] = source[indices[k]];
        }
    }

    /** sum ← sum + values · scale, element by element. */
    /** Σ(ŷ−ŷ̄)² = ‖G S_α q_j‖² for every alpha and voxel of the block, alphas×width row-major. */
    private double[] lowRankSquares(Matrix q, int width) {
        double[] sumPP = new double[alphas * width];
        if (rank == 0 || m == 0) {
            return sumPP;
        }
        double[] row = new double[width];
        for (int s = 0; s < stacks.length; s++) {
            Matrix stack = stacks[s] != null ? stacks[s] : stack(s);
            try (Matrix product = linearAlgebra.allocate(stack.rows(), width)) {
                linearAlgebra.gemm(false, false, 1, stack, q, 0, product);
                for (int r = 0; r < product.rows(); r++) {
                    product.read(r * width, row, 0, width);
                    addSquares(row, sumPP, (s * alphasPerStack + r / rank) * width);
                }
            } finally {
                if (stacks[s] == null) {
                    stack.close();
                }
            }
        }
        return sumPP;
    }

    /** (X[rows] − center) W_R: count×m, for the samples route. */
    private static Matrix projectRows(Rows rows, int count, java.util.function.IntUnaryOperator row, double[] center, Matrix rangeBasis,
            LinearAlgebra linearAlgebra) {
        int p = rangeBasis.rows();
        Matrix projected = linearAlgebra.allocate(count, rangeBasis.cols());
        try (Matrix centered = linearAlgebra.allocate(count, p)) {
            double[] values = new double[p];
            for (int i = 0; i < count; i++) {
                centered(rows.x(), row.applyAsInt(i) * p, center, values);
                centered.write(i * p, values, 0, p);
            }
            linearAlgebra.gemm(false, false, 1, centered, rangeBasis, 0, projected);
        }
        return projected;
    }

    /** out ← projectionᵀ (Y[rows, from..) − center): the samples route's product for one voxel block. */
    private void projectResponses(Matrix projection, java.util.function.IntUnaryOperator row, double[] center, int from, Matrix out) {
        int count = projection.rows();
        int width = out.cols();
        int v = fold.voxels();
        double[] y = rows.y();
        try (Matrix centered = linearAlgebra.allocate(count, width)) {
            double[] values = new double[width];
            for (int i = 0; i < count; i++) {
                int base = row.applyAsInt(i) * v + from;
                for (int j = 0; j < width; j++) {
                    values[j] = y[base + j] - center[from + j];
                }
                centered.write(i * width, values, 0, width);
            }
            linearAlgebra.gemm(true, false, 1, projection, centered, 0, out);
        }
    }

    /**
     * The same product in single precision, on views of the shared Ỹ = Y − c_s: the training rows are the rows
     * before the fold and the rows after it, so two products. projectionᵀ(Y − 1 centerᵀ) = projectionᵀỸ +
     * (projectionᵀ1)(c_s − center)ᵀ, the rank-one term in double.
     */
    private void projectSingle(SingleMatrix projection, double[] projectionSums, boolean training, double[] center, int from, Matrix out) {
        SingleResponses single = rows.single();
        int m = out.rows();
        int width = out.cols();
        try (SingleMatrix product = linearAlgebra.allocateSingle(m, width)) {
            if (training) {
                int before = rows.start();
                int after = rows.n() - rows.end();
                // the product starts zeroed; an empty side is skipped
                if (before > 0) {
                    linearAlgebra.gemm(true, false, projection.view(0, before, 0, m), single.centered().view(0, before, from, width), 0f, product);
                }
                if (after > 0) {
                    linearAlgebra.gemm(true, false, projection.view(before, after, 0, m), single.centered().view(rows.end(), after, from, width), 1f,
                            product);
                }
            } else {
                linearAlgebra.gemm(true, false, projection, single.centered().view(rows.start(), rows.foldSize(), from, width), 0f, product);
            }
            double[] shift = new double[width];
            for (int j = 0; j < width; j++) {
                shift[j] = single.center()[from + j] - center[from + j];
            }
            float[] values = new float[width];
            double[] row = new double[width];
            for (int k = 0; k < m; k++) {
                product.readRow(k, 0, values, 0, width);
                SingleMatrix.widenShifted(values, projectionSums[k], shift, row);
                out.write(k * width, row, 0, width);
            }
        }
    }

    private static double[] columnSums(Matrix matrix) {
        int cols = matrix.cols();
        double[] sums = new double[cols];
        double[] row = new double[cols];
        for (int i = 0; i < matrix.rows(); i++) {
            matrix.read(i * cols, row, 0, cols);
            for (int j = 0; j < cols; j++) {
                sums[j] += row[j];
            }
        }
        return sums;
    }

    private SingleMatrix rounded(Matrix source) {
        return linearAlgebra.rounded(source, new double[source.rows()]);
    }

    /** G S_α for the alphas of stack s, stacked vertically: (count·r)×m. */
    private Matrix stack(int s) {
        int firstAlpha = s * alphasPerStack;
        int count = Math.min(alphasPerStack, alphas - firstAlpha);
        Matrix stack = linearAlgebra.allocate(count * rank, m);
        double[] row = new double[m];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < rank; i++) {
                for (int k = 0; k < m; k++) {
                    row[k] = factor[i * m + k] * shrinkage[firstAlpha + c][k];
                }
                stack.write((c * rank + i) * m, row, 0, m);
            }
        }
        return stack;
    }

    /**
     * Groups ascending eigenvalues into runs whose neighbours are closer than (λ + α_max)/{@link #MAX_AMPLIFICATION}:
     * across groups the partial-fraction quotient magnifies rounding by less than that bound.
     */
    static List<int[]> clusters(double[] ascending, double largestAlpha) {
        List<int[]> groups = new ArrayList<>();
        int start = 0;
        for (int k = 1; k <= ascending.length; k++) {
            boolean split = k == ascending.length
                    || ascending[k] - ascending[k - 1] > (ascending[k] + largestAlpha) / MAX_AMPLIFICATION;
            if (split) {
                int[] group = new int[k - start];
                for (int i = 0; i < group.length; i++) {
                    group[i] = start + i;
                }
                groups.add(group);
                start = k;
            }
        }
        return groups;
    }

    private Matrix copyOf(double[][] rows, int cols) {
        Matrix matrix = linearAlgebra.allocate(rows.length, cols);
        for (int r = 0; r < rows.length; r++) {
            matrix.write(r * cols, rows[r], 0, cols);
        }
        return matrix;
    }

    @Override
    public void close() {
        for (Matrix stack : stacks) {
            if (stack != null) {
                stack.close();
            }
        }
        if (rangeBasis != null) {
            rangeBasis.close();
        }
        shrinkageMatrix.close();
        if (trainingProjection != null) {
            trainingProjection.close();
        }
        if (foldProjection != null) {
            foldProjection.close();
        }
        if (singleTrainingProjection != null) {
            singleTrainingProjection.close();
        }
        if (singleFoldProjection != null) {
            singleFoldProjection.close();
        }
        shiftShrinkage.close();
        if (coupling != null) {
            coupling.close();
            squaredShrinkage.close();
        }
    }
}
