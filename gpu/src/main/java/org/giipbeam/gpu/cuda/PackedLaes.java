package org.giipbeam.gpu.cuda;

import org.giipbeam.arrowio.LaeBatch;

/**
 * A {@link LaeBatch} in the layout the CUDA kernels read, built on the host (pure Java, so that
 * it is tested without a GPU). Padding and atoms whose weight is zero in every channel are
 * dropped (they contribute nothing); LAE i owns atoms {@code start[i] .. start[i] + count[i]}.
 *
 * <ul>
 *   <li>{@link #positions}: 4 floats per atom, (x, y, z, |x|²); z = 0 in 2D (float4 on the GPU).
 *   <li>{@link #weights}: {@code channels} floats per atom.
 *   <li>{@link #self}: ⟨A,A⟩ per LAE in double (the CPU engine's formula), used on the host for
 *       d² = ⟨A,A⟩ + ⟨B,B⟩ − 2 max C.
 * </ul>
 */
public final class PackedLaes {
  public final int dimension;
  public final int channels;
  public final int size;
  public final int[] start;
  public final int[] count;
  public final float[] positions;
  public final float[] weights;
  public final double[] self;
  /** Largest atom count of one LAE (sizes the kernel's shared memory). */
  public final int maxCount;
  /** Per LAE: the largest |x| (double), for the invariant bound. */
  public final double[] maxRadius;

  public PackedLaes(LaeBatch b, double sigma) {
    dimension = b.dimension();
    channels = b.channels();
    size = b.size();
    int m = b.maxAtoms();
    float[] bp = b.positions();
    float[] bw = b.weights();
    start = new int[size];
    count = new int[size];
    int total = 0;
    for (int i = 0; i < size; i++) {
      for (int a = 0; a < m; a++) {
        if (nonZero(bw, i, a, m)) {
          total++;
        }
      }
    }
    positions = new float[4 * total];
    weights = new float[channels * total];
    maxRadius = new double[size];
    int k = 0;
    int maxC = 0;
    for (int i = 0; i < size; i++) {
      start[i] = k;
      for (int a = 0; a < m; a++) {
        if (!nonZero(bw, i, a, m)) {
          continue;
        }
        double r2 = 0;
        for (int c = 0; c < dimension; c++) {
          float x = bp[(i * m + a) * dimension + c];
          positions[4 * k + c] = x;
          r2 += (double) x * x;
        }
        positions[4 * k + 3] = (float) r2;
        maxRadius[i] = Math.max(maxRadius[i], Math.sqrt(r2));
        for (int ch = 0; ch < channels; ch++) {
          weights[k * channels + ch] = bw[(ch * size + i) * m + a];
        }
        k++;
      }
      count[i] = k - start[i];
      maxC = Math.max(maxC, count[i]);
    }
    maxCount = maxC;
    self = new double[size];
    double s = 1.0 / (4 * sigma * sigma);
    for (int i = 0; i < size; i++) {
      double sum = 0;
      for (int p = start[i]; p < start[i] + count[i]; p++) {
        for (int q = start[i]; q < start[i] + count[i]; q++) {
          double ww = weightProduct(p, this, q);
          if (ww != 0) {
            double d2 = 0;
            for (int c = 0; c < dimension; c++) {
              double t = (double) positions[4 * p + c] - positions[4 * q + c];
              d2 += t * t;
            }
            sum += ww * Math.exp(-d2 * s);
          }
        }
      }
      self[i] = sum;
    }
  }

  /** Number of atoms kept over all LAEs. */
  public int atoms() {
    return positions.length / 4;
  }

  /** Σ_channels w_p w_q (double) for atom p of this and atom q of other. */
  public double weightProduct(int p, PackedLaes other, int q) {
    double sum = 0;
    for (int ch = 0; ch < channels; ch++) {
      sum += (double) weights[p * channels + ch] * other.weights[q * channels + ch];
    }
    return sum;
  }

  /** Position component c of atom k, widened. */
  public double x(int k, int c) {
    return positions[4 * k + c];
  }

  private boolean nonZero(float[] bw, int i, int a, int m) {
    for (int ch = 0; ch < channels; ch++) {
      if (bw[(ch * size + i) * m + a] != 0f) {
        return true;
      }
    }
    return false;
  }
}
