package org.neuroencode.extractor.network;

import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import org.neuroencode.extractor.catalogue.ModelEntry;

/**
 * A loaded network with its layer taps. The model is shared and thread-safe; a {@link Predictor} is not, so
 * every thread takes its own ({@link PredictorPool}).
 */
public final class TappedNetwork implements AutoCloseable {
  private final ModelEntry entry;
  private final Model model;
  private final LayerTapTranslator translator;

  TappedNetwork(ModelEntry entry, Model model, LayerTapTranslator translator) {
    this.entry = entry;
    this.model = model;
    this.translator = translator;
  }

  public ModelEntry entry() {
    return entry;
  }

  public Predictor<ClipBatch, LayerBatch> newPredictor() {
    return model.newPredictor(translator);
  }

  /** Runs one batch; a failure is one line naming the model. */
  public static LayerBatch run(Predictor<ClipBatch, LayerBatch> predictor, ClipBatch batch, String modelId) {
    try {
      return predictor.predict(batch);
    } catch (TranslateException | RuntimeException e) {
      Throwable cause = e;
      while (cause.getCause() != null && (cause instanceof TranslateException || cause.getMessage() == null)) {
        cause = cause.getCause();
      }
      if (cause instanceof LayerTapTranslator.MissingLayerException missing) {
        throw missing;
      }
      throw new IllegalStateException("model " + modelId + ": forward pass failed: " + cause.getMessage(), e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
