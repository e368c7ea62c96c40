package org.neuroencode.extractor.builtin;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import java.util.List;

/** The building blocks of the built-in networks: convolutions and residual units in 2-D and 3-D. */
final class Layers {
  private Layers() {}

  static Block conv2d(int filters, int kernel, int stride) {
    return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
        .optStride(new Shape(stride, stride)).optPadding(new Shape(kernel / 2, kernel / 2)).optBias(false).build();
  }

  /** A 3-D convolution with kernel (kt, ks, ks), stride (st, ss, ss) and "same" padding. */
  static Block conv3d(int filters, int kt, int ks, int st, int ss) {
    return Conv3d.builder().setFilters(filters).setKernelShape(new Shape(kt, ks, ks))
        .optStride(new Shape(st, ss, ss)).optPadding(new Shape(kt / 2, ks / 2, ks / 2)).optBias(false).build();
  }

  static Block convRelu(Block convolution) {
    return new SequentialBlock().add(convolution).add(Activation.reluBlock());
  }

  /** relu(conv(relu(conv(x))) + shortcut(x)), the shortcut a strided 1x1 convolution when the shape changes. */
  static Block residual2d(int inChannels, int filters, int stride) {
    Block main = new SequentialBlock().add(conv2d(filters, 3, stride)).add(Activation.reluBlock())
        .add(conv2d(filters, 3, 1));
    Block shortcut = inChannels == filters && stride == 1 ? Blocks.identityBlock() : conv2d(filters, 1, stride);
    return sumThenRelu(main, shortcut);
  }

  /** The R3D unit: two 3x3x3 convolutions with a residual connection. */
  static Block residual3d(int inChannels, int filters, int temporalStride, int spatialStride) {
    Block main = new SequentialBlock().add(conv3d(filters, 3, 3, temporalStride, spatialStride))
        .add(Activation.reluBlock()).add(conv3d(filters, 3, 3, 1, 1));
    Block shortcut = inChannels == filters && temporalStride == 1 && spatialStride == 1 ? Blocks.identityBlock()
        : conv3d(filters, 1, 1, temporalStride, spatialStride);
    return sumThenRelu(main, shortcut);
  }

  private static Block sumThenRelu(Block main, Block shortcut) {
    return new ParallelBlock(branches -> new NDList(Activation.relu(
        branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow()))), List.of(main, shortcut));
  }

  /** Mean over every axis after the channels: [N, C, ...] to [N, C]. */
  static Block globalAveragePool() {
    return new LambdaBlock(list -> new NDList(meanOverSpace(list.singletonOrThrow())), "globalAveragePool");
  }

  static NDArray meanOverSpace(NDArray x) {
    // PyTorch's mean in DJL takes one axis: flatten the space first
    return x.reshape(x.getShape().get(0), x.getShape().get(1), -1).mean(new int[] {2});
  }
}
