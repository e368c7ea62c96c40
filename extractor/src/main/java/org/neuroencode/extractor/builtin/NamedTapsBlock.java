package org.neuroencode.extractor.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * A sequence of stages whose intermediate outputs are the layer taps. DJL's
 * {@link SequentialBlock#setReturnIntermediate} returns every stage's outputs in order, with generated
 * child names; this block names them with our layer names ({@code null} drops an output) so the
 * translator finds them by name exactly as it finds a TorchScript dict's.
 */
final class NamedTapsBlock extends AbstractBlock {
  private static final byte VERSION = 1;
  private final SequentialBlock stages;
  private final List<String> names;

  NamedTapsBlock(SequentialBlock stages, List<String> names) {
    super(VERSION);
    this.stages = addChildBlock("stages", stages.setReturnIntermediate(true));
    this.names = new ArrayList<>(names);
  }

  List<String> layers() {
    return names.stream().filter(java.util.Objects::nonNull).toList();
  }

  @Override
  protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training,
      PairList<String, Object> params) {
    NDList all = stages.forward(parameterStore, inputs, training, params);
    if (all.size() != names.size()) {
      throw new IllegalStateException("the stages return " + all.size() + " outputs for " + names.size() + " names");
    }
    NDList taps = new NDList();
    for (int i = 0; i < all.size(); i++) {
      if (names.get(i) != null) {
        NDArray output = all.get(i);
        output.setName(names.get(i));
        taps.add(output);
      }
    }
    return taps;
  }

  @Override
  public Shape[] getOutputShapes(Shape[] inputShapes) {
    Shape[] all = stages.getOutputShapes(inputShapes);
    List<Shape> kept = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      if (names.get(i) != null) {
        kept.add(all[i]);
      }
    }
    return kept.toArray(new Shape[0]);
  }

  @Override
  protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
    stages.initialize(manager, dataType, inputShapes);
  }
}
