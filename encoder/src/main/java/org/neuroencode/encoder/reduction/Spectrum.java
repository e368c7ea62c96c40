package org.neuroencode.encoder.reduction;

import org.neuroencode.encoder.ridge.LinearAlgebra;
import org.neuroencode.encoder.ridge.Matrix;
import org.neuroencode.encoder.ridge.SymmetricEigen;

/**
 * The leading principal directions of the standardized training features, found by either route.
 *
 * @param eigenvalues squared singular values of the standardized data, descending
 * @param components unit-norm principal directions, row-major (eigenvalues.length)×p, in the same order
 * @param totalSumOfSquares Σ z² over all samples and features, whose share each eigenvalue is
 */
record Spectrum(double[] eigenvalues, double[] components, double totalSumOfSquares) {

    /** Working blocks hold about this many doubles (32 MiB), which bounds memory whatever n and p are. */
    static final int DEFAULT_BLOCK_ELEMENTS = 1 << 22;

    static Spectrum covarianceRoute(TrainingRows rows, Standardization scaling, int maxComponents, double tolerance, LinearAlgebra linearAlgebra,
            int blockElements) {
        int n = rows.samples();
        int p = rows.features();
        int rowsPerBlock = Math.max(1, blockElements / p);
        double total = 0;
        try (Matrix covariance = linearAlgebra.allocate(p, p)) {
            for (int first = 0; first < n; first += rowsPerBlock) {
                try (Matrix block = linearAlgebra.allocate(Math.min(rowsPerBlock, n - first), p)) {
                    total += scaling.fill(rows, first, 0, block);
                    linearAlgebra.gemm(true, false, 1, block, block, 1, covariance);
                }
            }
            try (SymmetricEigen eigen = linearAlgebra.symmetricEigen(covariance)) {
                int[] kept = leading(eigen.values(), maxComponents, tolerance);
                double[] vectors = eigen.vectors().toArray();
                double[] components = new double[kept.length * p];
                for (int r = 0; r < kept.length; r++) {
                    for (int j = 0; j < p; j++) {
                        components[r * p + j] = vectors[j * p + kept[r]];
                    }
                }
                return new Spectrum(valuesAt(eigen.values(), kept), components, total);
            }
        }
    }

    /**
     * With Z = USVᵀ, the Gram matrix ZZᵀ = US²Uᵀ is only n×n, and the components are Vᵀ = S⁻¹UᵀZ. Z is streamed
     * in column blocks twice (once for ZZᵀ, once for the projection) so it is never held whole.
     */
    static Spectrum gramRoute(TrainingRows rows, Standardization scaling, int maxComponents, double tolerance, LinearAlgebra linearAlgebra,
            int blockElements) {
        int n = rows.samples();
        int p = rows.features();
        int colsPerBlock = Math.max(1, blockElements / n);
        double total = 0;
        try (Matrix gram = linearAlgebra.allocate(n, n)) {
            for (int from = 0; from < p; from += colsPerBlock) {
                try (Matrix block = linearAlgebra.allocate(n, Math.min(colsPerBlock, p - from))) {
                    total += scaling.fill(rows, 0, from, block);
                    linearAlgebra.gemm(false, true, 1, block, block, 1, gram);
                }
            }
            try (SymmetricEigen eigen = linearAlgebra.symmetricEigen(gram)) {
                int[] kept = leading(eigen.values(), maxComponents, tolerance);
                double[] values = valuesAt(eigen.values(), kept);
                double[] components = project(rows, scaling, eigen.vectors().toArray(), kept, values, colsPerBlock, linearAlgebra);
                normalizeRows(components, kept.length, p);
                return new Spectrum(values, components, total);
            }
        }
    }

    /** S⁻¹UᵀZ, with S⁻¹ folded into U so that one gemm per block gives the components directly. */
    private static double[] project(TrainingRows rows, Standardization scaling, double[] vectors, int[] kept, double[] values, int colsPerBlock,
            LinearAlgebra linearAlgebra) {
        int n = rows.samples();
        int p = rows.features();
        int k = kept.length;
        double[] components = new double[k * p];
        try (Matrix scaledU = linearAlgebra.allocate(n, k)) {
            double[] u = new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int r = 0; r < k; r++) {
                    u[i * k + r] = vectors[i * n + kept[r]] / Math.sqrt(values[r]);
                }
            }
            scaledU.copyFrom(u);
            for (int from = 0; from < p; from += colsPerBlock) {
                int width = Math.min(colsPerBlock, p - from);
                try (Matrix block = linearAlgebra.allocate(n, width); Matrix out = linearAlgebra.allocate(k, width)) {
                    scaling.fill(rows, 0, from, block);
                    linearAlgebra.gemm(true, false, 1, scaledU, block, 0, out);
                    for (int r = 0; r < k; r++) {
                        out.read(r * width, components, r * p + from, width);
                    }
                }
            }
        }
        return components;
    }

    /** Rounding in λ leaves ‖Zᵀu‖/√λ off 1 by about ε·λ_max/λ; the basis is promised orthonormal, so restore unit norm. */
    private static void normalizeRows(double[] components, int k, int p) {
        for (int r = 0; r < k; r++) {
            double norm = 0;
            for (int j = 0; j < p; j++) {
                norm += components[r * p + j] * components[r * p + j];
            }
            double inverse = 1 / Math.sqrt(norm);
            for (int j = 0; j < p; j++) {
                components[r * p + j] *= inverse;
            }
        }
    }

    /**
     * Indices of at most {@code maxCount} largest eigenvalues, descending, leaving out those at or below
     * {@code tolerance} times the largest (including the rounding-level negatives of a PSD matrix).
     */
    private static int[] leading(double[] ascending, int maxCount, double tolerance) {
        int size = ascending.length;
        double largest = size == 0 ? 0 : ascending[size - 1];
        int count = 0;
        while (count < Math.min(maxCount, size) && ascending[size - 1 - count] > tolerance * largest && ascending[size - 1 - count] > 0) {
            count++;
        }
        int[] indices = new int[count];
        for (int r = 0; r < count; r++) {
            indices[r] = size - 1 - r;
        }
        return indices;
    }

    private static double[] valuesAt(double[] values, int[] indices) {
        double[] selected = new double[indices.length];
        for (int r = 0; r < indices.length; r++) {
            selected[r] = values[indices[r]];
        }
        return selected;
    }
}
