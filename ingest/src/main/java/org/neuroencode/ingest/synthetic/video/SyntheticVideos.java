package org.neuroencode.ingest.synthetic.video;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Procedural stimulus set: clip {@code index} of seed {@code seed} is a pure function of the two, drawn
 * from its own random stream, so clips can be generated in any order, on any thread, or again later, and
 * come out identical. See {@link SceneSampler} for the parameter ranges and {@link HiddenFeatures} for
 * what the hidden features mean.
 */
public final class SyntheticVideos {

    private final SyntheticVideoConfig config;
    private final long seed;
    private final List<String> hiddenFeatureNames;

    public SyntheticVideos(SyntheticVideoConfig config, long seed) {
        this.config = config;
        this.seed = seed;
        this.hiddenFeatureNames = List.copyOf(HiddenFeatures.names(config.hiddenGridSide()));
    }

    public SyntheticVideos(long seed) {
        this(SyntheticVideoConfig.defaults(), seed);
    }

    public SyntheticVideoConfig config() {
        return config;
    }

    /** The scene of clip {@code index}, without rendering it. */
    public SceneParameters parameters(int index) {
        return SceneSampler.sample(new SplittableRandom(streamSeed(seed, index)), config);
    }

    public SyntheticVideo generate(int index) {
        SceneParameters scene = parameters(index);
        return new SyntheticVideo(seed, index, scene, SceneRenderer.render(scene, config),
                HiddenFeatures.compute(scene, config));
    }

    public int hiddenDimension() {
        return hiddenFeatureNames.size();
    }

    public List<String> hiddenFeatureNames() {
        return hiddenFeatureNames;
    }

    /** SplitMix64's finaliser over both inputs, so neighbouring seeds and indices give unrelated streams. */
    static long streamSeed(long seed, int index) {
        return mix(seed ^ mix(index + 0x9E3779B97F4A7C15L));
    }

    private static long mix(long value) {
        long z = value;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
