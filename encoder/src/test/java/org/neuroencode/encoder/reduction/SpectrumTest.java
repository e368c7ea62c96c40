package org.neuroencode.encoder.reduction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.neuroencode.encoder.ridge.LinearAlgebra;

class SpectrumTest {

    private static final LinearAlgebra BACKEND = LinearAlgebra.preferred();

    @Test
    void shouldGiveTheSameGramSpectrumWhateverTheColumnBlocks() {
        TrainingRows rows = TrainingRows.of(PcaProblems.features(21, 12, 37));
        Standardization scaling = Standardization.fit(rows);
        Spectrum whole = Spectrum.gramRoute(rows, scaling, 8, 1e-10, BACKEND, Spectrum.DEFAULT_BLOCK_ELEMENTS);
        // 12 rows × 5 columns per block: 8 blocks, the last one narrower
        Spectrum blocked = Spectrum.gramRoute(rows, scaling, 8, 1e-10, BACKEND, 12 * 5);

        assertArrayEquals(whole.eigenvalues(), blocked.eigenvalues(), 1e-10 * whole.eigenvalues()[0]);
        assertArrayEquals(whole.components(), blocked.components(), 1e-10);
        assertEquals(whole.totalSumOfSquares(), blocked.totalSumOfSquares(), 1e-10 * whole.totalSumOfSquares());
    }

    @Test
    void shouldGiveTheSameCovarianceSpectrumWhateverTheRowBlocks() {
        TrainingRows rows = TrainingRows.of(PcaProblems.features(22, 41, 9));
        Standardization scaling = Standardization.fit(rows);
        Spectrum whole = Spectrum.covarianceRoute(rows, scaling, 9, 1e-10, BACKEND, Spectrum.DEFAULT_BLOCK_ELEMENTS);
        // 9 columns × 4 rows per block: 11 blocks, the last one shorter
        Spectrum blocked = Spectrum.covarianceRoute(rows, scaling, 9, 1e-10, BACKEND, 9 * 4);

        assertArrayEquals(whole.eigenvalues(), blocked.eigenvalues(), 1e-10 * whole.eigenvalues()[0]);
        assertEquals(whole.totalSumOfSquares(), blocked.totalSumOfSquares(), 1e-10 * whole.totalSumOfSquares());
        for (int r = 0; r < 9; r++) {
            double overlap = 0;
            for (int j = 0; j < 9; j++) {
                overlap += whole.components()[r * 9 + j] * blocked.components()[r * 9 + j];
            }
            assertEquals(1, Math.abs(overlap), 1e-10, "component " + r + " up to sign");
        }
    }
}
