package org.giipbeam.gpu.harmonics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.rotation.Rotations;
import org.junit.jupiter.api.Test;

class HarmonicsTest {

  static double legendre(int l, double t) {
    double p0 = 1;
    double p1 = t;
    if (l == 0) {
      return 1;
    }
    for (int k = 2; k <= l; k++) {
      double p2 = ((2 * k - 1) * t * p1 - (k - 1) * p0) / k;
      p0 = p1;
      p1 = p2;
    }
    return p1;
  }

  @Test
  void additionTheorem() {
    Random rnd = new Random(1);
    int deg = 14;
    double[] ya = new double[RealSphericalHarmonics.size(deg)];
    double[] yb = new double[ya.length];
    double[] w = new double[ya.length];
    for (int trial = 0; trial < 20; trial++) {
      double[] a = TestLaes.randomUnit(rnd, 3);
      double[] b = trial == 0 ? new double[] {0, 0, 1} : TestLaes.randomUnit(rnd, 3);
      RealSphericalHarmonics.evaluate(deg, a[0], a[1], a[2], ya, 0, w);
      RealSphericalHarmonics.evaluate(deg, b[0], b[1], b[2], yb, 0, w);
      double t = a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
      for (int l = 0; l <= deg; l++) {
        double s = 0;
        for (int m = -l; m <= l; m++) {
          s += ya[l * l + l + m] * yb[l * l + l + m];
        }
        assertEquals((2 * l + 1) / (4 * Math.PI) * legendre(l, t), s, 1e-12, "l=" + l);
      }
    }
  }

  @Test
  void wignerMatricesRotateHarmonicsAndAreOrthogonal() {
    Random rnd = new Random(2);
    int deg = 10;
    RealWignerMatrices wm = new RealWignerMatrices(deg);
    double[] r = Rotations.randomRotation(rnd);
    double[] delta = new double[RealWignerMatrices.size(deg)];
    wm.compute(r, 0, delta, 0);
    double[] x = TestLaes.randomUnit(rnd, 3);
    double[] rx = {r[0] * x[0] + r[1] * x[1] + r[2] * x[2],
        r[3] * x[0] + r[4] * x[1] + r[5] * x[2], r[6] * x[0] + r[7] * x[1] + r[8] * x[2]};
    double[] yx = new double[RealSphericalHarmonics.size(deg)];
    double[] yrx = new double[yx.length];
    double[] w = new double[yx.length];
    RealSphericalHarmonics.evaluate(deg, x[0], x[1], x[2], yx, 0, w);
    RealSphericalHarmonics.evaluate(deg, rx[0], rx[1], rx[2], yrx, 0, w);
    for (int l = 0; l <= deg; l++) {
      int dim = 2 * l + 1;
      int o = RealWignerMatrices.offset(l);
      for (int a = 0; a < dim; a++) {
        double s = 0;
        for (int b = 0; b < dim; b++) {
          s += delta[o + a * dim + b] * yx[l * l + b];
        }
        assertEquals(yrx[l * l + a], s, 1e-12);
        for (int c = 0; c < dim; c++) {
          double dot = 0;
          for (int b = 0; b < dim; b++) {
            dot += delta[o + a * dim + b] * delta[o + c * dim + b];
          }
          assertEquals(a == c ? 1 : 0, dot, 1e-12);
        }
      }
    }
    assertEquals(RealWignerMatrices.size(deg), (deg + 1) * (2 * deg + 1) * (2 * deg + 3) / 3);
  }

  /** Direct power series of e^{-x} i_l(x) and e^{-x} I_m(x). */
  static double seriesSpherical(int l, double x) {
    double df = 1;
    for (int k = 1; k <= 2 * l + 1; k += 2) {
      df *= k;
    }
    double term = Math.pow(x, l) / df;
    double sum = term;
    for (int k = 1; k < 400; k++) {
      term *= (x * x / 2) / (k * (2 * l + 2 * k + 1));
      sum += term;
    }
    return Math.exp(-x) * sum;
  }

  static double seriesCylindrical(int m, double x) {
    double term = Math.pow(x / 2, m);
    for (int k = 1; k <= m; k++) {
      term /= k;
    }
    double sum = term;
    for (int k = 1; k < 400; k++) {
      term *= (x * x / 4) / (k * (m + k));
      sum += term;
    }
    return Math.exp(-x) * sum;
  }

  @Test
  void besselFunctionsMatchTheirSeries() {
    double[] out = new double[21];
    for (double x : new double[] {1e-9, 1e-4, 0.3, 1, 3.7, 8, 16, 40}) {
      ModifiedBessel.scaledSpherical(x, 20, out);
      for (int l = 0; l <= 20; l++) {
        double ref = seriesSpherical(l, x);
        assertEquals(ref, out[l], 1e-13 + 1e-11 * Math.abs(ref), "i_" + l + "(" + x + ")");
      }
      ModifiedBessel.scaledCylindrical(x, 20, out);
      for (int m = 0; m <= 20; m++) {
        double ref = seriesCylindrical(m, x);
        assertEquals(ref, out[m], 1e-13 + 1e-11 * Math.abs(ref), "I_" + m + "(" + x + ")");
      }
    }
  }
}
