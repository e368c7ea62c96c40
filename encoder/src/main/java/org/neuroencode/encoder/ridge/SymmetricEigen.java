package org.neuroencode.encoder.ridge;

/**
 * Eigendecomposition A = V diag(values) Vᵀ of a symmetric matrix.
 *
 * @param values eigenvalues in ascending order
 * @param vectors orthonormal eigenvectors as the columns of a square matrix, in the order of {@code values}
 */
public record SymmetricEigen(double[] values, Matrix vectors) implements AutoCloseable {

    @Override
    public void close() {
        vectors.close();
    }
}
