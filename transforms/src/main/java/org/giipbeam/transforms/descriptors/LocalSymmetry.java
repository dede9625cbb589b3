package org.giipbeam.transforms.descriptors;

/**
 * Shape and symmetry of an LAE's first shell in 3D, to tell apart the paper's three corners of
 * the (φ_2, φ_3) plane of the NiNb glass: tetrahedral, cyclic (C_n: rotational symmetry about
 * one axis) and prismatic (D_2h) environments.
 *
 * <p>The shell is the centre's bonded neighbours ({@link CommonNeighbourAnalysis#bondCutoff}).
 * Three numbers, each on [0, 1]:
 * <ul>
 *   <li>{@code shape_anisotropy}: the relative shape anisotropy κ² = 1 − 3 I₂/I₁² of the shell's
 *       second-moment tensor T = (1/N) Σ x xᵀ about the centre (Theodorou and Suter 1985; I₁, I₂
 *       its first two invariants). 0 for shells with cubic or higher symmetry — a tetrahedron,
 *       an icosahedron — and for any isotropic shell; it grows as the shell is stretched or
 *       flattened along an axis.</li>
 *   <li>{@code sym_cyclic}: the largest C_n symmetry measure, n = 3..6, over candidate axes (the
 *       three principal axes of T and the direction of each shell atom):
 *       S_n = mean over k = 1..n−1 of S(rotation by 2πk/n), with the overlap measure S(g) below.
 *       1 for an exact C_n (a square antiprism about its axis, a tetrahedron about a vertex).</li>
 *   <li>{@code sym_d2h}: the D_2h symmetry measure in the principal frame of T: the mean of S(g)
 *       over the seven non-identity elements of D_2h (diagonal sign matrices there). Where two
 *       second moments coincide (relative 10⁻³) the frame is also turned about the distinct axis
 *       in 5° steps and the best taken; for a fully isotropic shell the frame is not fixed by T
 *       and the number is that of the frame found. 1 for a cuboid.</li>
 * </ul>
 * S(g) = Σ_ij G(x_i, g x_j) / Σ_ij G(x_i, x_j) with Gaussians G(a, b) = exp(−|a − b|²/(4 s²)),
 * s = 0.15 × the shell's mean radius: the GIIP overlap of the shell with its image, on [0, 1]
 * (Zabrodsky, Peleg and Avnir's continuous symmetry measures, 1992, by overlap instead of
 * nearest-point distance). A tetrahedral shell thus has κ² ≈ 0, a cyclic one κ² &gt; 0 with a
 * large sym_cyclic, a prismatic one a large sym_d2h. All three are NaN for fewer than three
 * shell atoms.
 */
public final class LocalSymmetry {
  private LocalSymmetry() {}

  /** Width of the overlap Gaussians relative to the shell's mean radius. */
  public static final double OVERLAP_WIDTH = 0.15;

  /** {κ², sym_cyclic, sym_d2h} of the neighbours {@code xyz[3j..3j+2]} nearer than rb. */
  public static double[] of(double[] xyz, int n, double rb) {
    int m = 0;
    double[] s = new double[3 * n];
    double meanR = 0;
    for (int j = 0; j < n; j++) {
      double r2 = xyz[3 * j] * xyz[3 * j] + xyz[3 * j + 1] * xyz[3 * j + 1]
          + xyz[3 * j + 2] * xyz[3 * j + 2];
      if (r2 < rb * rb && r2 > 0) {
        System.arraycopy(xyz, 3 * j, s, 3 * m, 3);
        meanR += Math.sqrt(r2);
        m++;
      }
    }
    if (m < 3) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN};
    }
    meanR /= m;
    double width = OVERLAP_WIDTH * meanR;
    double[][] t = new double[3][3];
    for (int j = 0; j < m; j++) {
      for (int a = 0; a < 3; a++) {
        for (int b = 0; b < 3; b++) {
          t[a][b] += s[3 * j + a] * s[3 * j + b] / m;
        }
      }
    }
    double[] lambda = new double[3];
    double[][] axes = jacobi(t, lambda);
    double i1 = lambda[0] + lambda[1] + lambda[2];
    double i2 = lambda[0] * lambda[1] + lambda[1] * lambda[2] + lambda[2] * lambda[0];
    double kappa2 = Math.max(0, 1 - 3 * i2 / (i1 * i1));
    double self = overlap(s, m, IDENTITY, width);

    double cyclic = 0;
    for (int c = 0; c < 3 + m; c++) {
      double[] axis = c < 3 ? axes[c] : unit(s, c - 3);
      for (int order = 3; order <= 6; order++) {
        double sum = 0;
        for (int k = 1; k < order; k++) {
          sum += overlap(s, m, rotation(axis, 2 * Math.PI * k / order), width);
        }
        cyclic = Math.max(cyclic, sum / (order - 1) / self);
      }
    }

    double d2h = d2h(s, m, axes, width) / self;
    for (int c = 0; c < 3; c++) {
      double l1 = lambda[(c + 1) % 3];
      double l2 = lambda[(c + 2) % 3];
      if (Math.abs(l1 - l2) <= 1e-3 * i1) {
        for (int deg = 5; deg < 90; deg += 5) {
          double[][] r = rotation(axes[c], Math.toRadians(deg));
          double[][] turned = new double[3][];
          for (int a = 0; a < 3; a++) {
            turned[a] = apply(r, axes[a]);
          }
          d2h = Math.max(d2h, d2h(s, m, turned, width) / self);
        }
      }
    }
    return new double[] {kappa2, Math.min(1, cyclic), Math.min(1, d2h)};
  }

  private static final double[][] IDENTITY = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

  /** Mean overlap over the seven non-identity diagonal sign matrices in the frame. */
  private static double d2h(double[] s, int m, double[][] frame, double width) {
    double sum = 0;
    for (int signs = 1; signs < 8; signs++) {
      double[][] g = new double[3][3];
      for (int a = 0; a < 3; a++) {
        double sign = ((signs >> a) & 1) == 1 ? -1 : 1;
        for (int p = 0; p < 3; p++) {
          for (int q = 0; q < 3; q++) {
            g[p][q] += sign * frame[a][p] * frame[a][q];
          }
        }
      }
      sum += overlap(s, m, g, width);
    }
    return sum / 7;
  }

  private static double overlap(double[] s, int m, double[][] g, double width) {
    double[] gs = new double[3 * m];
    for (int j = 0; j < m; j++) {
      for (int a = 0; a < 3; a++) {
        gs[3 * j + a] = g[a][0] * s[3 * j] + g[a][1] * s[3 * j + 1] + g[a][2] * s[3 * j + 2];
      }
    }
    double f = 1 / (4 * width * width);
    double sum = 0;
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < m; j++) {
        double dx = s[3 * i] - gs[3 * j];
        double dy = s[3 * i + 1] - gs[3 * j + 1];
        double dz = s[3 * i + 2] - gs[3 * j + 2];
        sum += Math.exp(-(dx * dx + dy * dy + dz * dz) * f);
      }
    }
    return sum;
  }

  private static double[] unit(double[] s, int j) {
    double r = Math.sqrt(s[3 * j] * s[3 * j] + s[3 * j + 1] * s[3 * j + 1]
        + s[3 * j + 2] * s[3 * j + 2]);
    return new double[] {s[3 * j] / r, s[3 * j + 1] / r, s[3 * j + 2] / r};
  }

  private static double[] apply(double[][] r, double[] v) {
    double[] o = new double[3];
    for (int a = 0; a < 3; a++) {
      o[a] = r[a][0] * v[0] + r[a][1] * v[1] + r[a][2] * v[2];
    }
    return o;
  }

  /** Rotation by angle about a unit axis (Rodrigues). */
  static double[][] rotation(double[] u, double angle) {
    double c = Math.cos(angle);
    double s = Math.sin(angle);
    double t = 1 - c;
    return new double[][] {
        {c + u[0] * u[0] * t, u[0] * u[1] * t - u[2] * s, u[0] * u[2] * t + u[1] * s},
        {u[1] * u[0] * t + u[2] * s, c + u[1] * u[1] * t, u[1] * u[2] * t - u[0] * s},
        {u[2] * u[0] * t - u[1] * s, u[2] * u[1] * t + u[0] * s, c + u[2] * u[2] * t}};
  }

  /**
   * Eigenvalues (into lambda) and unit eigenvectors (rows, in the order of lambda) of a
   * symmetric 3×3 (cyclic Jacobi rotations); the project's one 3×3 eigensolver.
   */
  public static double[][] jacobi(double[][] a0, double[] lambda) {
    double[][] a = {a0[0].clone(), a0[1].clone(), a0[2].clone()};
    double[][] v = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
    for (int sweep = 0; sweep < 50; sweep++) {
      double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
      if (off < 1e-30) {
        break;
      }
      for (int p = 0; p < 2; p++) {
        for (int q = p + 1; q < 3; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < 3; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < 3; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < 3; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
    double[][] rows = new double[3][3];
    for (int i = 0; i < 3; i++) {
      lambda[i] = a[i][i];
      for (int k = 0; k < 3; k++) {
        rows[i][k] = v[k][i];
      }
    }
    return rows;
  }
}
