package org.neuroencode.ingest.timeseries;

/** An event's response: the mean of its window's volumes, voxel by voxel (all ROIs of the run, concatenated). */
public record WindowedResponse(StimulusEvent event, int firstVolume, int lastVolume, double[] values) {}
