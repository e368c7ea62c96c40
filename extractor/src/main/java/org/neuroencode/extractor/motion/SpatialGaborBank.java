package org.neuroencode.extractor.motion;

import java.util.ArrayList;
import java.util.List;

/**
 * Quadrature pairs of spatial Gabors, one pair per (scale, grid position, orientation), precomputed on the
 * working grid. Projecting each frame onto them once is the spatial half of the separable
 * spatio-temporal filtering.
 *
 * <p>Each envelope sums to 1 and is cut at {@value #SUPPORT_SIGMAS} sigma, so a fine filter reads only its
 * own patch. Both filters of a pair have their mean removed, so uniform luminance, and hence a change of
 * overall brightness, gives no response.
 */
final class SpatialGaborBank {

    private static final double SUPPORT_SIGMAS = 4;

    private final int size;
    private final int orientationCount;
    private final List<Site> sites = new ArrayList<>();

    /** A filter centre: its support box on the working grid and one even/odd pair per orientation. */
    private record Site(int rowStart, int rowEnd, int colStart, int colEnd, float[][] even, float[][] odd) {
    }

    SpatialGaborBank(MotionEnergyConfig config) {
        this.size = config.workingSize();
        this.orientationCount = config.orientationCount();
        for (SpatialScale scale : config.spatialScales()) {
            for (int row = 0; row < scale.gridSide(); row++) {
                for (int col = 0; col < scale.gridSide(); col++) {
                    sites.add(site(scale, (row + 0.5) / scale.gridSide(), (col + 0.5) / scale.gridSide(),
                            config.envelopeCycles(), config.directionCount()));
                }
            }
        }
    }

    int pairCount() {
        return sites.size() * orientationCount;
    }

    /** Writes the even and odd responses of pair {@code site * orientations + orientation}. */
    void project(float[] frame, double[] even, double[] odd) {
        int pair = 0;
        for (Site site : sites) {
            for (int o = 0; o < orientationCount; o++, pair++) {
                float[] evenFilter = site.even()[o];
                float[] oddFilter = site.odd()[o];
                double evenSum = 0;
                double oddSum = 0;
                int k = 0;
                for (int r = site.rowStart(); r < site.rowEnd(); r++) {
                    int base = r * size;
                    for (int c = site.colStart(); c < site.colEnd(); c++, k++) {
                        float pixel = frame[base + c];
                        evenSum += evenFilter[k] * pixel;
                        oddSum += oddFilter[k] * pixel;
                    }
                }
                even[pair] = evenSum;
                odd[pair] = oddSum;
            }
        }
    }

    private Site site(SpatialScale scale, double centreY, double centreX, double envelopeCycles, int directionCount) {
        double sigma = envelopeCycles / scale.cyclesPerImage();
        double reach = SUPPORT_SIGMAS * sigma;
        int rowStart = Math.max(0, (int) Math.floor((centreY - reach) * size));
        int rowEnd = Math.min(size, (int) Math.ceil((centreY + reach) * size));
        int colStart = Math.max(0, (int) Math.floor((centreX - reach) * size));
        int colEnd = Math.min(size, (int) Math.ceil((centreX + reach) * size));
        int area = (rowEnd - rowStart) * (colEnd - colStart);

        double[] envelope = new double[area];
        double[] dx = new double[area];
        double[] dy = new double[area];
        double total = 0;
        int k = 0;
        for (int r = rowStart; r < rowEnd; r++) {
            for (int c = colStart; c < colEnd; c++, k++) {
                dx[k] = (c + 0.5) / size - centreX;
                dy[k] = (r + 0.5) / size - centreY;
                double radius2 = dx[k] * dx[k] + dy[k] * dy[k];
                envelope[k] = radius2 > reach * reach ? 0 : Math.exp(-radius2 / (2 * sigma * sigma));
                total += envelope[k];
            }
        }
        for (int i = 0; i < area; i++) {
            envelope[i] /= total;
        }

        float[][] even = new float[orientationCount][];
        float[][] odd = new float[orientationCount][];
        for (int o = 0; o < orientationCount; o++) {
            double theta = 2 * Math.PI * o / directionCount;
            double[] cosine = new double[area];
            double[] sine = new double[area];
            for (int i = 0; i < area; i++) {
                // rows grow downward, so upward (positive angles) is -dy
                double phase = 2 * Math.PI * scale.cyclesPerImage() * (dx[i] * Math.cos(theta) - dy[i] * Math.sin(theta));
                cosine[i] = envelope[i] * Math.cos(phase);
                sine[i] = envelope[i] * Math.sin(phase);
            }
            even[o] = withoutMean(cosine, envelope);
            odd[o] = withoutMean(sine, envelope);
        }
        return new Site(rowStart, rowEnd, colStart, colEnd, even, odd);
    }

    /** Subtracts the envelope-shaped DC so the filter sums to zero yet keeps its support and shape. */
    private static float[] withoutMean(double[] filter, double[] unitEnvelope) {
        double dc = 0;
        for (double value : filter) {
            dc += value;
        }
        float[] out = new float[filter.length];
        for (int i = 0; i < filter.length; i++) {
            out[i] = (float) (filter[i] - dc * unitEnvelope[i]);
        }
        return out;
    }
}
