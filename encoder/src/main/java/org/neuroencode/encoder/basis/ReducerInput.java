package org.neuroencode.encoder.basis;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.neuroencode.core.claim.FeatureClaims;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.Features;
import org.neuroencode.core.topic.AvroSerde;
import org.neuroencode.core.topic.Topics;

/**
 * Picks the raw features out of the encoder's input stream (responses and features) and re-keys them by
 * experimentId/model/layer. Reduced features (attribute {@code basis}) and undecodable records are skipped:
 * the join handles, and dead-letters, those.
 */
public final class ReducerInput implements Processor<String, byte[], String, Features> {
  private final AvroSerde<Features> features = (AvroSerde<Features>) Topics.FEATURES.valueSerde();
  private ProcessorContext<String, Features> context;

  @Override
  public void init(ProcessorContext<String, Features> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, byte[]> record) {
    boolean fromFeatures = context.recordMetadata().map(m -> Topics.FEATURES.name().equals(m.topic())).orElse(false);
    if (!fromFeatures || record.value() == null) {
      return;
    }
    Features feature;
    try {
      // a claim-checked vector is read here, once; the join dead-letters one whose file is missing or altered
      feature = FeatureClaims.resolve(features.decode(record.value()));
    } catch (RuntimeException undecodable) {
      return;
    }
    if (ReducedFeatures.isReduced(feature) || !Ids.isValid(feature.getExperimentId())
        || !Ids.isValid(feature.getStimulusId()) || !Ids.isValid(feature.getModel()) || !Ids.isValid(feature.getLayer())) {
      return;
    }
    context.forward(record.withKey(ReducedFeatures.groupKey(feature)).withValue(feature));
  }
}
