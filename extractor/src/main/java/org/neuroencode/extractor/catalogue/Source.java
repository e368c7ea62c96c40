package org.neuroencode.extractor.catalogue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.file.Path;

/**
 * Where a model's network comes from: a TorchScript or ONNX file, or a network built into neuroencode
 * ({@code name}), whose parameters are drawn from {@code seed} (0 when absent).
 */
public record Source(Type type, String path, String name, Long seed) {

  public Source {
    seed = seed == null ? 0L : seed;
  }

  public enum Type {
    TORCHSCRIPT, ONNX, BUILTIN;

    @JsonValue
    public String label() {
      return name().toLowerCase();
    }

    @JsonCreator
    public static Type parse(String text) {
      for (Type type : values()) {
        if (type.label().equalsIgnoreCase(text)) {
          return type;
        }
      }
      throw new IllegalArgumentException("source type must be torchscript, onnx or builtin, not '" + text + "'");
    }
  }

  /** The network file; a relative path was resolved against the catalogue file's folder on loading. */
  public Path file() {
    return Path.of(path);
  }

  /** A copy whose relative path is resolved against {@code folder}. */
  Source resolvedAgainst(Path folder) {
    if (path == null || Path.of(path).isAbsolute()) {
      return this;
    }
    return new Source(type, folder.resolve(path).toAbsolutePath().normalize().toString(), name, seed);
  }

  @Override
  public String toString() {
    return type == Type.BUILTIN ? "builtin:" + name : type.label() + ":" + path;
  }
}
