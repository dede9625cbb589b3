package org.giipbeam.gpu.plan;

import org.giipbeam.arrowio.LaeBatch;

/**
 * A {@link LaeBatch} converted once for the CPU searches: padding and atoms whose weight is zero
 * in every channel are dropped (they contribute nothing), positions and weights are widened to
 * double, and each LAE's self product ⟨A,A⟩ is computed in double. Both engines start from it:
 * the CPU searches read it directly, the CUDA engine packs its device layout from it, and the
 * {@link PairPlan} prunes with it. Read-only by convention.
 */
public final class PreparedLaes {
  public final int dimension;
  public final int channels;
  public final int size;
  /** First atom of LAE i in the atom arrays, and its number of (non-zero) atoms. */
  public final int[] start;
  public final int[] count;
  /** Atom k: position pos[k*d + c], weights w[k*channels + ch], squared norm norm2[k]. */
  public final double[] pos;
  public final double[] w;
  public final double[] norm2;
  /** Per LAE: largest |x| and the self product ⟨A,A⟩. */
  public final double[] maxRadius;
  public final double[] self;
  public final int maxCount;

  public PreparedLaes(LaeBatch b, double sigma) {
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
    pos = new double[total * dimension];
    w = new double[total * channels];
    norm2 = new double[total];
    maxRadius = new double[size];
    self = new double[size];
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
          double x = bp[(i * m + a) * dimension + c];
          pos[k * dimension + c] = x;
          r2 += x * x;
        }
        norm2[k] = r2;
        maxRadius[i] = Math.max(maxRadius[i], Math.sqrt(r2));
        for (int ch = 0; ch < channels; ch++) {
          w[k * channels + ch] = bw[(ch * size + i) * m + a];
        }
        k++;
      }
      count[i] = k - start[i];
      maxC = Math.max(maxC, count[i]);
    }
    maxCount = maxC;
    double s = 1.0 / (4 * sigma * sigma);
    for (int i = 0; i < size; i++) {
      double sum = 0;
      for (int p = start[i]; p < start[i] + count[i]; p++) {
        for (int q = start[i]; q < start[i] + count[i]; q++) {
          double ww = weightProduct(p, this, q);
          if (ww != 0) {
            double d2 = 0;
            for (int c = 0; c < dimension; c++) {
              double t = pos[p * dimension + c] - pos[q * dimension + c];
              d2 += t * t;
            }
            sum += ww * Math.exp(-d2 * s);
          }
        }
      }
      self[i] = sum;
    }
  }

  private boolean nonZero(float[] bw, int i, int a, int m) {
    for (int ch = 0; ch < channels; ch++) {
      if (bw[(ch * size + i) * m + a] != 0f) {
        return true;
      }
    }
    return false;
  }

  /** Σ_channels w_p w_q for atom p of this and atom q of other. */
  public double weightProduct(int p, PreparedLaes other, int q) {
    double sum = 0;
    for (int ch = 0; ch < channels; ch++) {
      sum += w[p * channels + ch] * other.w[q * channels + ch];
    }
    return sum;
  }
}
