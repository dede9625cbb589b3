package org.giipbeam.transforms.diffusion;

import java.util.SplittableRandom;

/** Point sets with known intrinsic coordinates, and their Euclidean distance matrices. */
final class Manifolds {
  private Manifolds() {}

  /** Points and the intrinsic parameters they were made from. */
  record Sample(double[][] points, double[][] parameters) {
    int size() {
      return points.length;
    }

    float[] distances() {
      return Manifolds.distances(points);
    }
  }

  /** Unit circle, angle uniform, radius 1 + N(0, noise²); parameter: the angle. */
  static Sample noisyCircle(int n, double noise, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    double[][] t = new double[n][];
    for (int i = 0; i < n; i++) {
      double a = r.nextDouble(0, 2 * Math.PI);
      double radius = 1 + noise * r.nextGaussian();
      x[i] = new double[] {radius * Math.cos(a), radius * Math.sin(a)};
      t[i] = new double[] {a};
    }
    return new Sample(x, t);
  }

  /** Uniform on [0, lx] × [0, ly]; parameters: x, y. */
  static Sample rectangle(int n, double lx, double ly, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = new double[] {r.nextDouble(0, lx), r.nextDouble(0, ly)};
    }
    return new Sample(x, x);
  }

  /**
   * Swiss roll (t cos t, h, t sin t), t uniform in [1.5π, 4.5π], h uniform in [0, height];
   * parameters: t, h.
   */
  static Sample swissRoll(int n, double height, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][];
    double[][] p = new double[n][];
    for (int i = 0; i < n; i++) {
      double t = 1.5 * Math.PI * (1 + 2 * r.nextDouble());
      double h = height * r.nextDouble();
      x[i] = new double[] {t * Math.cos(t), h, t * Math.sin(t)};
      p[i] = new double[] {t, h};
    }
    return new Sample(x, p);
  }

  /** Standard normal points in d dimensions. */
  static Sample gaussian(int n, int d, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    double[][] x = new double[n][d];
    for (double[] p : x) {
      for (int c = 0; c < d; c++) {
        p[c] = r.nextGaussian();
      }
    }
    return new Sample(x, x);
  }

  /** Row-major n × n float32 Euclidean distances (exactly symmetric). */
  static float[] distances(double[][] x) {
    int n = x.length;
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int c = 0; c < x[i].length; c++) {
          double dz = x[i][c] - x[j][c];
          s += dz * dz;
        }
        d[i * n + j] = d[j * n + i] = (float) Math.sqrt(s);
      }
    }
    return d;
  }

  /** Distances from extra points to training points, row-major m × n. */
  static float[] crossDistances(double[][] rows, double[][] training) {
    int n = training.length;
    float[] d = new float[rows.length * n];
    for (int i = 0; i < rows.length; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int c = 0; c < training[j].length; c++) {
          double dz = rows[i][c] - training[j][c];
          s += dz * dz;
        }
        d[i * n + j] = (float) Math.sqrt(s);
      }
    }
    return d;
  }

  /**
   * Symmetric "distances" uniform in [lo, hi] with zero diagonal: they break the triangle
   * inequality, so the Gaussian kernel is not positive definite (like d_inv).
   */
  static float[] nonMetric(int n, double lo, double hi, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        d[i * n + j] = d[j * n + i] = (float) r.nextDouble(lo, hi);
      }
    }
    return d;
  }

  /** r² of the least-squares fit of y on the columns of x plus a constant. */
  static double r2(double[] y, double[]... x) {
    int n = y.length;
    int q = x.length + 1;
    double[][] a = new double[q][q];
    double[] b = new double[q];
    double[] z = new double[q];
    for (int i = 0; i < n; i++) {
      z[0] = 1;
      for (int c = 0; c < x.length; c++) {
        z[c + 1] = x[c][i];
      }
      for (int r = 0; r < q; r++) {
        b[r] += z[r] * y[i];
        for (int c = 0; c < q; c++) {
          a[r][c] += z[r] * z[c];
        }
      }
    }
    double[] coef = solve(a, b);
    double mean = 0;
    for (double v : y) {
      mean += v / n;
    }
    double res = 0;
    double tot = 0;
    for (int i = 0; i < n; i++) {
      double fit = coef[0];
      for (int c = 0; c < x.length; c++) {
        fit += coef[c + 1] * x[c][i];
      }
      res += (y[i] - fit) * (y[i] - fit);
      tot += (y[i] - mean) * (y[i] - mean);
    }
    return 1 - res / tot;
  }

  /** Gaussian elimination with partial pivoting. */
  static double[] solve(double[][] a0, double[] b0) {
    int q = b0.length;
    double[][] a = new double[q][];
    for (int i = 0; i < q; i++) {
      a[i] = a0[i].clone();
    }
    double[] b = b0.clone();
    for (int c = 0; c < q; c++) {
      int p = c;
      for (int r = c + 1; r < q; r++) {
        if (Math.abs(a[r][c]) > Math.abs(a[p][c])) {
          p = r;
        }
      }
      double[] t = a[c];
      a[c] = a[p];
      a[p] = t;
      double tb = b[c];
      b[c] = b[p];
      b[p] = tb;
      for (int r = c + 1; r < q; r++) {
        double f = a[r][c] / a[c][c];
        for (int k = c; k < q; k++) {
          a[r][k] -= f * a[c][k];
        }
        b[r] -= f * b[c];
      }
    }
    double[] x = new double[q];
    for (int r = q - 1; r >= 0; r--) {
      double s = b[r];
      for (int k = r + 1; k < q; k++) {
        s -= a[r][k] * x[k];
      }
      x[r] = s / a[r][r];
    }
    return x;
  }

  /** |Spearman rank correlation|. */
  static double spearman(double[] a, double[] b) {
    double[] ra = ranks(a);
    double[] rb = ranks(b);
    return Math.sqrt(r2(ra, rb));
  }

  private static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (i, j) -> Double.compare(v[i], v[j]));
    double[] r = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      r[order[i]] = i;
    }
    return r;
  }

  static double[] column(double[][] rows, int c) {
    double[] out = new double[rows.length];
    for (int i = 0; i < rows.length; i++) {
      out[i] = rows[i][c];
    }
    return out;
  }
}
