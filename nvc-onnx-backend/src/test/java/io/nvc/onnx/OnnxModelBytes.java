package io.nvc.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Encodes tiny ONNX models (protobuf wire format, written by hand) for the backend's tests, so that the
 * tests need no Python: {@code y = x * 2 + 1} and {@code neg = -x} on a float input {@code x} whose
 * first dimension is dynamic ({@code N}).
 */
final class OnnxModelBytes {

  private OnnxModelBytes() {}

  /** The model for input shape {@code [N, c, h, w]}. */
  static byte[] affine(int c, int h, int w) {
    Proto graph = new Proto()
        .message(1, node(new String[] {"x", "two"}, new String[] {"x2"}, "mul", "Mul"))
        .message(1, node(new String[] {"x2", "one"}, new String[] {"y"}, "add", "Add"))
        .message(1, node(new String[] {"x"}, new String[] {"neg"}, "negate", "Neg"))
        .string(2, "affine")
        .message(5, scalar("two", 2f))
        .message(5, scalar("one", 1f))
        .message(11, valueInfo("x", c, h, w))
        .message(12, valueInfo("y", c, h, w))
        .message(12, valueInfo("neg", c, h, w));
    Proto opset = new Proto().string(1, "").varint(2, 17);
    return new Proto().varint(1, 8).message(8, opset).string(2, "nvc-test").message(7, graph).bytes();
  }

  private static Proto node(String[] inputs, String[] outputs, String name, String op) {
    Proto p = new Proto();
    for (String i : inputs) {
      p.string(1, i);
    }
    for (String o : outputs) {
      p.string(2, o);
    }
    return p.string(3, name).string(4, op);
  }

  private static Proto scalar(String name, float value) {
    int bits = Float.floatToIntBits(value);
    byte[] raw = {(byte) bits, (byte) (bits >> 8), (byte) (bits >> 16), (byte) (bits >> 24)};
    return new Proto().varint(2, 1).string(8, name).raw(9, raw);
  }

  private static Proto valueInfo(String name, int c, int h, int w) {
    Proto shape = new Proto().message(1, new Proto().string(2, "N"));
    for (int d : new int[] {c, h, w}) {
      shape.message(1, new Proto().varint(1, d));
    }
    Proto tensor = new Proto().varint(1, 1).message(2, shape);
    return new Proto().string(1, name).message(2, new Proto().message(1, tensor));
  }

  /** A protobuf message under construction. */
  private static final class Proto {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    Proto varint(int field, long value) {
      tag(field, 0);
      writeVarint(value);
      return this;
    }

    Proto string(int field, String value) {
      return raw(field, value.getBytes(StandardCharsets.UTF_8));
    }

    Proto message(int field, Proto value) {
      return raw(field, value.bytes());
    }

    Proto raw(int field, byte[] value) {
      tag(field, 2);
      writeVarint(value.length);
      out.writeBytes(value);
      return this;
    }

    byte[] bytes() {
      return out.toByteArray();
    }

    private void tag(int field, int wireType) {
      writeVarint(((long) field << 3) | wireType);
    }

    private void writeVarint(long value) {
      long v = value;
      while ((v & ~0x7FL) != 0) {
        out.write((int) ((v & 0x7F) | 0x80));
        v >>>= 7;
      }
      out.write((int) v);
    }
  }
}
