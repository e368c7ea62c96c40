package org.neuroencode.extractor.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.transformer.TransformerEncoderBlock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Networks built from DJL blocks that need no weights: with a seeded random initialisation they are the
 * "untrained network" baseline of the encoding literature, and they make the default catalogue usable
 * offline. Each is small enough for a CPU (64x64 inputs, 8 to 64 channels). Its block returns one output
 * per layer tap, named as in the catalogue.
 */
public final class BuiltinNetworks {
  public static final String IMAGE_CNN = "image-cnn-2d";
  public static final String VIDEO_CNN = "video-cnn-3d";
  public static final String SLOWFAST = "slowfast-3d";
  public static final String VIDEO_TRANSFORMER = "video-transformer";
  private static final Map<String, Supplier<NamedTapsBlock>> NETWORKS = Map.of(
      IMAGE_CNN, BuiltinNetworks::imageCnn,
      VIDEO_CNN, BuiltinNetworks::videoCnn,
      SLOWFAST, BuiltinNetworks::slowFast,
      VIDEO_TRANSFORMER, BuiltinNetworks::videoTransformer);

  private BuiltinNetworks() {}

  public static List<String> names() {
    return NETWORKS.keySet().stream().sorted().toList();
  }

  /** A fresh, uninitialised block; its outputs are named by {@link #layers}. */
  public static Block create(String name) {
    Supplier<NamedTapsBlock> network = NETWORKS.get(name);
    if (network == null) {
      throw new IllegalArgumentException("no built-in network '" + name + "'; there are " + names());
    }
    return network.get();
  }

  public static List<String> layers(String name) {
    return ((NamedTapsBlock) create(name)).layers();
  }

  /** ResNet-style 2-D CNN on [N, 3, 64, 64] images. */
  private static NamedTapsBlock imageCnn() {
    SequentialBlock stages = new SequentialBlock()
        .add(Layers.convRelu(Layers.conv2d(16, 3, 2)))
        .add(Layers.residual2d(16, 16, 1))
        .add(Layers.residual2d(16, 32, 2))
        .add(Layers.residual2d(32, 64, 2))
        .add(Layers.globalAveragePool());
    return new NamedTapsBlock(stages, List.of("stem", "layer1", "layer2", "layer3", "pool"));
  }

  /** R3D-style 3-D CNN on [N, 3, 8, 64, 64] clips. */
  private static NamedTapsBlock videoCnn() {
    SequentialBlock stages = new SequentialBlock()
        .add(Layers.convRelu(Layers.conv3d(16, 3, 7, 1, 2)))
        .add(Layers.residual3d(16, 16, 1, 1))
        .add(Layers.residual3d(16, 32, 2, 2))
        .add(Layers.residual3d(32, 64, 2, 2))
        .add(Layers.globalAveragePool());
    return new NamedTapsBlock(stages, List.of("stem", "layer1", "layer2", "layer3", "pool"));
  }

  /**
   * SlowFast-style two-stream 3-D CNN: a slow pathway [N, 3, 4, 64, 64] with many channels and a fast one
   * [N, 3, 16, 64, 64] (alpha = 4) with a quarter of them, fused by time-strided lateral convolutions from
   * fast to slow, as in Feichtenhofer et al. 2019.
   */
  private static NamedTapsBlock slowFast() {
    int alpha = 4;
    SequentialBlock stages = new SequentialBlock()
        .add(pathways(Layers.convRelu(Layers.conv3d(32, 1, 7, 1, 2)), Layers.convRelu(Layers.conv3d(8, 5, 7, 1, 2))))
        .add(slowFastStage(32, 8, 32, 8, 1, alpha))
        .add(slowFastStage(32, 8, 64, 16, 2, alpha))
        .add(new ParallelBlock(branches -> new NDList(branches.get(0).head().concat(branches.get(1).head(), 1)),
            List.of(take(0, Layers.globalAveragePool()), take(1, Layers.globalAveragePool()))));
    return new NamedTapsBlock(stages, List.of("stem_slow", "stem_fast", "stage1_slow", "stage1_fast",
        "stage2_slow", "stage2_fast", "pool"));
  }

  private static Block slowFastStage(int slowIn, int fastIn, int slowOut, int fastOut, int stride, int alpha) {
    int lateral = 2 * fastIn;
    Block fuse = new ParallelBlock(branches -> new NDList(branches.get(0).head().concat(branches.get(1).head(), 1)),
        List.of(take(0, null), take(1, Conv3d.builder().setFilters(lateral).setKernelShape(new Shape(5, 1, 1))
            .optStride(new Shape(alpha, 1, 1)).optPadding(new Shape(2, 0, 0)).optBias(false).build())));
    Block slow = new SequentialBlock().add(fuse).add(Layers.residual3d(slowIn + lateral, slowOut, 1, stride));
    Block fast = take(1, Layers.residual3d(fastIn, fastOut, 1, stride));
    return new ParallelBlock(branches -> new NDList(branches.get(0).head(), branches.get(1).head()), List.of(slow, fast));
  }

  /** Applies one block to each pathway of an NDList (slow, fast). */
  private static Block pathways(Block slow, Block fast) {
    return new ParallelBlock(branches -> new NDList(branches.get(0).head(), branches.get(1).head()),
        List.of(take(0, slow), take(1, fast)));
  }

  /** Pathway {@code index} of the input, through {@code then} when given. */
  private static Block take(int index, Block then) {
    SequentialBlock block = new SequentialBlock().add(new LambdaBlock(list -> new NDList(list.get(index)), "take" + index));
    return then == null ? block : block.add(then);
  }

  /**
   * A small video transformer on [N, 3, 8, 64, 64] clips: 2x8x8 tubelets embedded to 64 dimensions (256
   * tokens) with fixed sinusoidal positions, two encoder blocks of 4 heads, and the mean token.
   */
  private static NamedTapsBlock videoTransformer() {
    int dimension = 64;
    Block tubelets = Conv3d.builder().setFilters(dimension).setKernelShape(new Shape(2, 8, 8))
        .optStride(new Shape(2, 8, 8)).build();
    Block embedding = new SequentialBlock().add(tubelets)
        .add(new LambdaBlock(list -> new NDList(withPositions(tokens(list.singletonOrThrow()))), "tokens"));
    SequentialBlock stages = new SequentialBlock()
        .add(embedding)
        .add(new TransformerEncoderBlock(dimension, 4, 2 * dimension, 0f, Activation::gelu))
        .add(new TransformerEncoderBlock(dimension, 4, 2 * dimension, 0f, Activation::gelu))
        .add(new LambdaBlock(list -> new NDList(list.singletonOrThrow().mean(new int[] {1})), "meanToken"));
    return new NamedTapsBlock(stages, List.of("embedding", "block1", "block2", "pool"));
  }

  /** [N, D, T, H, W] to [N, T*H*W, D]. */
  private static NDArray tokens(NDArray x) {
    long[] shape = x.getShape().getShape();
    long count = Arrays.stream(shape, 2, shape.length).reduce(1, (a, b) -> a * b);
    return x.reshape(shape[0], shape[1], count).transpose(0, 2, 1);
  }

  /** Adds sin/cos positions (Vaswani et al. 2017), which need no parameters. */
  private static NDArray withPositions(NDArray tokens) {
    long count = tokens.getShape().get(1);
    long dimension = tokens.getShape().get(2);
    NDManager manager = tokens.getManager();
    NDArray positions = manager.arange(0f, count, 1f, DataType.FLOAT32).reshape(count, 1);
    NDArray rates = manager.arange(0f, dimension / 2f, 1f, DataType.FLOAT32).mul(-2.0 * Math.log(10000.0) / dimension)
        .exp().reshape(1, dimension / 2);
    NDArray angles = positions.matMul(rates);
    NDArray table = angles.sin().concat(angles.cos(), 1).toDevice(tokens.getDevice(), false);
    return tokens.add(table.expandDims(0));
  }
}
