package org.neuroencode.encoder.ridge;

import java.util.ArrayList;
import java.util.List;

/**
 * Independent reference implementation written the plain way, from samples: centering by two-pass means,
 * normal equations (XcᵀXc + αI)w = Xcᵀyc solved per voxel by Gaussian elimination, scores computed the long
 * way, and cross-validation by explicit loops over sample indices.
 */
final class NaiveRidge {

    private NaiveRidge() {
    }

    /** A fitted model: coef[i][j] for feature i and voxel j. */
    record Fit(double[][] coef, double[] intercept) {

        double[] predict(double[] x) {
            double[] out = intercept.clone();
            for (int i = 0; i < coef.length; i++) {
                for (int j = 0; j < out.length; j++) {
                    out[j] += x[i] * coef[i][j];
                }
            }
            return out;
        }
    }

    /** Ridge fit on {@code rows} with alpha[j] for voxel j. */
    static Fit fit(double[][] x, double[][] y, int[] rows, double[] alphaPerVoxel, boolean intercept) {
        int p = x[0].length;
        int v = y[0].length;
        double[] meanX = intercept ? mean(x, rows) : new double[p];
        double[] meanY = intercept ? mean(y, rows) : new double[v];
        double[][] gram = new double[p][p];
        double[][] cross = new double[p][v];
        for (int r : rows) {
            for (int i = 0; i < p; i++) {
                double xi = x[r][i] - meanX[i];
                for (int k = 0; k < p; k++) {
                    gram[i][k] += xi * (x[r][k] - meanX[k]);
                }
                for (int j = 0; j < v; j++) {
                    cross[i][j] += xi * (y[r][j] - meanY[j]);
                }
            }
        }
        double[][] coef = new double[p][v];
        double[] b = new double[v];
        for (int j = 0; j < v; j++) {
            double[][] system = new double[p][p];
            double[] rhs = new double[p];
            for (int i = 0; i < p; i++) {
                system[i] = gram[i].clone();
                system[i][i] += alphaPerVoxel[j];
                rhs[i] = cross[i][j];
            }
            double[] w = solve(system, rhs);
            b[j] = meanY[j];
            for (int i = 0; i < p; i++) {
                coef[i][j] = w[i];
                b[j] -= meanX[i] * w[i];
            }
        }
        return new Fit(coef, b);
    }

    static Fit fit(double[][] x, double[][] y, int[] rows, double alpha, boolean intercept) {
        double[] alphas = new double[y[0].length];
        java.util.Arrays.fill(alphas, alpha);
        return fit(x, y, rows, alphas, intercept);
    }

    /** Gaussian elimination with partial pivoting; overwrites its arguments. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] rowSwap = a[col];
            a[col] = a[pivot];
            a[pivot] = rowSwap;
            double bSwap = b[col];
            b[col] = b[pivot];
            b[pivot] = bSwap;
            for (int r = col + 1; r < n; r++) {
                double factor = a[r][col] / a[col][col];
                for (int c = col; c < n; c++) {
                    a[r][c] -= factor * a[col][c];
                }
                b[r] -= factor * b[col];
            }
        }
        double[] solution = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = b[r];
            for (int c = r + 1; c < n; c++) {
                sum -= a[r][c] * solution[c];
            }
            solution[r] = sum / a[r][r];
        }
        return solution;
    }

    static double score(RidgeSettings.Criterion criterion, double[] observed, double[] predicted) {
        return criterion == RidgeSettings.Criterion.R2 ? r2(observed, predicted) : pearson(observed, predicted);
    }

    static double r2(double[] observed, double[] predicted) {
        double mean = 0;
        for (double o : observed) {
            mean += o;
        }
        mean /= observed.length;
        double sse = 0;
        double sst = 0;
        for (int i = 0; i < observed.length; i++) {
            sse += (observed[i] - predicted[i]) * (observed[i] - predicted[i]);
            sst += (observed[i] - mean) * (observed[i] - mean);
        }
        return sst == 0 ? Double.NaN : 1 - sse / sst;
    }

    static double pearson(double[] a, double[] b) {
        double meanA = 0;
        double meanB = 0;
        for (int i = 0; i < a.length; i++) {
            meanA += a[i] / a.length;
            meanB += b[i] / b.length;
        }
        double saa = 0;
        double sbb = 0;
        double sab = 0;
        for (int i = 0; i < a.length; i++) {
            saa += (a[i] - meanA) * (a[i] - meanA);
            sbb += (b[i] - meanB) * (b[i] - meanB);
            sab += (a[i] - meanA) * (b[i] - meanB);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    /**
     * Mean validation score per [alpha][voxel] when training on {@code trainFolds} minus each validation fold in
     * turn; NaN fold scores are skipped.
     */
    static double[][] cvScores(double[][] x, double[][] y, List<int[]> folds, double[] alphas, RidgeSettings.Criterion criterion,
            boolean intercept) {
        int v = y[0].length;
        double[][] sum = new double[alphas.length][v];
        int[][] count = new int[alphas.length][v];
        for (int g = 0; g < folds.size(); g++) {
            int[] train = union(folds, g);
            int[] validation = folds.get(g);
            for (int a = 0; a < alphas.length; a++) {
                Fit fit = fit(x, y, train, alphas[a], intercept);
                double[][] predicted = predictRows(fit, x, validation);
                for (int j = 0; j < v; j++) {
                    double s = score(criterion, column(y, validation, j), column(predicted, j));
                    if (!Double.isNaN(s)) {
                        sum[a][j] += s;
                        count[a][j]++;
                    }
                }
            }
        }
        double[][] mean = new double[alphas.length][v];
        for (int a = 0; a < alphas.length; a++) {
            for (int j = 0; j < v; j++) {
                mean[a][j] = count[a][j] == 0 ? Double.NaN : sum[a][j] / count[a][j];
            }
        }
        return mean;
    }

    /** Per voxel, the alpha index with the best mean score; ties and all-NaN go to the largest alpha. */
    static int[] bestAlpha(double[][] scores) {
        int[] best = new int[scores[0].length];
        for (int j = 0; j < best.length; j++) {
            best[j] = scores.length - 1;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int a = 0; a < scores.length; a++) {
                if (scores[a][j] >= bestScore) {
                    bestScore = scores[a][j];
                    best[j] = a;
                }
            }
        }
        return best;
    }

    static double[][] predictRows(Fit fit, double[][] x, int[] rows) {
        double[][] predicted = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            predicted[r] = fit.predict(x[rows[r]]);
        }
        return predicted;
    }

    /** Contiguous folds sized as scikit-learn's KFold. */
    static List<int[]> contiguousFolds(int n, int k) {
        List<int[]> folds = new ArrayList<>();
        int start = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            int[] fold = new int[size];
            for (int i = 0; i < size; i++) {
                fold[i] = start + i;
            }
            folds.add(fold);
            start += size;
        }
        return folds;
    }

    /** All rows of the folds other than {@code excluded}. */
    static int[] union(List<int[]> folds, int... excluded) {
        List<Integer> rows = new ArrayList<>();
        for (int f = 0; f < folds.size(); f++) {
            final int fold = f;
            if (java.util.Arrays.stream(excluded).noneMatch(e -> e == fold)) {
                for (int r : folds.get(f)) {
                    rows.add(r);
                }
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    static double[] column(double[][] matrix, int[] rows, int j) {
        double[] values = new double[rows.length];
        for (int r = 0; r < rows.length; r++) {
            values[r] = matrix[rows[r]][j];
        }
        return values;
    }

    static double[] column(double[][] matrix, int j) {
        double[] values = new double[matrix.length];
        for (int r = 0; r < matrix.length; r++) {
            values[r] = matrix[r][j];
        }
        return values;
    }

    private static double[] mean(double[][] values, int[] rows) {
        double[] mean = new double[values[0].length];
        for (int r : rows) {
            for (int i = 0; i < mean.length; i++) {
                mean[i] += values[r][i];
            }
        }
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= rows.length;
        }
        return mean;
    }
}
