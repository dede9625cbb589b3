package org.giipbeam.gpu.cpu;

import java.util.Arrays;
import org.giipbeam.gpu.cuda.FastPlan3D;
import org.giipbeam.gpu.cuda.PackedLaes;
import org.giipbeam.gpu.harmonics.ModifiedBessel;
import org.giipbeam.gpu.harmonics.RealSphericalHarmonics;

/**
 * A sequential Java emulation of the FAST 3D kernels ({@code giip_fast3d.cuh}) on the buffers
 * the CUDA engine uploads ({@link PackedLaes}, {@link FastPlan3D}), in the kernels' arithmetic:
 * harmonics and Bessel factors in double stored as float, float sums with fused multiply-adds
 * in the kernels' order. The polish kernel is {@link DenseGridFastSearch3D#polishFrom} transliterated,
 * so the emulation polishes with that method from the emulated starts.
 */
final class FastKernelEmulator {
  private FastKernelEmulator() {}

  /** {@code giip_fast3d_expand} for pair (ia, ib): the flat row (flatStride floats). */
  static float[] expand(FastPlan3D fp, PackedLaes a, int ia, PackedLaes b, int ib, double s) {
    int degree = fp.degree;
    int ny = fp.harmonics();
    int na = a.count[ia];
    int nb = b.count[ib];
    double[] ra = new double[na];
    double[] rb = new double[nb];
    float[] ya = harmonics(a, ia, degree, ra);
    float[] yb = harmonics(b, ib, degree, rb);
    float[] z = new float[nb * ny];
    double[] bes = new double[degree + 1];
    float[] c = new float[na * (degree + 1)];
    for (int j = 0; j < nb; j++) {
      for (int i = 0; i < na; i++) {
        double w = a.weightProduct(a.start[ia] + i, b, b.start[ib] + j);
        for (int l = 0; l <= degree; l++) {
          c[i * (degree + 1) + l] = 0f;
        }
        if (w != 0) {
          double dr = ra[i] - rb[j];
          double pre = 4 * Math.PI * w * Math.exp(-s * dr * dr);
          ModifiedBessel.scaledSpherical(2 * s * ra[i] * rb[j], degree, bes);
          for (int l = 0; l <= degree; l++) {
            c[i * (degree + 1) + l] = (float) (pre * bes[l]);
          }
        }
      }
      for (int l = 0; l <= degree; l++) {
        for (int lm = l * l; lm < (l + 1) * (l + 1); lm++) {
          float acc = 0f;
          for (int i = 0; i < na; i++) {
            acc = Math.fma(c[i * (degree + 1) + l], ya[i * ny + lm], acc);
          }
          z[j * ny + lm] = acc;
        }
      }
    }
    float[] flat = new float[fp.flatStride];
    for (int l = 0; l <= degree; l++) {
      int dim = 2 * l + 1;
      for (int m = 0; m < dim; m++) {
        for (int k = 0; k < dim; k++) {
          float acc = 0f;
          for (int j = 0; j < nb; j++) {
            acc = Math.fma(z[j * ny + l * l + m], yb[j * ny + l * l + k], acc);
          }
          flat[fp.blockOffset[l] + m * dim + k] = acc;
        }
      }
    }
    return flat;
  }

  private static float[] harmonics(PackedLaes p, int lae, int degree, double[] r) {
    int ny = (degree + 1) * (degree + 1);
    int n = p.count[lae];
    float[] out = new float[n * ny];
    double[] y = new double[ny];
    double[] work = new double[ny];
    for (int k = 0; k < n; k++) {
      int atom = p.start[lae] + k;
      double x = p.x(atom, 0);
      double yy = p.x(atom, 1);
      double z = p.x(atom, 2);
      double rr = Math.sqrt(x * x + yy * yy + z * z);
      r[k] = rr;
      if (rr > 1e-12) {
        RealSphericalHarmonics.evaluate(degree, x / rr, yy / rr, z / rr, y, 0, work);
      } else {
        RealSphericalHarmonics.evaluate(degree, 0, 0, 1, y, 0, work);
      }
      for (int q = 0; q < ny; q++) {
        out[k * ny + q] = (float) y[q];
      }
    }
    return out;
  }

  /** {@code giip_fast3d_grid} for one flat row: C(R_g) at g, C(−R_g) at gridSize + g. */
  static float[] grid(FastPlan3D fp, float[] flat) {
    int n = fp.gridSize;
    float[] v = new float[2 * n];
    for (int g = 0; g < n; g++) {
      int o = g * fp.flatStride;
      float even = 0f;
      for (int k = 0; k < fp.evenStride; k++) {
        even = Math.fma(flat[k], fp.delta[o + k], even);
      }
      float odd = 0f;
      for (int k = fp.evenStride; k < fp.flatStride; k++) {
        odd = Math.fma(flat[k], fp.delta[o + k], odd);
      }
      v[g] = even + odd;
      v[n + g] = even - odd;
    }
    return v;
  }

  /** {@code giip_fast3d_starts}: the start codes into {@code out}, best first; their number. */
  static int starts(FastPlan3D fp, float[] v, int[] out) {
    int n = fp.gridSize;
    int total = fp.hands * n;
    float top = Float.NEGATIVE_INFINITY;
    for (int k = 0; k < total; k++) {
      top = Math.max(top, v[k]);
    }
    float threshold = top - fp.margin;
    long[] found = new long[total];
    float[] foundValue = new float[total];
    int nc = 0;
    for (int k = 0; k < total; k++) {
      float x = v[k];
      if (!(x >= threshold)) {
        continue;
      }
      int h = k >= n ? 1 : 0;
      int g = k - h * n;
      boolean isMax = true;
      for (int q = fp.neighbourStart[g]; q < fp.neighbourStart[g + 1]; q++) {
        if (v[h * n + fp.neighbours[q]] > x) {
          isMax = false;
          break;
        }
      }
      if (isMax) {
        foundValue[nc] = x;
        found[nc++] = k;
      }
    }
    Integer[] order = new Integer[nc];
    for (int c = 0; c < nc; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (p, q) -> foundValue[p] != foundValue[q]
        ? Float.compare(foundValue[q], foundValue[p]) : Long.compare(found[p], found[q]));
    int count = Math.min(nc, fp.maxStarts);
    for (int c = 0; c < count; c++) {
      out[c] = (int) found[order[c]];
    }
    if (nc == 0) {
      out[0] = 0;
    }
    return Math.max(1, count);
  }
}
