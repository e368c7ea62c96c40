package org.neuroencode.extractor.catalogue;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The attributes by which the paper compares model families: image vs video, convolutional vs transformer,
 * multiscale or not, supervised vs self-supervised, single- vs two-stream, and the pretraining dataset.
 */
public record Family(String modality, String arch, boolean multiscale, String supervision, String streams,
    String pretraining) {

  public Map<String, String> attributes() {
    Map<String, String> attributes = new LinkedHashMap<>();
    attributes.put("modality", modality);
    attributes.put("arch", arch);
    attributes.put("multiscale", String.valueOf(multiscale));
    attributes.put("supervision", supervision);
    attributes.put("streams", streams);
    attributes.put("pretraining", pretraining);
    return attributes;
  }
}
