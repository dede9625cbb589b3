package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.plan.PreparedLaes;
import org.giipbeam.gpu.harmonics.ModifiedBessel;
import org.giipbeam.gpu.harmonics.RealSphericalHarmonics;
import org.giipbeam.gpu.rotation.Rotations;

/**
 * The first-generation FAST 3D search, kept verbatim (test tree) for two jobs: it is the
 * search the CUDA engine's FAST 3D kernels mirror stage by stage ({@code FastKernelEmulationTest},
 * {@code FastKernelHostRunTest} check the kernels against it), and it is the baseline the JMH
 * benchmark measures the CPU engine's {@link FastSearch3D} against in the same run.
 *
 * <p>FAST in 3D: rank a coarse SO(3) grid with the spherical-harmonic expansion of the cross term,
 * then Newton on the exact Gaussian cross term from the grid's best local maxima.
 *
 * <p>Expansion (addition theorem, κ = |a||b|/2σ²):
 * exp(−|a − Rb|²/4σ²) = 4π e^{−(|a|−|b|)²/4σ²} Σ_l e^{−κ} i_l(κ) Y_l(â)ᵀ Δ^l(R) Y_l(b̂), so
 *
 * <pre>
 *   C(R) = Σ_l ⟨F^l, Δ^l(R)⟩,  F^l = 4π Σ_ij W_ij e^{−(r_i−s_j)²/4σ²} e^{−κ}i_l(κ) Y_l(â_i) Y_l(b̂_j)ᵀ
 * </pre>
 *
 * truncated at degree L. On the grid this is one dot product per rotation with no exponentials;
 * Δ^l(−R) = (−1)^l Δ^l(R) gives the rotoinversions from the same pass. F^l is built as
 * Σ_j (Σ_i c^l_ij Y_l(â_i)) Y_l(b̂_j)ᵀ. The grid's local maxima (each at least as large as its
 * grid neighbours, either handedness) within the start margin of the best are polished, best
 * first, up to the start limit, by a safeguarded Newton iteration on SO(3)
 * (R ← exp([ω]×) R with the exact gradient and Hessian of C in ω); the largest polished value
 * is returned. Polishing uses the exact Gaussians, so the value is exact (not truncated).
 */
final class DenseGridFastSearch3D extends OrientationSearch {
  private static final double FOUR_PI = 4 * Math.PI;

  private final double s;
  private final boolean properOnly;
  private final FastTables3D tables;
  private final int degree;
  private final int ny;
  private final int maxStarts;
  private final double margin;
  private final double[] work;
  private final double[] bessel;
  private double[] flat;
  private double[] values;
  /** Per pair of a tile: its F (flat layout) and its grid values. */
  private final double[][] flats;
  private final double[][] tileValues;
  private final int[] cand;
  private final double[] candValue;
  private double[] ya = new double[0];
  private double[] yb = new double[0];
  private double[] z = new double[0];
  private double[] coef;
  private double[] bq = new double[0];
  private final double[] q = new double[9];
  private final double[] qn = new double[9];
  private final double[] ex = new double[9];
  private final double[] best = new double[9];
  private final double[] grad = new double[3];
  private final double[] hess = new double[9];
  private final double[] gradN = new double[3];
  private final double[] hessN = new double[9];
  private final double[] step = new double[3];

  DenseGridFastSearch3D(double sigma, boolean properOnly, FastTables3D tables, int maxStarts,
      double margin) {
    this.s = 1.0 / (4 * sigma * sigma);
    this.properOnly = properOnly;
    this.tables = tables;
    this.degree = tables.degree;
    this.ny = RealSphericalHarmonics.size(degree);
    this.maxStarts = maxStarts;
    this.margin = margin;
    work = new double[ny];
    bessel = new double[degree + 1];
    coef = new double[degree + 1];
    flats = new double[CpuGiipEngine.TILE][tables.flatSize];
    tileValues = new double[CpuGiipEngine.TILE][2 * tables.gridSize];
    flat = flats[0];
    values = tileValues[0];
    cand = new int[2 * tables.gridSize];
    candValue = new double[2 * tables.gridSize];
  }

  /**
   * d_inv of every row × column pair by this search (tiles of {@link CpuGiipEngine#TILE}
   * columns, as the engine runs it), row-major: what the CPU engine's FAST 3D returned before
   * {@link FastSearch3D}, and what the CUDA FAST 3D kernels are checked against.
   */
  static float[] distances(org.giipbeam.arrowio.LaeBatch rows,
      org.giipbeam.arrowio.LaeBatch cols, org.giipbeam.gpu.GiipParameters p) {
    PreparedLaes a = new PreparedLaes(rows, p.sigma());
    PreparedLaes b = new PreparedLaes(cols, p.sigma());
    DenseGridFastSearch3D search = new DenseGridFastSearch3D(p.sigma(), p.properOnly(),
        FastTables3D.get(p.fastSearch().degree(), p.fastSearch().gridCoveringDegrees()), p.fastSearch().maxStarts(),
        p.fastSearch().startMargin());
    PairTerms[] tile = new PairTerms[CpuGiipEngine.TILE];
    for (int q = 0; q < tile.length; q++) {
      tile[q] = new PairTerms();
    }
    double[] cross = new double[tile.length];
    double[] rots = new double[9 * tile.length];
    float[] out = new float[a.size * b.size];
    for (int i = 0; i < a.size; i++) {
      for (int j0 = 0; j0 < b.size; j0 += tile.length) {
        int count = Math.min(tile.length, b.size - j0);
        for (int q = 0; q < count; q++) {
          tile[q].load(a, i, b, j0 + q);
        }
        search.maximiseTile(tile, count, cross, rots);
        for (int q = 0; q < count; q++) {
          double d2 = a.self[i] + b.self[j0 + q] - 2 * cross[q];
          out[i * b.size + j0 + q] = (float) Math.sqrt(Math.max(0, d2));
        }
      }
    }
    return out;
  }

  @Override
  double maximise(PairTerms p, double[] rot, int rotOffset) {
    gridValues(p);
    return polishCandidates(p, rot, rotOffset);
  }

  @Override
  void maximiseTile(PairTerms[] pairs, int count, double[] cross, double[] rots) {
    for (int q = 0; q < count; q++) {
      flat = flats[q];
      expansion(pairs[q]);
    }
    gridValues(count);
    for (int q = 0; q < count; q++) {
      values = tileValues[q];
      cross[q] = polishCandidates(pairs[q], rots, q * 9);
    }
  }

  private double polishCandidates(PairTerms p, double[] rot, int rotOffset) {
    int nc = localMaxima();
    return polishFrom(p, cand, Math.min(nc, maxStarts), rot, rotOffset);
  }

  /**
   * Polishes from the start codes {@code codes[0 .. count)} (h · gridSize + g, h = 1 for −R_g),
   * in order; returns the largest polished value (the earliest start on ties), its rotation in
   * {@code rot} if not null. Package-private so that the CUDA kernels' start selection can be
   * checked against this search.
   */
  double polishFrom(PairTerms p, int[] codes, int count, double[] rot, int rotOffset) {
    double bestC = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < count; c++) {
      int g = codes[c] % tables.gridSize;
      double sign = codes[c] >= tables.gridSize ? -1 : 1;
      for (int k = 0; k < 9; k++) {
        q[k] = sign * tables.rotations[9 * g + k];
      }
      double v = polish(p);
      if (v > bestC) {
        bestC = v;
        System.arraycopy(q, 0, best, 0, 9);
      }
    }
    if (rot != null) {
      System.arraycopy(best, 0, rot, rotOffset, 9);
    }
    return bestC;
  }

  /** The truncated expansion's grid values of one pair: C(R_g) at g, C(−R_g) at gridSize + g. */
  double[] gridValues(PairTerms p) {
    flat = flats[0];
    values = tileValues[0];
    expansion(p);
    gridValues(1);
    return values;
  }

  /** After {@link #gridValues(PairTerms)}: the start codes this search polishes, best first. */
  int starts(int[] out) {
    int n = Math.min(localMaxima(), maxStarts);
    System.arraycopy(cand, 0, out, 0, n);
    return n;
  }

  /** F^l for l ≤ L into {@link #flat} (tables' even/odd layout). */
  private void expansion(PairTerms p) {
    int na = p.na;
    int nb = p.nb;
    if (ya.length < na * ny) {
      ya = new double[na * ny];
    }
    if (yb.length < nb * ny) {
      yb = new double[nb * ny];
      z = new double[nb * ny];
    }
    for (int i = 0; i < na; i++) {
      unitHarmonics(p.a, i, p.ra[i], ya);
    }
    for (int j = 0; j < nb; j++) {
      unitHarmonics(p.b, j, p.rb[j], yb);
    }
    java.util.Arrays.fill(z, 0, nb * ny, 0);
    for (int t = 0; t < p.terms; t++) {
      int i = p.ti[t];
      int j = p.tj[t];
      double r = p.ra[i];
      double rs = p.rb[j];
      double dr = r - rs;
      double pre = FOUR_PI * p.tw[t] * Math.exp(-s * dr * dr);
      ModifiedBessel.scaledSpherical(2 * s * r * rs, degree, bessel);
      int zo = j * ny;
      int yo = i * ny;
      for (int l = 0; l <= degree; l++) {
        double c = pre * bessel[l];
        int lo = l * l;
        for (int m = 0; m <= 2 * l; m++) {
          z[zo + lo + m] += c * ya[yo + lo + m];
        }
      }
    }
    java.util.Arrays.fill(flat, 0);
    for (int j = 0; j < nb; j++) {
      int zo = j * ny;
      for (int l = 0; l <= degree; l++) {
        int dim = 2 * l + 1;
        int lo = l * l;
        int fo = tables.blockOffset[l];
        for (int m = 0; m < dim; m++) {
          double zm = z[zo + lo + m];
          int row = fo + m * dim;
          for (int k = 0; k < dim; k++) {
            flat[row + k] += zm * yb[zo + lo + k];
          }
        }
      }
    }
  }

  private void unitHarmonics(double[] pos, int i, double r, double[] out) {
    double x = 0;
    double y = 0;
    double zz = 1;
    if (r > 1e-12) {
      x = pos[3 * i] / r;
      y = pos[3 * i + 1] / r;
      zz = pos[3 * i + 2] / r;
    }
    RealSphericalHarmonics.evaluate(degree, x, y, zz, out, i * ny, work);
  }

  /**
   * For the first {@code count} pairs of the tile: values[g] = C(R_g), values[N + g] = C(−R_g)
   * from the truncated expansion. Each grid row of Δ is read once for the whole tile.
   */
  private void gridValues(int count) {
    int n = tables.gridSize;
    int fs = tables.flatSize;
    int es = tables.evenSize;
    double[] d = tables.delta;
    for (int g = 0; g < n; g++) {
      int o = g * fs;
      for (int q = 0; q < count; q++) {
        double[] f = flats[q];
        double e0 = 0;
        double e1 = 0;
        double e2 = 0;
        double e3 = 0;
        int k = 0;
        for (; k + 3 < es; k += 4) {
          e0 += d[o + k] * f[k];
          e1 += d[o + k + 1] * f[k + 1];
          e2 += d[o + k + 2] * f[k + 2];
          e3 += d[o + k + 3] * f[k + 3];
        }
        for (; k < es; k++) {
          e0 += d[o + k] * f[k];
        }
        double o0 = 0;
        double o1 = 0;
        double o2 = 0;
        double o3 = 0;
        for (; k + 3 < fs; k += 4) {
          o0 += d[o + k] * f[k];
          o1 += d[o + k + 1] * f[k + 1];
          o2 += d[o + k + 2] * f[k + 2];
          o3 += d[o + k + 3] * f[k + 3];
        }
        for (; k < fs; k++) {
          o0 += d[o + k] * f[k];
        }
        double e = (e0 + e1) + (e2 + e3);
        double od = (o0 + o1) + (o2 + o3);
        double[] v = tileValues[q];
        v[g] = e + od;
        v[n + g] = e - od;
      }
    }
  }

  /** Grid local maxima within the margin of the best, sorted best first; returns their count. */
  private int localMaxima() {
    int n = tables.gridSize;
    int hands = properOnly ? 1 : 2;
    double top = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < hands * n; k++) {
      top = Math.max(top, values[k]);
    }
    int nc = 0;
    int[] ns = tables.neighbourStart;
    int[] nbr = tables.neighbours;
    for (int h = 0; h < hands; h++) {
      int base = h * n;
      for (int g = 0; g < n; g++) {
        double v = values[base + g];
        if (v < top - margin) {
          continue;
        }
        boolean isMax = true;
        for (int k = ns[g]; k < ns[g + 1]; k++) {
          if (values[base + nbr[k]] > v) {
            isMax = false;
            break;
          }
        }
        if (isMax) {
          int pos = nc++;
          while (pos > 0 && candValue[pos - 1] < v) {
            cand[pos] = cand[pos - 1];
            candValue[pos] = candValue[pos - 1];
            pos--;
          }
          cand[pos] = base + g;
          candValue[pos] = v;
        }
      }
    }
    return nc;
  }

  /** Exact C at {@link #q}, with gradient and Hessian in ω for R = exp([ω]×) q. */
  private double evaluate(PairTerms p, double[] qq, boolean derivatives) {
    int nb = p.nb;
    if (bq.length < 3 * nb) {
      bq = new double[3 * nb];
    }
    double[] b = p.b;
    for (int j = 0; j < nb; j++) {
      double x = b[3 * j];
      double y = b[3 * j + 1];
      double zz = b[3 * j + 2];
      bq[3 * j] = qq[0] * x + qq[1] * y + qq[2] * zz;
      bq[3 * j + 1] = qq[3] * x + qq[4] * y + qq[5] * zz;
      bq[3 * j + 2] = qq[6] * x + qq[7] * y + qq[8] * zz;
    }
    double f = 0;
    double gx = 0;
    double gy = 0;
    double gz = 0;
    double hxx = 0;
    double hxy = 0;
    double hxz = 0;
    double hyy = 0;
    double hyz = 0;
    double hzz = 0;
    double s2 = 2 * s;
    double[] a = p.a;
    for (int t = 0; t < p.terms; t++) {
      int i3 = 3 * p.ti[t];
      int j3 = 3 * p.tj[t];
      double ax = a[i3];
      double ay = a[i3 + 1];
      double az = a[i3 + 2];
      double bx = bq[j3];
      double by = bq[j3 + 1];
      double bz = bq[j3 + 2];
      double dot = ax * bx + ay * by + az * bz;
      double e = p.tw[t] * Math.exp(s * (2 * dot - p.tn[t]));
      f += e;
      if (derivatives) {
        // ∂(a·Rb)/∂ω = b' × a ; ∂²: ½(a b'ᵀ + b' aᵀ) − (a·b') I
        double cx = by * az - bz * ay;
        double cy = bz * ax - bx * az;
        double cz = bx * ay - by * ax;
        double es = e * s2;
        gx += es * cx;
        gy += es * cy;
        gz += es * cz;
        double es2 = es * s2;
        hxx += es2 * cx * cx + es * (ax * bx - dot);
        hyy += es2 * cy * cy + es * (ay * by - dot);
        hzz += es2 * cz * cz + es * (az * bz - dot);
        hxy += es2 * cx * cy + es * 0.5 * (ax * by + bx * ay);
        hxz += es2 * cx * cz + es * 0.5 * (ax * bz + bx * az);
        hyz += es2 * cy * cz + es * 0.5 * (ay * bz + by * az);
      }
    }
    if (derivatives) {
      gradN[0] = gx;
      gradN[1] = gy;
      gradN[2] = gz;
      hessN[0] = hxx;
      hessN[1] = hxy;
      hessN[2] = hxz;
      hessN[3] = hxy;
      hessN[4] = hyy;
      hessN[5] = hyz;
      hessN[6] = hxz;
      hessN[7] = hyz;
      hessN[8] = hzz;
    }
    return f;
  }

  /** Safeguarded Newton ascent on SO(3) from {@link #q}; leaves the optimum in q. */
  private double polish(PairTerms p) {
    double f = evaluate(p, q, true);
    System.arraycopy(gradN, 0, grad, 0, 3);
    System.arraycopy(hessN, 0, hess, 0, 9);
    for (int it = 0; it < 50; it++) {
      newtonStep();
      double len = Math.sqrt(step[0] * step[0] + step[1] * step[1] + step[2] * step[2]);
      if (len > 0.3) {
        double sc = 0.3 / len;
        step[0] *= sc;
        step[1] *= sc;
        step[2] *= sc;
        len = 0.3;
      }
      double gain = grad[0] * step[0] + grad[1] * step[1] + grad[2] * step[2];
      // converged when the predicted gain is at rounding level
      if (gain <= 1e-14 * Math.abs(f) || len < 1e-13) {
        break;
      }
      boolean accepted = false;
      for (int half = 0; half < 20; half++) {
        Rotations.exp(step[0], step[1], step[2], ex, 0);
        Rotations.multiply3(ex, 0, q, 0, qn, 0);
        double fn = evaluate(p, qn, true);
        if (fn > f) {
          System.arraycopy(qn, 0, q, 0, 9);
          System.arraycopy(gradN, 0, grad, 0, 3);
          System.arraycopy(hessN, 0, hess, 0, 9);
          f = fn;
          accepted = true;
          break;
        }
        step[0] *= 0.5;
        step[1] *= 0.5;
        step[2] *= 0.5;
      }
      if (!accepted) {
        break;
      }
    }
    return f;
  }

  /** Solves (−H + μI) ω = g with the smallest μ ≥ 0 that makes the matrix positive definite. */
  private void newtonStep() {
    double mu = 0;
    double scale = Math.abs(hess[0]) + Math.abs(hess[4]) + Math.abs(hess[8]) + 1e-300;
    for (int attempt = 0; attempt < 60; attempt++) {
      double a00 = -hess[0] + mu;
      double a01 = -hess[1];
      double a02 = -hess[2];
      double a11 = -hess[4] + mu;
      double a12 = -hess[5];
      double a22 = -hess[8] + mu;
      // Cholesky
      if (a00 > 0) {
        double l00 = Math.sqrt(a00);
        double l10 = a01 / l00;
        double l20 = a02 / l00;
        double d11 = a11 - l10 * l10;
        if (d11 > 0) {
          double l11 = Math.sqrt(d11);
          double l21 = (a12 - l20 * l10) / l11;
          double d22 = a22 - l20 * l20 - l21 * l21;
          if (d22 > 0) {
            double l22 = Math.sqrt(d22);
            double y0 = grad[0] / l00;
            double y1 = (grad[1] - l10 * y0) / l11;
            double y2 = (grad[2] - l20 * y0 - l21 * y1) / l22;
            step[2] = y2 / l22;
            step[1] = (y1 - l21 * step[2]) / l11;
            step[0] = (y0 - l10 * step[1] - l20 * step[2]) / l00;
            return;
          }
        }
      }
      mu = mu == 0 ? 1e-6 * scale : 4 * mu;
    }
    step[0] = grad[0] * 1e-3;
    step[1] = grad[1] * 1e-3;
    step[2] = grad[2] * 1e-3;
  }
}
