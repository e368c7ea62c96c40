package org.neuroencode.app.serve;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.neuroencode.core.io.Npy;
import org.neuroencode.core.io.NpyArray;
import org.neuroencode.core.schema.DType;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;

/**
 * Turns a posted body into the response's voxel vector, keeping the sender's dtype: an NPY keeps its
 * own; JSON is float64 (decimal text holds more than float32) unless the body says "dtype": "float32".
 */
final class ResponseBody {
  static final String JSON = "application/json";
  static final String NPY = "application/x-npy";

  private ResponseBody() {}

  static Tensor decode(String contentType, Buffer body) {
    String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase();
    if (body == null || body.length() == 0) {
      throw new HttpError(400, "the request has no body");
    }
    return switch (mediaType) {
      case JSON -> fromJson(body);
      case NPY -> fromNpy(body);
      default -> throw new HttpError(400, "unsupported Content-Type '" + mediaType + "': use " + JSON + " or " + NPY);
    };
  }

  private static Tensor fromJson(Buffer body) {
    JsonObject json;
    try {
      json = body.toJsonObject();
    } catch (DecodeException | ClassCastException e) {
      throw new HttpError(400, "the body is not a JSON object: " + e.getMessage());
    }
    if (!(json.getValue("values") instanceof JsonArray array)) {
      throw new HttpError(400, "the JSON body needs \"values\": an array of numbers");
    }
    double[] values = new double[array.size()];
    for (int i = 0; i < values.length; i++) {
      if (!(array.getValue(i) instanceof Number number)) {
        throw new HttpError(400, "values[" + i + "] is not a number");
      }
      values[i] = number.doubleValue();
    }
    return Tensors.vector(values, dtype(json.getValue("dtype", "float64")));
  }

  private static DType dtype(Object name) {
    if ("float32".equals(name)) {
      return DType.FLOAT32;
    }
    if ("float64".equals(name)) {
      return DType.FLOAT64;
    }
    throw new HttpError(400, "dtype must be \"float32\" or \"float64\", not " + name);
  }

  private static Tensor fromNpy(Buffer body) {
    NpyArray array;
    try {
      array = Npy.read(new ByteArrayInputStream(body.getBytes()), "the NPY body");
    } catch (IOException e) {
      throw new HttpError(400, e.getMessage());
    }
    if (array.shape().length != 1) {
      throw new HttpError(400, "the NPY body must be a 1-D array of the ROI's voxels, not " + array);
    }
    // float32 values widened to double by the reader narrow back exactly
    return Tensors.vector(array.values(), array.dtype().equals("float64") ? DType.FLOAT64 : DType.FLOAT32);
  }
}
