package org.neuroencode.extractor.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.FeatureModel;
import org.neuroencode.extractor.motion.MotionEnergy;
import org.neuroencode.extractor.motion.MotionEnergyConfig;
import org.neuroencode.extractor.video.DecodeOptions;
import org.neuroencode.extractor.video.GrayVideo;
import org.neuroencode.extractor.video.VideoCodec;
import org.neuroencode.extractor.video.VideoDecodeException;

/** The weight-free motion-energy model (Nishimoto et al. 2011) as a feature model with one layer. */
public final class MotionEnergyModel implements FeatureModel {
  public static final String ID = "motion-energy";
  public static final String LAYER = "energy";
  private final String id;
  private final MotionEnergy motionEnergy;

  /** A pyramid other than the default needs its own model id, or its features would mix with the default's. */
  public MotionEnergyModel(String id, MotionEnergyConfig config) {
    this.id = org.neuroencode.core.ids.Ids.require("model id", id);
    this.motionEnergy = new MotionEnergy(config);
  }

  public MotionEnergyModel() {
    this(ID, MotionEnergyConfig.defaults());
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public List<String> layers() {
    return List.of(LAYER);
  }

  @Override
  public Map<String, String> attributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("modality", "video");
    attributes.put("arch", "motion-energy");
    attributes.put("multiscale", "true");
    attributes.put("supervision", "none");
    attributes.put("streams", "single");
    attributes.put("pretraining", "none");
    attributes.put("untrained", "false");
    attributes.put("source", "builtin");
    attributes.put("dimension", String.valueOf(motionEnergy.dimension()));
    return attributes;
  }

  @Override
  public Map<String, double[]> extract(byte[] video) throws VideoDecodeException {
    return Map.of(LAYER, motionEnergy.features(decode(video)));
  }

  /** Decodes at the pyramid's working size and checks that the clip spans a full temporal window. */
  public GrayVideo decode(byte[] video) throws VideoDecodeException {
    int size = motionEnergy.config().workingSize();
    GrayVideo decoded = VideoCodec.decodeGray(video, DecodeOptions.ofSize(size, size));
    int needed = motionEnergy.minimumFrames(decoded.fps());
    if (decoded.frameCount() < needed) {
      throw new VideoDecodeException("video too short for motion energy: " + decoded.frameCount() + " frames at "
          + decoded.fps() + " fps, needs at least " + needed);
    }
    return decoded;
  }

  public double[] features(GrayVideo video) {
    return motionEnergy.features(video);
  }

  public int dimension() {
    return motionEnergy.dimension();
  }
}
