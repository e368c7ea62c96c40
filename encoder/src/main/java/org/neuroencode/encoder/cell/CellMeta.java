package org.neuroencode.encoder.cell;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * What a cell knows about itself: its dimensions, where its voxels sit in the ROI, the dtype of its
 * responses, counts and attributes.
 */
record CellMeta(int features, int voxels, int voxelOffset, int roiVoxels, String responseDtype, long responses,
    Map<String, String> attributes) {
  private static final ObjectMapper JSON = new ObjectMapper();

  CellMeta withOneMoreResponse() {
    return new CellMeta(features, voxels, voxelOffset, roiVoxels, responseDtype, responses + 1, attributes);
  }

  byte[] toBytes() {
    try {
      return JSON.writeValueAsBytes(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static CellMeta fromBytes(byte[] bytes) {
    try {
      return JSON.readValue(bytes, CellMeta.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
