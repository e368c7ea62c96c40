package org.neuroencode.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericEnumSymbol;
import org.apache.avro.generic.IndexedRecord;
import org.neuroencode.core.schema.Tensor;
import org.neuroencode.core.tensor.Tensors;

/**
 * Renders Avro records as JSON for people: tensors become {dtype, shape, values}, byte fields become
 * their text when they are UTF-8 and base64 otherwise.
 */
public final class RecordJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Inline byte fields such as video content are summarised past this size. */
  private static final int MAX_INLINE_BYTES = 4096;

  private RecordJson() {}

  public static String toJson(IndexedRecord record) {
    try {
      return MAPPER.writeValueAsString(toNode(record));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static JsonNode toNode(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof Tensor tensor) {
      return tensorNode(tensor);
    }
    if (value instanceof IndexedRecord record) {
      ObjectNode node = NODES.objectNode();
      for (Schema.Field field : record.getSchema().getFields()) {
        node.set(field.name(), toNode(record.get(field.pos())));
      }
      return node;
    }
    if (value instanceof ByteBuffer bytes) {
      return bytesNode(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode node = NODES.objectNode();
      map.forEach((k, v) -> node.set(String.valueOf(k), toNode(v)));
      return node;
    }
    if (value instanceof Collection<?> items) {
      ArrayNode array = NODES.arrayNode();
      items.forEach(item -> array.add(toNode(item)));
      return array;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) ? NODES.numberNode(d) : NODES.textNode(d.toString());
    }
    if (value instanceof Float f) {
      return Float.isFinite(f) ? NODES.numberNode(f) : NODES.textNode(f.toString());
    }
    if (value instanceof Number || value instanceof Boolean) {
      return MAPPER.valueToTree(value);
    }
    if (value instanceof GenericEnumSymbol<?> || value instanceof Enum<?>) {
      return NODES.textNode(value.toString());
    }
    return NODES.textNode(value.toString());
  }

  private static JsonNode tensorNode(Tensor tensor) {
    ObjectNode node = NODES.objectNode();
    node.put("dtype", tensor.getDtype().toString());
    ArrayNode shape = node.putArray("shape");
    tensor.getShape().forEach(shape::add);
    String problem = Tensors.problem(tensor);
    if (problem != null) {
      node.put("error", problem);
      return node;
    }
    ArrayNode values = node.putArray("values");
    for (double v : Tensors.toDoubles(tensor)) {
      values.add(toNode(v));
    }
    return node;
  }

  private static JsonNode bytesNode(ByteBuffer buffer) {
    ByteBuffer bytes = buffer.duplicate();
    if (bytes.remaining() > MAX_INLINE_BYTES) {
      ObjectNode node = NODES.objectNode();
      node.put("bytes", bytes.remaining());
      return node;
    }
    try {
      return NODES.textNode(StandardCharsets.UTF_8.newDecoder().decode(bytes.duplicate()).toString());
    } catch (CharacterCodingException notText) {
      byte[] raw = new byte[bytes.remaining()];
      bytes.get(raw);
      ObjectNode node = NODES.objectNode();
      node.put("base64", Base64.getEncoder().encodeToString(raw));
      return node;
    }
  }
}
