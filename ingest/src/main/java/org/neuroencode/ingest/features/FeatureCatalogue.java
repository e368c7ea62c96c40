package org.neuroencode.ingest.features;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The catalogue attributes of a feature model, carried in {@code Features.attributes} under the keys the
 * built-in extractors use (modality, arch, multiscale, supervision, streams, pretraining, untrained), so that
 * features computed elsewhere group with built-in ones in family comparisons. Unset attributes are left out.
 */
public record FeatureCatalogue(String modality, String arch, Boolean multiscale, String supervision, String streams,
    String pretraining, Boolean untrained) {
  static final Set<String> MODALITIES = Set.of("image", "video");
  static final Set<String> ARCHITECTURES = Set.of("conv", "transformer");
  static final Set<String> STREAMS = Set.of("single", "two");

  public FeatureCatalogue {
    require("modality", modality, MODALITIES);
    require("arch", arch, ARCHITECTURES);
    require("streams", streams, STREAMS);
  }

  public static FeatureCatalogue none() {
    return new FeatureCatalogue(null, null, null, null, null, null, null);
  }

  public Map<String, String> attributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    put(attributes, "modality", modality);
    put(attributes, "arch", arch);
    put(attributes, "multiscale", multiscale);
    put(attributes, "supervision", supervision);
    put(attributes, "streams", streams);
    put(attributes, "pretraining", pretraining);
    put(attributes, "untrained", untrained);
    return attributes;
  }

  private static void put(Map<String, String> attributes, String key, Object value) {
    if (value != null) {
      attributes.put(key, value.toString());
    }
  }

  private static void require(String name, String value, Set<String> allowed) {
    if (value != null && !allowed.contains(value)) {
      throw new IllegalArgumentException("--" + name + " must be one of " + allowed.stream().sorted().toList()
          + ", not '" + value + "'");
    }
  }
}
