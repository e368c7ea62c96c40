package org.neuroencode.encoder.connectivity;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.neuroencode.core.ids.Ids;
import org.neuroencode.core.schema.EncodingSample;
import org.neuroencode.core.schema.Split;
import org.neuroencode.core.tensor.Tensors;
import org.neuroencode.encoder.EncoderSettings;
import org.neuroencode.encoder.StoreNames;
import org.neuroencode.encoder.ridge.InsufficientDataException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2 and layer fusion, streamed: joined samples keyed by (experiment, subject, model) are folded into one
 * stored row per stimulus; on a wall-clock punctuation, a model with enough new responses since its last fit
 * (or with any, once its input has gone quiet for an interval) is refitted from its rows with
 * {@link ModelConnectivity}, the same function a batch run calls, on a background thread (see {@link #refitDue}).
 * Emits scores and connectivity records.
 */
public final class ConnectivityProcessor implements Processor<String, EncodingSample, String, Object> {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectivityProcessor.class);
  private final EncoderSettings settings;
  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, byte[]> rows;
  private KeyValueStore<String, byte[]> pending;
  private static final java.time.Duration EMIT_INTERVAL = java.time.Duration.ofSeconds(1);
  /** When each model last received data; only the quiet-input refit depends on it, and a restart refits anyway. */
  private final Map<String, Long> lastArrival = new HashMap<>();
  /** Refits under way; lost on a restart, when the pending counts start them again. */
  private final Map<String, java.util.concurrent.Future<Refit>> running = new TreeMap<>();
  /** Made in init and shut down in close: Streams may close and re-initialise the same processor (task revival). */
  private java.util.concurrent.ExecutorService refitter;

  public ConnectivityProcessor(EncoderSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.running.clear();
    this.lastArrival.clear();
    this.refitter = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "stage2-refit");
      thread.setDaemon(true);
      return thread;
    });
    this.rows = context.getStateStore(StoreNames.CONNECTIVITY_ROWS);
    this.pending = context.getStateStore(StoreNames.CONNECTIVITY_PENDING);
    context.schedule(settings.connectivity().refitInterval(), PunctuationType.WALL_CLOCK_TIME, this::refitDue);
    // a finished refit is emitted within a second rather than at the next refit punctuation
    context.schedule(EMIT_INTERVAL, PunctuationType.WALL_CLOCK_TIME, this::emitFinished);
  }

  @Override
  public void process(Record<String, EncodingSample> record) {
    EncodingSample sample = record.value();
    String modelKey = record.key();
    String rowKey = Ids.join(modelKey, sample.getStimulusId());
    byte[] stored = rows.get(rowKey);
    StimulusRow row = stored == null ? new StimulusRow() : StimulusRow.fromBytes(stored);
    row.train = sample.getSplit() == Split.TRAIN;
    boolean changed = false;
    double[] features = Tensors.toDoubles(sample.getFeatures());
    double[] previous = row.features.put(sample.getLayer(), features);
    changed |= previous == null || !java.util.Arrays.equals(previous, features);
    String blockKey = StimulusRow.blockKey(sample.getRoi(), sample.getVoxelBlock());
    double[] response = Tensors.toDoubles(sample.getResponse());
    StimulusRow.Block block = row.blocks.computeIfAbsent(blockKey, key -> new StimulusRow.Block(sample.getRoi(),
        sample.getVoxelOffset(), Math.max(sample.getRoiVoxels(), response.length), response.length));
    if (block.sum.length == response.length && !block.repetitions.get(sample.getRepetition())) {
      block.repetitions.set(sample.getRepetition());
      for (int j = 0; j < response.length; j++) {
        block.sum[j] += response[j];
      }
      changed = true;
    }
    row.attributes.putAll(sample.getAttributes());
    if (changed) {
      rows.put(rowKey, row.toBytes());
      byte[] count = pending.get(modelKey);
      pending.put(modelKey, longBytes((count == null ? 0 : ByteBuffer.wrap(count).getLong()) + 1));
      lastArrival.put(modelKey, context.currentSystemTimeMs());
    }
  }

  /**
   * Emits the refits that finished since the last punctuation, then starts those now due. A refit runs on a
   * background thread from a snapshot of the stored rows, so that it never holds the stream thread inside a
   * transaction that must commit within its timeout (a 5-layer network's refit took 30 s on a loaded machine).
   * Its records are emitted, and its responses taken off the pending count, by the punctuation that finds it
   * done: a crash before that leaves the count pending, so the refit runs again after a restart.
   */
  void refitDue(long now) {
    emitFinished(now);
    Map<String, Long> due = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> all = pending.all()) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        long count = ByteBuffer.wrap(entry.value).getLong();
        boolean quiet = now - lastArrival.getOrDefault(entry.key, 0L) >= settings.connectivity().refitInterval().toMillis();
        if (!running.containsKey(entry.key) && (count >= settings.connectivity().refitAfterResponses() || (count > 0 && quiet))) {
          due.put(entry.key, count);
        }
      }
    }
    due.forEach(this::start);
  }

  private void start(String modelKey, long pendingAtSnapshot) {
    Map<String, StimulusRow> byStimulus = new TreeMap<>();
    try (KeyValueIterator<String, byte[]> all = rows.prefixScan(modelKey + Ids.SEPARATOR, new StringSerializer())) {
      while (all.hasNext()) {
        KeyValue<String, byte[]> entry = all.next();
        byStimulus.put(entry.key.substring(modelKey.length() + 1), StimulusRow.fromBytes(entry.value));
      }
    }
    ModelData data = ModelDataAssembly.assemble(byStimulus, settings.folds());
    if (data.rois().size() < 2 || data.train().size() < 2 * settings.folds()) {
      return; // stays pending: stage 2 needs two ROIs and a few stimuli per fold
    }
    Map<String, String> attributes = byStimulus.values().iterator().next().attributes;
    running.put(modelKey, refitter.submit(() -> {
      long started = System.nanoTime();
      try {
        ModelConnectivity.Result result = ModelConnectivity.compute(data, settings.ridge(), settings.connectivity());
        LOG.info("stage 2 of {}: {} training stimuli, {} ROIs, {} layers in {} ms", modelKey, data.train().size(),
            data.rois().size(), data.layers().size(), (System.nanoTime() - started) / 1_000_000);
        return new Refit(data, result, attributes, pendingAtSnapshot, false);
      } catch (InsufficientDataException notYet) {
        return new Refit(data, null, attributes, 0, false);
      } catch (RuntimeException failed) {
        // bad data must not stop the encoder: the model waits for new data before it is tried again
        LOG.error("stage 2 of {} failed; it is retried when new data arrives", modelKey, failed);
        return new Refit(data, null, attributes, pendingAtSnapshot, true);
      }
    }));
  }

  private void emitFinished(long now) {
    for (java.util.Iterator<Map.Entry<String, java.util.concurrent.Future<Refit>>> it = running.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<String, java.util.concurrent.Future<Refit>> entry = it.next();
      if (!entry.getValue().isDone()) {
        continue;
      }
      it.remove();
      Refit refit;
      try {
        refit = entry.getValue().get();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException failed) {
        LOG.error("stage 2 of {} did not finish; it stays pending", entry.getKey(), failed);
        continue;
      }
      if (refit.result() != null) {
        emit(entry.getKey(), refit, now);
      } else if (refit.failed()) {
        takeOffPending(entry.getKey(), refit.pendingAtSnapshot());
      }
    }
  }

  private void takeOffPending(String modelKey, long responses) {
    byte[] stored = pending.get(modelKey);
    long left = (stored == null ? 0 : ByteBuffer.wrap(stored).getLong()) - responses;
    if (left > 0) {
      pending.put(modelKey, longBytes(left));
    } else {
      pending.delete(modelKey);
    }
  }

  private void emit(String modelKey, Refit refit, long now) {
    takeOffPending(modelKey, refit.pendingAtSnapshot());
    String[] parts = modelKey.split(Ids.SEPARATOR, -1);
    ConnectivityRecords.Origin origin = new ConnectivityRecords.Origin(settings.runId(), parts[0], parts[1], parts[2],
        refit.attributes());
    for (Map.Entry<String, ?> score : ConnectivityRecords.scores(origin, refit.data(), refit.result(), now)) {
      context.forward(new Record<>(score.getKey(), score.getValue(), now));
    }
    for (LayerConnectivity layer : refit.result().layers()) {
      Map.Entry<String, ?> record = ConnectivityRecords.connectivity(origin, layer, now);
      context.forward(new Record<>(record.getKey(), record.getValue(), now));
    }
  }

  /** Refits under way are dropped: their responses are still pending in the store, so they run again. */
  @Override
  public void close() {
    running.values().forEach(future -> future.cancel(true));
    running.clear();
    if (refitter != null) {
      refitter.shutdownNow();
    }
  }

  private record Refit(ModelData data, ModelConnectivity.Result result, Map<String, String> attributes,
      long pendingAtSnapshot, boolean failed) {}

  private static byte[] longBytes(long value) {
    return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
  }
}
