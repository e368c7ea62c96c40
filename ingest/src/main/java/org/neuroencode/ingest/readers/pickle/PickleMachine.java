package org.neuroencode.ingest.readers.pickle;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pickle virtual machine, reduced to the opcodes numpy+pickle emit for protocols 0 to 5 (in-band
 * buffers only). Python values map to: None → null, bool → Boolean, int → Long (BigInteger beyond),
 * float → Double, str → String, bytes/bytearray → byte[], tuple → unmodifiable List, list → ArrayList,
 * dict → LinkedHashMap. Python 2 str is read as latin1, as {@code pickle.load(f, encoding="latin1")} does.
 */
final class PickleMachine {
  private final PickleInput in;
  private final String file;
  private final List<Object> stack = new ArrayList<>();
  private final Deque<Integer> marks = new ArrayDeque<>();
  private final Map<Long, Object> memo = new HashMap<>();

  PickleMachine(byte[] bytes, String file) {
    this.in = new PickleInput(bytes, file);
    this.file = file;
  }

  Object run() throws PickleFormatException {
    while (true) {
      int at = in.position();
      int opcode = in.readUnsignedByte();
      if (opcode == '.') {
        return pop();
      }
      step(opcode, at);
    }
  }

  private void step(int opcode, int at) throws PickleFormatException {
    switch (opcode) {
      case 0x80 -> in.readUnsignedByte(); // PROTO: every version this machine knows reads the same way
      case 0x95 -> in.readLittleEndian(8); // FRAME: a buffering hint, the opcodes simply continue
      case '(' -> marks.push(stack.size());
      case '0' -> pop();
      case '1' -> popMark();
      case '2' -> push(peek());
      case 'N' -> push(null);
      case 0x88 -> push(Boolean.TRUE);
      case 0x89 -> push(Boolean.FALSE);
      case 'J' -> push((long) in.readLittleEndian(4).getInt());
      case 'K' -> push((long) in.readUnsignedByte());
      case 'M' -> push((long) Short.toUnsignedInt(in.readLittleEndian(2).getShort()));
      case 0x8a -> push(littleEndianInteger(in.readBytes(in.readLength(1))));
      case 0x8b -> push(littleEndianInteger(in.readBytes(in.readLength(4))));
      case 'I' -> push(textInteger(in.readLine()));
      case 'L' -> push(textInteger(in.readLine().replace("L", "")));
      case 'G' -> push(in.readLittleEndian(8).order(java.nio.ByteOrder.BIG_ENDIAN).getDouble());
      case 'U' -> push(in.readString(in.readLength(1), StandardCharsets.ISO_8859_1));
      case 'T' -> push(in.readString(in.readLength(4), StandardCharsets.ISO_8859_1));
      case 0x8c -> push(in.readString(in.readLength(1), StandardCharsets.UTF_8));
      case 'X' -> push(in.readString(in.readLength(4), StandardCharsets.UTF_8));
      case 0x8d -> push(in.readString(in.readLength(8), StandardCharsets.UTF_8));
      case 'C' -> push(in.readBytes(in.readLength(1)));
      case 'B' -> push(in.readBytes(in.readLength(4)));
      case 0x8e, 0x96 -> push(in.readBytes(in.readLength(8)));
      case 0x98 -> { } // READONLY_BUFFER: mutability does not matter to a reader
      case 0x97 -> throw new PickleFormatException(file, "out-of-band buffers (NEXT_BUFFER) are not supported");
      case ')' -> push(tuple(List.of()));
      case 't' -> push(tuple(popMark()));
      case 0x85, 0x86, 0x87 -> push(tuple(popLast(opcode - 0x84)));
      case ']' -> push(new ArrayList<>());
      case 'l' -> push(new ArrayList<>(popMark()));
      case 'a' -> list(peekBelow(1)).add(pop());
      case 'e' -> {
        List<Object> items = popMark();
        list(peek()).addAll(items);
      }
      case '}' -> push(new LinkedHashMap<>());
      case 'd' -> {
        Map<Object, Object> dict = new LinkedHashMap<>();
        putPairs(dict, popMark());
        push(dict);
      }
      case 's' -> putPairs(dict(peekBelow(2)), popLast(2));
      case 'u' -> {
        List<Object> pairs = popMark();
        putPairs(dict(peek()), pairs);
      }
      case 'p' -> memo.put(Long.parseLong(in.readLine().trim()), peek());
      case 'q' -> memo.put((long) in.readUnsignedByte(), peek());
      case 'r' -> memo.put(Integer.toUnsignedLong(in.readLittleEndian(4).getInt()), peek());
      case 0x94 -> memo.put((long) memo.size(), peek());
      case 'g' -> push(memoized(Long.parseLong(in.readLine().trim())));
      case 'h' -> push(memoized(in.readUnsignedByte()));
      case 'j' -> push(memoized(Integer.toUnsignedLong(in.readLittleEndian(4).getInt())));
      case 'c' -> push(NumpyGlobal.find(in.readLine(), in.readLine(), file));
      case 0x93 -> {
        Object name = pop();
        Object module = pop();
        if (!(module instanceof String m) || !(name instanceof String n)) {
          throw new PickleFormatException(file, "STACK_GLOBAL without a module and a name");
        }
        push(NumpyGlobal.find(m, n, file));
      }
      case 'R' -> {
        Object args = pop();
        Object callable = pop();
        if (!(callable instanceof NumpyGlobal global) || !(args instanceof List<?> argList)) {
          throw new PickleFormatException(file, "REDUCE of something that is not a supported global at byte " + at);
        }
        push(global.call(argList, file));
      }
      case 'b' -> build(pop(), peek());
      default -> throw new PickleFormatException(file, String.format(
          "unknown or unsupported pickle opcode 0x%02x at byte %d", opcode, at));
    }
  }

  private void build(Object state, Object target) throws PickleFormatException {
    if (!(state instanceof List<?> tuple)) {
      throw new PickleFormatException(file, "BUILD with a state that is not a tuple");
    }
    if (target instanceof PickledDType dtype) {
      dtype.build(tuple, file);
    } else if (target instanceof NdarrayStub array) {
      array.build(tuple, file);
    } else {
      throw new PickleFormatException(file, "BUILD of an object that is not a numpy array or dtype");
    }
  }

  private void putPairs(Map<Object, Object> dict, List<Object> pairs) throws PickleFormatException {
    if (pairs.size() % 2 != 0) {
      throw new PickleFormatException(file, "a dict is given an odd number of keys and values");
    }
    for (int i = 0; i < pairs.size(); i += 2) {
      dict.put(pairs.get(i), pairs.get(i + 1));
    }
  }

  @SuppressWarnings("unchecked")
  private Map<Object, Object> dict(Object value) throws PickleFormatException {
    if (value instanceof LinkedHashMap<?, ?> dict) {
      return (Map<Object, Object>) dict;
    }
    throw new PickleFormatException(file, "SETITEM on something that is not a dict");
  }

  @SuppressWarnings("unchecked")
  private List<Object> list(Object value) throws PickleFormatException {
    if (value instanceof ArrayList<?> list) {
      return (List<Object>) list;
    }
    throw new PickleFormatException(file, "APPEND on something that is not a list");
  }

  private static List<Object> tuple(List<Object> items) {
    return Collections.unmodifiableList(new ArrayList<>(items));
  }

  private Object memoized(long key) throws PickleFormatException {
    if (!memo.containsKey(key)) {
      throw new PickleFormatException(file, "memo entry " + key + " is read before it is written");
    }
    return memo.get(key);
  }

  private static Object littleEndianInteger(byte[] bytes) {
    if (bytes.length == 0) {
      return 0L;
    }
    byte[] bigEndian = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      bigEndian[i] = bytes[bytes.length - 1 - i];
    }
    BigInteger value = new BigInteger(bigEndian);
    return value.bitLength() < 64 ? (Object) value.longValue() : value;
  }

  /** Protocol 0 writes booleans as INT "01"/"00". */
  private Object textInteger(String text) throws PickleFormatException {
    String trimmed = text.trim();
    if (trimmed.equals("01") || trimmed.equals("00")) {
      return trimmed.equals("01");
    }
    try {
      return Long.parseLong(trimmed);
    } catch (NumberFormatException e) {
      throw new PickleFormatException(file, "bad integer '" + trimmed + "'");
    }
  }

  private void push(Object value) {
    stack.add(value);
  }

  private Object pop() throws PickleFormatException {
    requireDepth(1);
    return stack.remove(stack.size() - 1);
  }

  private Object peek() throws PickleFormatException {
    return peekBelow(0);
  }

  private Object peekBelow(int depth) throws PickleFormatException {
    requireDepth(depth + 1);
    return stack.get(stack.size() - 1 - depth);
  }

  private List<Object> popLast(int count) throws PickleFormatException {
    requireDepth(count);
    List<Object> top = stack.subList(stack.size() - count, stack.size());
    List<Object> items = new ArrayList<>(top);
    top.clear();
    return items;
  }

  private List<Object> popMark() throws PickleFormatException {
    if (marks.isEmpty()) {
      throw new PickleFormatException(file, "corrupt pickle (an opcode needs a MARK that was never set)");
    }
    return popLast(stack.size() - marks.pop());
  }

  private void requireDepth(int depth) throws PickleFormatException {
    int floor = marks.isEmpty() ? 0 : marks.peek();
    if (stack.size() - floor < depth) {
      throw new PickleFormatException(file, "corrupt pickle (stack underflow at byte " + in.position() + ")");
    }
  }

  /** A Python-like name of a value's type, for error messages. */
  static String describe(Object value) {
    return value == null ? "None" : value instanceof byte[] bytes ? "bytes[" + bytes.length + "]"
        : value instanceof Map<?, ?> ? "dict" : value instanceof List<?> ? "list or tuple" : value.getClass().getSimpleName();
  }
}
