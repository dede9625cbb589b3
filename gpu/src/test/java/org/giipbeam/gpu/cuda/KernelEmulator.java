package org.giipbeam.gpu.cuda;

import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.rotation.RotationGrid;
import org.giipbeam.gpu.plan.PairPlan;

/**
 * A sequential Java emulation of {@code giip_search3d} / {@code giip_search2d} on the very
 * buffers the engine uploads ({@link PackedLaes}, {@link PairPlan}): float32 staging of
 * (w_ij, l_ij), float accumulation of w·2^(l + k2·dot), the argmax with the kernels' tie rule
 * (lowest grid code), the local ball about the coarse winner, and the double re-evaluation at
 * the winner. It tests the host-side layout and the kernels' arithmetic without a GPU; the order
 * of the float sums differs from the GPU's only in where the block splits the grid (the sum over
 * terms of one orientation is sequential in both).
 */
final class KernelEmulator {
  private static final float LOG2E = 1.4426950408889634f;

  private KernelEmulator() {}

  /** Fills cross[p] and (if not null) rots[p d² ...] for every searched pair of the plan. */
  static void run(GiipParameters params, PackedLaes a, PackedLaes b, PairPlan plan,
      double[] cross, float[] rots) {
    double sd = 1.0 / (4 * params.sigma() * params.sigma());
    float s = (float) sd;
    float[] coarse = null;
    float[] local = null;
    float[] ang = null;
    double[] angD = null;
    if (a.dimension == 3) {
      coarse = CudaGiipEngine.toFloat(
          RotationGrid.covering(params.exhaustiveSearch().coarseCoveringDegrees()).matrices());
      local = CudaGiipEngine.toFloat(RotationGrid.localBall(params.exhaustiveSearch().refineRadiusDegrees(),
          params.exhaustiveSearch().refineCoveringDegrees()).matrices());
    } else {
      double[] t = RotationGrid.uniformAngles(params.exhaustiveSearch().angleStepDegrees2d());
      ang = new float[2 * t.length];
      angD = new double[2 * t.length];
      for (int k = 0; k < t.length; k++) {
        angD[2 * k] = Math.cos(t[k]);
        angD[2 * k + 1] = Math.sin(t[k]);
        ang[2 * k] = (float) angD[2 * k];
        ang[2 * k + 1] = (float) angD[2 * k + 1];
      }
    }
    for (int p = 0; p < plan.searched; p++) {
      int ia = plan.pairs[2 * p];
      int ib = plan.pairs[2 * p + 1];
      if (a.dimension == 3) {
        cross[p] = search3d(params.properOnly(), a, ia, b, ib, s, sd, coarse, local, rots,
            9 * p);
      } else {
        cross[p] = search2d(params.properOnly(), a, ia, b, ib, s, sd, ang, angD, rots, 4 * p);
      }
    }
  }

  private static float exp2(float x) {
    return (float) Math.pow(2, x);
  }

  /** Staged (w_ij, l_ij), j-major as in shared memory. */
  private static float[][] stage(PackedLaes a, int ia, PackedLaes b, int ib, float s) {
    int na = a.count[ia];
    int nb = b.count[ib];
    float[] w = new float[na * nb];
    float[] l = new float[na * nb];
    for (int j = 0; j < nb; j++) {
      for (int i = 0; i < na; i++) {
        int pa = a.start[ia] + i;
        int pb = b.start[ib] + j;
        float ww = 0f;
        for (int ch = 0; ch < a.channels; ch++) {
          ww += a.weights[pa * a.channels + ch] * b.weights[pb * b.channels + ch];
        }
        w[j * na + i] = ww;
        l[j * na + i] = -(a.positions[4 * pa + 3] + b.positions[4 * pb + 3]) * s * LOG2E;
      }
    }
    return new float[][] {w, l};
  }

  /** Float cross term of the pair for matrix m (at mo), sign ±1 applied to the dot. */
  private static float crossFloat3(PackedLaes a, int ia, PackedLaes b, int ib, float[][] wl,
      float k2, float[] m, int mo, float sign) {
    int na = a.count[ia];
    int nb = b.count[ib];
    float c = 0f;
    for (int j = 0; j < nb; j++) {
      int pb = 4 * (b.start[ib] + j);
      float bx = b.positions[pb];
      float by = b.positions[pb + 1];
      float bz = b.positions[pb + 2];
      float x = m[mo] * bx + m[mo + 1] * by + m[mo + 2] * bz;
      float y = m[mo + 3] * bx + m[mo + 4] * by + m[mo + 5] * bz;
      float z = m[mo + 6] * bx + m[mo + 7] * by + m[mo + 8] * bz;
      for (int i = 0; i < na; i++) {
        int pa = 4 * (a.start[ia] + i);
        float dot = k2 * (a.positions[pa] * x + a.positions[pa + 1] * y + a.positions[pa + 2] * z);
        c += wl[0][j * na + i] * exp2(wl[1][j * na + i] + sign * dot);
      }
    }
    return c;
  }

  private static double search3d(boolean properOnly, PackedLaes a, int ia, PackedLaes b, int ib,
      float s, double sd, float[] coarse, float[] local, float[] rots, int ro) {
    float[][] wl = stage(a, ia, b, ib, s);
    float k2 = 2f * s * LOG2E;
    float best = Float.NEGATIVE_INFINITY;
    int code = Integer.MAX_VALUE;
    for (int g = 0; g < coarse.length / 9; g++) {
      float cp = crossFloat3(a, ia, b, ib, wl, k2, coarse, 9 * g, 1f);
      if (cp > best) {
        best = cp;
        code = 2 * g;
      }
      if (!properOnly) {
        float cm = crossFloat3(a, ia, b, ib, wl, k2, coarse, 9 * g, -1f);
        if (cm > best) {
          best = cm;
          code = 2 * g + 1;
        }
      }
    }
    float sign = (code & 1) != 0 ? -1f : 1f;
    float[] c = new float[9];
    for (int k = 0; k < 9; k++) {
      c[k] = sign * coarse[9 * (code >> 1) + k];
    }
    int fine = -1;
    float[] m = new float[9];
    for (int v = 0; v < local.length / 9; v++) {
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < 3; k++) {
          m[3 * r + k] = local[9 * v + 3 * r] * c[k] + local[9 * v + 3 * r + 1] * c[3 + k]
              + local[9 * v + 3 * r + 2] * c[6 + k];
        }
      }
      float cv = crossFloat3(a, ia, b, ib, wl, k2, m, 0, 1f);
      if (cv > best) {
        best = cv;
        fine = v;
      }
    }
    double[] q = new double[9];
    if (fine < 0) {
      for (int k = 0; k < 9; k++) {
        q[k] = c[k];
      }
    } else {
      for (int r = 0; r < 3; r++) {
        for (int k = 0; k < 3; k++) {
          q[3 * r + k] = (double) local[9 * fine + 3 * r] * c[k]
              + (double) local[9 * fine + 3 * r + 1] * c[3 + k]
              + (double) local[9 * fine + 3 * r + 2] * c[6 + k];
        }
      }
    }
    if (rots != null) {
      for (int k = 0; k < 9; k++) {
        rots[ro + k] = (float) q[k];
      }
    }
    double sum = 0;
    for (int j = 0; j < b.count[ib]; j++) {
      for (int i = 0; i < a.count[ia]; i++) {
        int pa = a.start[ia] + i;
        int pb = b.start[ib] + j;
        double w = a.weightProduct(pa, b, pb);
        if (w == 0) {
          continue;
        }
        double ax = a.x(pa, 0), ay = a.x(pa, 1), az = a.x(pa, 2);
        double bx = b.x(pb, 0), by = b.x(pb, 1), bz = b.x(pb, 2);
        double dot = ax * (q[0] * bx + q[1] * by + q[2] * bz)
            + ay * (q[3] * bx + q[4] * by + q[5] * bz) + az * (q[6] * bx + q[7] * by + q[8] * bz);
        double n = ax * ax + ay * ay + az * az + bx * bx + by * by + bz * bz;
        sum += w * Math.exp(sd * (2 * dot - n));
      }
    }
    return sum;
  }

  private static double search2d(boolean properOnly, PackedLaes a, int ia, PackedLaes b, int ib,
      float s, double sd, float[] ang, double[] angD, float[] rots, int ro) {
    float[][] wl = stage(a, ia, b, ib, s);
    float k2 = 2f * s * LOG2E;
    int na = a.count[ia];
    int nb = b.count[ib];
    float[] u = new float[4 * na * nb];
    for (int t = 0; t < na * nb; t++) {
      int pa = 4 * (a.start[ia] + t % na);
      int pb = 4 * (b.start[ib] + t / na);
      float ax = a.positions[pa], ay = a.positions[pa + 1];
      float bx = b.positions[pb], by = b.positions[pb + 1];
      u[4 * t] = k2 * (ax * bx + ay * by);
      u[4 * t + 1] = k2 * (ay * bx - ax * by);
      u[4 * t + 2] = k2 * (ax * bx - ay * by);
      u[4 * t + 3] = k2 * (ay * bx + ax * by);
    }
    float best = Float.NEGATIVE_INFINITY;
    int code = Integer.MAX_VALUE;
    for (int k = 0; k < ang.length / 2; k++) {
      float c = ang[2 * k];
      float sn = ang[2 * k + 1];
      float cp = 0f;
      float cm = 0f;
      for (int t = 0; t < na * nb; t++) {
        cp += wl[0][t] * exp2(wl[1][t] + c * u[4 * t] + sn * u[4 * t + 1]);
        if (!properOnly) {
          cm += wl[0][t] * exp2(wl[1][t] + c * u[4 * t + 2] + sn * u[4 * t + 3]);
        }
      }
      if (cp > best) {
        best = cp;
        code = 2 * k;
      }
      if (!properOnly && cm > best) {
        best = cm;
        code = 2 * k + 1;
      }
    }
    int k = code >> 1;
    boolean improper = (code & 1) != 0;
    double c = angD[2 * k];
    double sn = angD[2 * k + 1];
    if (rots != null) {
      rots[ro] = (float) c;
      rots[ro + 1] = (float) (improper ? sn : -sn);
      rots[ro + 2] = (float) sn;
      rots[ro + 3] = (float) (improper ? -c : c);
    }
    double sum = 0;
    for (int t = 0; t < na * nb; t++) {
      int pa = a.start[ia] + t % na;
      int pb = b.start[ib] + t / na;
      double w = a.weightProduct(pa, b, pb);
      if (w == 0) {
        continue;
      }
      double ax = a.x(pa, 0), ay = a.x(pa, 1), bx = b.x(pb, 0), by = b.x(pb, 1);
      double uu = improper ? ax * bx - ay * by : ax * bx + ay * by;
      double vv = improper ? ay * bx + ax * by : ay * bx - ax * by;
      double n = ax * ax + ay * ay + bx * bx + by * by;
      sum += w * Math.exp(sd * (2 * (c * uu + sn * vv) - n));
    }
    return sum;
  }
}
