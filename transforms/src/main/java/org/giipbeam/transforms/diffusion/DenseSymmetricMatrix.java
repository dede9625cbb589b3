package org.giipbeam.transforms.diffusion;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * A dense symmetric n × n matrix of doubles, row-major, whose block products use every core
 * (rows are split into chunks; a block of b vectors is multiplied in one sweep over the matrix,
 * so the matrix is read from memory once per block, not once per vector).
 */
public final class DenseSymmetricMatrix implements SymmetricOperator {
  private static final int ROWS_PER_TASK = 64;

  private final int n;
  private final double[] a;

  /** Wraps (no copy) a row-major n × n array; the caller guarantees symmetry. */
  public DenseSymmetricMatrix(int n, double[] a) {
    if (a.length != (long) n * n) {
      throw new IllegalArgumentException("expected " + n + " × " + n + " entries, got "
          + a.length);
    }
    this.n = n;
    this.a = a;
  }

  @Override
  public int size() {
    return n;
  }

  /** The row-major entries (not a copy). */
  public double[] entries() {
    return a;
  }

  public double get(int i, int j) {
    return a[i * n + j];
  }

  @Override
  public void multiply(double[] x, double[] y, int b) {
    if (x.length < n * b || y.length < n * b) {
      throw new IllegalArgumentException("blocks must hold " + n + " × " + b + " entries");
    }
    int tasks = (n + ROWS_PER_TASK - 1) / ROWS_PER_TASK;
    IntStream.range(0, tasks).parallel().forEach(t -> {
      int end = Math.min(n, (t + 1) * ROWS_PER_TASK);
      int i = t * ROWS_PER_TASK;
      double[] acc0 = new double[b];
      double[] acc1 = new double[b];
      // Two rows at a time: each x entry loaded once feeds two rows.
      for (; i + 1 < end; i += 2) {
        Arrays.fill(acc0, 0);
        Arrays.fill(acc1, 0);
        int r0 = i * n;
        int r1 = r0 + n;
        for (int j = 0; j < n; j++) {
          double a0 = a[r0 + j];
          double a1 = a[r1 + j];
          int xo = j * b;
          for (int c = 0; c < b; c++) {
            double xv = x[xo + c];
            acc0[c] += a0 * xv;
            acc1[c] += a1 * xv;
          }
        }
        System.arraycopy(acc0, 0, y, i * b, b);
        System.arraycopy(acc1, 0, y, (i + 1) * b, b);
      }
      for (; i < end; i++) {
        Arrays.fill(acc0, 0);
        int r0 = i * n;
        for (int j = 0; j < n; j++) {
          double a0 = a[r0 + j];
          int xo = j * b;
          for (int c = 0; c < b; c++) {
            acc0[c] += a0 * x[xo + c];
          }
        }
        System.arraycopy(acc0, 0, y, i * b, b);
      }
    });
  }
}
