package org.neuroencode.extractor.network;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neuroencode.extractor.preprocess.ClipTensor;
import org.neuroencode.extractor.reduction.Activation;

/**
 * Turns a batch of preprocessed clips into the network's input and its outputs into per-clip activations of
 * the declared layers, found by name: dict outputs of TorchScript come back in no particular order, and
 * ONNX outputs carry their graph names. An image network's frames travel as one batch of images, and each
 * clip's activations are averaged over its frames (the Algonauts devkit's rule).
 */
public final class LayerTapTranslator implements NoBatchifyTranslator<ClipBatch, LayerBatch> {
  private static final String CLIPS = "clips";
  private final List<String> layers;
  private final boolean imageModel;
  private final String listInputName;

  /**
   * @param listInputName a name such as {@code pathways[]} makes DJL pass the pathways to TorchScript as one
   *     {@code List[Tensor]} argument (pytorchvideo's SlowFast convention); null passes them positionally
   */
  public LayerTapTranslator(List<String> layers, boolean imageModel, String listInputName) {
    this.layers = List.copyOf(layers);
    this.imageModel = imageModel;
    this.listInputName = listInputName;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, ClipBatch batch) {
    NDManager manager = ctx.getNDManager();
    List<ClipTensor> first = batch.clips().get(0);
    NDList inputs = new NDList(first.size());
    for (int pathway = 0; pathway < first.size(); pathway++) {
      int[] shape = first.get(pathway).shape();
      int perClip = first.get(pathway).values().length;
      float[] values = new float[perClip * batch.size()];
      for (int clip = 0; clip < batch.size(); clip++) {
        ClipTensor tensor = batch.clips().get(clip).get(pathway);
        if (!Arrays.equals(tensor.shape(), shape)) {
          throw new IllegalArgumentException("clip " + clip + " has input shape " + Arrays.toString(tensor.shape())
              + " where the batch has " + Arrays.toString(shape));
        }
        System.arraycopy(tensor.values(), 0, values, clip * perClip, perClip);
      }
      long[] batchShape = new long[imageModel ? shape.length : shape.length + 1];
      if (imageModel) {
        batchShape[0] = (long) shape[0] * batch.size();
        for (int d = 1; d < shape.length; d++) {
          batchShape[d] = shape[d];
        }
      } else {
        batchShape[0] = batch.size();
        for (int d = 0; d < shape.length; d++) {
          batchShape[d + 1] = shape[d];
        }
      }
      NDArray array = manager.create(FloatBuffer.wrap(values), new Shape(batchShape));
      if (listInputName != null) {
        array.setName(listInputName);
      }
      inputs.add(array);
    }
    ctx.setAttachment(CLIPS, batch.size());
    return inputs;
  }

  @Override
  public LayerBatch processOutput(TranslatorContext ctx, NDList outputs) {
    int clips = (Integer) ctx.getAttachment(CLIPS);
    Map<String, List<Activation>> result = new LinkedHashMap<>();
    for (String layer : layers) {
      result.put(layer, split(find(outputs, layer), clips));
    }
    return new LayerBatch(result);
  }

  private static NDArray find(NDList outputs, String layer) {
    for (NDArray output : outputs) {
      if (layer.equals(output.getName())) {
        return output;
      }
    }
    List<String> names = new ArrayList<>();
    outputs.forEach(output -> names.add(output.getName()));
    throw new MissingLayerException(layer, names);
  }

  /** The rows of the batch, per clip; an image network's frame rows are averaged per clip. */
  private List<Activation> split(NDArray output, int clips) {
    long[] shape = output.getShape().getShape();
    if (shape.length < 2 || shape[0] % clips != 0) {
      throw new IllegalArgumentException("output " + output.getName() + " of shape " + output.getShape()
          + " has no batch dimension of " + clips + " clips");
    }
    int rowsPerClip = (int) (shape[0] / clips);
    if (!imageModel && rowsPerClip != 1) {
      throw new IllegalArgumentException("output " + output.getName() + " of shape " + output.getShape()
          + " does not have one row per clip");
    }
    int[] rowShape = new int[shape.length - 1];
    for (int d = 1; d < shape.length; d++) {
      rowShape[d - 1] = Math.toIntExact(shape[d]);
    }
    float[] values = (output.getDataType() == DataType.FLOAT32 ? output : output.toType(DataType.FLOAT32, false))
        .toFloatArray();
    int rowLength = values.length / Math.toIntExact(shape[0]);
    List<Activation> perClip = new ArrayList<>(clips);
    for (int clip = 0; clip < clips; clip++) {
      double[] sum = new double[rowLength];
      int base = clip * rowsPerClip * rowLength;
      for (int row = 0; row < rowsPerClip; row++) {
        int offset = base + row * rowLength;
        for (int i = 0; i < rowLength; i++) {
          sum[i] += values[offset + i];
        }
      }
      float[] mean = new float[rowLength];
      for (int i = 0; i < rowLength; i++) {
        mean[i] = (float) (sum[i] / rowsPerClip);
      }
      perClip.add(new Activation(mean, rowShape));
    }
    return perClip;
  }

  /** The network's outputs lack a declared layer. */
  public static final class MissingLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String layer;

    MissingLayerException(String layer, List<String> available) {
      super("the network returns no output named '" + layer + "'; its outputs are " + available);
      this.layer = layer;
    }

    public String layer() {
      return layer;
    }
  }
}
