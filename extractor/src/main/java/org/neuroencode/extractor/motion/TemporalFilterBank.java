package org.neuroencode.extractor.motion;

import java.util.List;

/**
 * The temporal half of the separable filters, sampled at one frame rate: a symmetric window of
 * {@code 2 * halfWidth + 1} frames whose Gaussian envelope (sigma = half the half-width, so the cut is at
 * 2 sigma) sums to 1. For a drift frequency f the pair is envelope x cos(2 pi f t) and envelope x
 * sin(2 pi f t), the cosine with its mean removed (otherwise a still image would leak into moving channels)
 * and then rescaled to its former gain at f, so that a matched drift meets the pair's full gain.
 */
final class TemporalFilterBank {

    private final int halfWidth;
    private final double[] envelope;
    private final double[][] cosine;
    private final double[][] sine;

    TemporalFilterBank(List<Double> frequenciesHz, double windowSeconds, double fps) {
        double nyquist = fps / 2;
        for (double frequency : frequenciesHz) {
            if (frequency >= nyquist) {
                throw new IllegalArgumentException("temporal frequency " + frequency + " Hz needs more than "
                        + 2 * frequency + " fps, the video has " + fps);
            }
        }
        halfWidth = Math.max(1, (int) Math.round((windowSeconds * fps - 1) / 2));
        int length = 2 * halfWidth + 1;
        double sigma = halfWidth / 2.0;
        envelope = new double[length];
        double total = 0;
        for (int j = 0; j < length; j++) {
            double offset = j - halfWidth;
            envelope[j] = Math.exp(-offset * offset / (2 * sigma * sigma));
            total += envelope[j];
        }
        for (int j = 0; j < length; j++) {
            envelope[j] /= total;
        }
        cosine = new double[frequenciesHz.size()][length];
        sine = new double[frequenciesHz.size()][length];
        for (int f = 0; f < frequenciesHz.size(); f++) {
            double radiansPerFrame = 2 * Math.PI * frequenciesHz.get(f) / fps;
            double dc = 0;
            for (int j = 0; j < length; j++) {
                cosine[f][j] = envelope[j] * Math.cos(radiansPerFrame * (j - halfWidth));
                sine[f][j] = envelope[j] * Math.sin(radiansPerFrame * (j - halfWidth));
                dc += cosine[f][j];
            }
            for (int j = 0; j < length; j++) {
                cosine[f][j] -= dc * envelope[j];
            }
            if (frequenciesHz.get(f) > 0) {
                restoreCarrierGain(cosine[f], radiansPerFrame);
            }
        }
    }

    /**
     * Removing the mean takes dc^2 off the cosine's gain at its own frequency (dc being the envelope's response
     * to that cosine, large when the window holds about one cycle), so slow channels would hear a matched
     * grating more weakly than fast ones, and the quadrature pair would no longer sum to the envelope's gain.
     * Rescaling the mean-free cosine to its former gain at the carrier keeps it blind to a still image and
     * gives a matched grating the same energy at every temporal frequency and frame rate.
     */
    private void restoreCarrierGain(double[] meanFreeCosine, double radiansPerFrame) {
        double former = 0;
        double current = 0;
        for (int j = 0; j < meanFreeCosine.length; j++) {
            double carrier = Math.cos(radiansPerFrame * (j - halfWidth));
            former += envelope[j] * carrier * carrier;
            current += meanFreeCosine[j] * carrier;
        }
        for (int j = 0; j < meanFreeCosine.length; j++) {
            meanFreeCosine[j] *= former / current;
        }
    }

    int halfWidth() {
        return halfWidth;
    }

    int length() {
        return envelope.length;
    }

    double[] envelope() {
        return envelope;
    }

    double[] cosine(int frequencyIndex) {
        return cosine[frequencyIndex];
    }

    double[] sine(int frequencyIndex) {
        return sine[frequencyIndex];
    }
}
