package io.nvc.spi;

import java.nio.FloatBuffer;
import java.util.Arrays;

/**
 * A dense float tensor in row-major order: a shape and a buffer of exactly that many values.
 *
 * <p>The tensor wraps its buffer without copying; whoever created the buffer owns it. A tensor handed
 * to {@link InferenceSession#run} is only read during that call. Not thread-safe if the buffer is
 * changed concurrently.
 */
public final class Tensor {

  private final long[] shape;
  private final FloatBuffer data;

  private Tensor(long[] shape, FloatBuffer data) {
    this.shape = shape;
    this.data = data;
  }

  /**
   * Wraps {@code data} (from its position to its limit) as a tensor of {@code shape}.
   *
   * @throws IllegalArgumentException when a dimension is negative or the buffer holds a different number
   *     of values than the shape
   */
  public static Tensor of(FloatBuffer data, long... shape) {
    long count = elementCount(shape);
    if (data.remaining() != count) {
      throw new IllegalArgumentException(
          "tensor of shape " + Arrays.toString(shape) + " needs " + count + " values, found "
              + data.remaining());
    }
    return new Tensor(shape.clone(), data.slice());
  }

  /** Wraps {@code values} as a tensor of {@code shape}. */
  public static Tensor of(float[] values, long... shape) {
    return of(FloatBuffer.wrap(values), shape);
  }

  /** Number of values a tensor of {@code shape} holds. */
  public static long elementCount(long... shape) {
    long count = 1;
    for (long d : shape) {
      if (d < 0) {
        throw new IllegalArgumentException("tensor dimensions must be >= 0, found " + Arrays.toString(shape));
      }
      count = Math.multiplyExact(count, d);
    }
    return count;
  }

  /** A copy of the shape. */
  public long[] shape() {
    return shape.clone();
  }

  /** Size of dimension {@code i}. */
  public long dim(int i) {
    return shape[i];
  }

  /** Number of dimensions. */
  public int rank() {
    return shape.length;
  }

  /** A read-only view of the values, positioned at the first one. */
  public FloatBuffer data() {
    return data.asReadOnlyBuffer();
  }

  /** Value at flat index {@code i}. */
  public float get(int i) {
    return data.get(i);
  }

  /** Number of values. */
  public int size() {
    return data.capacity();
  }

  @Override
  public String toString() {
    return "Tensor" + Arrays.toString(shape);
  }
}
