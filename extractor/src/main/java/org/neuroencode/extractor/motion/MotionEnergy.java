package org.neuroencode.extractor.motion;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.neuroencode.extractor.video.GrayVideo;

/**
 * Spatio-temporal Gabor energy after Nishimoto et al. (2011), in the manner of pymoten, built to need no
 * weights and to run per clip on one core.
 *
 * <p>A channel is a quadrature pair of spatio-temporal Gabors, spatial Gabor x temporal sinusoid under a
 * Gaussian window, and its energy is the sum of the two squared responses, which makes it insensitive to
 * the phase of the pattern. The pair is never built as a 3-D filter: because cos(a - b) and sin(a - b)
 * expand into products of spatial and temporal cosines and sines, each frame is projected once onto the
 * spatial pairs and the four products are combined per temporal frequency. Opposite directions share a
 * spatial pair and differ only in the sign of those products, so they come at no extra spatial cost.
 *
 * <p>Energies are computed for every frame whose temporal window lies inside the clip (padding would fake
 * a motion onset), averaged over those frames, then compressed. Instances are immutable and thread-safe.
 */
public final class MotionEnergy {

    private final MotionEnergyConfig config;
    private final SpatialGaborBank spatialBank;
    private final List<MotionChannel> channels;
    private final Map<Double, TemporalFilterBank> temporalBanks = new ConcurrentHashMap<>();

    public MotionEnergy(MotionEnergyConfig config) {
        this.config = config;
        this.spatialBank = new SpatialGaborBank(config);
        this.channels = List.copyOf(layoutChannels(config));
    }

    public MotionEnergy() {
        this(MotionEnergyConfig.defaults());
    }

    public MotionEnergyConfig config() {
        return config;
    }

    public int dimension() {
        return channels.size();
    }

    public List<MotionChannel> channels() {
        return channels;
    }

    public List<String> channelNames() {
        return channels.stream().map(MotionChannel::name).toList();
    }

    /** The shortest clip, in frames, whose every channel has one full temporal window at this frame rate. */
    public int minimumFrames(double fps) {
        return temporalBank(fps).length();
    }

    /** Compressed clip-mean energies, one per {@link #channels()} entry. */
    public double[] features(GrayVideo video) {
        double[][] perFrame = frameEnergies(video);
        double[] features = new double[dimension()];
        for (double[] frame : perFrame) {
            for (int k = 0; k < features.length; k++) {
                features[k] += frame[k];
            }
        }
        for (int k = 0; k < features.length; k++) {
            features[k] = config.compression().apply(config.compressionGain() * features[k] / perFrame.length);
        }
        return features;
    }

    /**
     * Uncompressed energies for each frame with a full temporal window around it, in time order: frame
     * {@code i} of the result is centred on frame {@code i + (minimumFrames - 1) / 2} of the clip.
     */
    public double[][] frameEnergies(GrayVideo video) {
        GrayVideo frames = video.resized(config.workingSize(), config.workingSize());
        TemporalFilterBank temporal = temporalBank(frames.fps());
        if (frames.frameCount() < temporal.length()) {
            throw new IllegalArgumentException("the clip has " + frames.frameCount() + " frames; a "
                    + config.temporalWindowSeconds() + " s window at " + frames.fps() + " fps needs "
                    + temporal.length());
        }
        int pairs = spatialBank.pairCount();
        double[][] even = new double[frames.frameCount()][pairs];
        double[][] odd = new double[frames.frameCount()][pairs];
        for (int t = 0; t < frames.frameCount(); t++) {
            spatialBank.project(frames.frame(t), even[t], odd[t]);
        }
        double[][] energies = new double[frames.frameCount() - temporal.length() + 1][];
        for (int start = 0; start < energies.length; start++) {
            energies[start] = windowEnergies(even, odd, start, temporal);
        }
        return energies;
    }

    private double[] windowEnergies(double[][] even, double[][] odd, int start, TemporalFilterBank temporal) {
        int orientations = config.orientationCount();
        int sites = spatialBank.pairCount() / orientations;
        List<Double> frequencies = config.temporalFrequenciesHz();
        double[] energy = new double[dimension()];
        int k = 0;
        for (int site = 0; site < sites; site++) {
            for (int f = 0; f < frequencies.size(); f++) {
                boolean still = frequencies.get(f) == 0;
                for (int o = 0; o < orientations; o++) {
                    int pair = site * orientations + o;
                    if (still) {
                        double evenPart = filter(temporal.envelope(), even, start, pair);
                        double oddPart = filter(temporal.envelope(), odd, start, pair);
                        energy[k + o] = evenPart * evenPart + oddPart * oddPart;
                    } else {
                        double cosEven = filter(temporal.cosine(f), even, start, pair);
                        double sinOdd = filter(temporal.sine(f), odd, start, pair);
                        double cosOdd = filter(temporal.cosine(f), odd, start, pair);
                        double sinEven = filter(temporal.sine(f), even, start, pair);
                        double forwardReal = cosEven + sinOdd;
                        double forwardImaginary = cosOdd - sinEven;
                        double backwardReal = cosEven - sinOdd;
                        double backwardImaginary = cosOdd + sinEven;
                        energy[k + o] = forwardReal * forwardReal + forwardImaginary * forwardImaginary;
                        energy[k + o + orientations] = backwardReal * backwardReal + backwardImaginary * backwardImaginary;
                    }
                }
                k += still ? orientations : 2 * orientations;
            }
        }
        return energy;
    }

    private static double filter(double[] taps, double[][] responses, int start, int pair) {
        double sum = 0;
        for (int j = 0; j < taps.length; j++) {
            sum += taps[j] * responses[start + j][pair];
        }
        return sum;
    }

    private TemporalFilterBank temporalBank(double fps) {
        return temporalBanks.computeIfAbsent(fps,
                rate -> new TemporalFilterBank(config.temporalFrequenciesHz(), config.temporalWindowSeconds(), rate));
    }

    /** Must follow the order in which {@link #windowEnergies} fills its output. */
    private static List<MotionChannel> layoutChannels(MotionEnergyConfig config) {
        List<MotionChannel> channels = new ArrayList<>();
        double step = 360.0 / config.directionCount();
        for (SpatialScale scale : config.spatialScales()) {
            for (int row = 0; row < scale.gridSide(); row++) {
                for (int col = 0; col < scale.gridSide(); col++) {
                    for (double frequency : config.temporalFrequenciesHz()) {
                        int angles = frequency == 0 ? config.orientationCount() : config.directionCount();
                        for (int a = 0; a < angles; a++) {
                            channels.add(new MotionChannel(scale.cyclesPerImage(), row, col, frequency, a * step));
                        }
                    }
                }
            }
        }
        return channels;
    }
}
