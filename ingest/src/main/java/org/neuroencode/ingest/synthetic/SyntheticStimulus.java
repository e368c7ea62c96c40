package org.neuroencode.ingest.synthetic;

import org.neuroencode.core.schema.Split;

/** One generated stimulus: its H.264 mp4 bytes and the features its voxels read out. */
public record SyntheticStimulus(String stimulusId, int index, Split split, byte[] mp4, double[] drivers) {}
