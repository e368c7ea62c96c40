package org.neuroencode.ingest.timeseries;

import org.neuroencode.core.schema.Split;

/**
 * One presentation of a stimulus in a run, as an events.tsv row gives it, with its repetition number among all
 * the presentations of that stimulus to the subject (see {@link RepetitionCounter}).
 */
public record StimulusEvent(String stimulusId, double onsetSeconds, double durationSeconds, int repetition, Split split) {}
