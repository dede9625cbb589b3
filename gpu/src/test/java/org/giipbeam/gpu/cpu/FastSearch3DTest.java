package org.giipbeam.gpu.cpu;

import org.giipbeam.gpu.plan.PreparedLaes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.harmonics.RealWignerMatrices;
import org.giipbeam.gpu.rotation.Rotations;
import org.junit.jupiter.api.Test;

/**
 * The second-generation FAST 3D search's stages against independent references: its Euler-grid
 * values against Σ_l ⟨F^l, Δ^l(R)⟩ with Δ^l from {@link RealWignerMatrices} at the same
 * rotation matrix, the truncation bound against the exact Gaussian sum at random rotations, the
 * returned value against the exact cross term at the returned rotation, and determinism.
 */
class FastSearch3DTest {

  private static FastSearch3D search(GiipParameters p) {
    return new FastSearch3D(p.sigma(), p.properOnly(), p.fastSearch().degree(),
        FastSearch3D.GRID_ANGLES, p.fastSearch().maxStarts(), p.fastSearch().startMargin());
  }

  private static PairTerms[] pairs(int count, long seed) throws Exception {
    LaeBatch[] b = SampleLaes.ninbOrGlass(count, count, seed);
    PreparedLaes a = new PreparedLaes(b[0], 1.0);
    PreparedLaes c = new PreparedLaes(b[1], 1.0);
    PairTerms[] out = new PairTerms[count];
    for (int k = 0; k < count; k++) {
      out[k] = new PairTerms();
      out[k].load(a, k, c, (k * 7 + 3) % count);
    }
    return out;
  }

  @Test
  void eulerGridValuesAreTheTruncatedExpansionAtTheGridRotations() throws Exception {
    GiipParameters p = GiipParameters.fast(1.0);
    FastSearch3D search = search(p);
    EulerTables3D t = search.tables();
    int degree = p.fastSearch().degree();
    RealWignerMatrices wm = new RealWignerMatrices(degree);
    double[] delta = new double[RealWignerMatrices.size(degree)];
    double[] r = new double[9];
    Random rnd = new Random(5);
    // the truncated expansion's coefficients F^l, read back through a single-pair grid: the
    // grid value at a rotation must be Σ_l ⟨F^l, Δ^l(R)⟩ for the same F; F itself is checked
    // indirectly by C_L ≈ C (bound test below)
    for (PairTerms pair : pairs(6, 41)) {
      search.expansion(pair);
      search.grid();
      double[] v = search.gridValues();
      double[] f = fOf(search, pair);
      double maxErr = 0;
      double scale = 0;
      for (int trial = 0; trial < 40; trial++) {
        int h = rnd.nextInt(2);
        int k = rnd.nextInt(t.nb);
        int i = rnd.nextInt(t.n);
        int j = rnd.nextInt(t.n);
        EulerTables3D.rotation(t.angles[i], t.betas[k], t.angles[j], 1, r, 0);
        wm.compute(r, 0, delta, 0);
        double ref = 0;
        for (int l = 0; l <= degree; l++) {
          double sign = h == 1 && l % 2 == 1 ? -1 : 1;
          for (int x = RealWignerMatrices.offset(l); x < RealWignerMatrices.offset(l + 1); x++) {
            ref += sign * f[x] * delta[x];
          }
        }
        double got = v[((h * t.n + i) * t.nb + k) * t.n + j];
        maxErr = Math.max(maxErr, Math.abs(got - ref));
        scale = Math.max(scale, Math.abs(ref));
      }
      assertTrue(maxErr <= 1e-10 * Math.max(1, scale), "grid value off by " + maxErr);
    }
  }

  /** F^l in the natural layout, from the exact atoms (independent of the search's code). */
  private static double[] fOf(FastSearch3D search, PairTerms p) {
    int degree = search.tables().degree;
    int ny = (degree + 1) * (degree + 1);
    double[] f = new double[RealWignerMatrices.size(degree)];
    double[] ya = new double[ny];
    double[] yb = new double[ny];
    double[] work = new double[ny];
    double[] bes = new double[degree + 1];
    double s = 0.25;
    for (int t = 0; t < p.terms; t++) {
      int i = p.ti[t];
      int j = p.tj[t];
      unit(p.a, i, p.ra[i], degree, ya, work);
      unit(p.b, j, p.rb[j], degree, yb, work);
      double dr = p.ra[i] - p.rb[j];
      org.giipbeam.gpu.harmonics.ModifiedBessel.scaledSpherical(2 * s * p.ra[i] * p.rb[j],
          degree, bes);
      double pre = 4 * Math.PI * p.tw[t] * Math.exp(-s * dr * dr);
      for (int l = 0; l <= degree; l++) {
        int dim = 2 * l + 1;
        int o = RealWignerMatrices.offset(l);
        for (int a = 0; a < dim; a++) {
          for (int b = 0; b < dim; b++) {
            f[o + a * dim + b] += pre * bes[l] * ya[l * l + a] * yb[l * l + b];
          }
        }
      }
    }
    return f;
  }

  private static void unit(double[] pos, int i, double r, int degree, double[] out,
      double[] work) {
    org.giipbeam.gpu.harmonics.RealSphericalHarmonics.evaluate(degree, pos[3 * i] / r,
        pos[3 * i + 1] / r, pos[3 * i + 2] / r, out, 0, work);
  }

  @Test
  void truncationBoundHoldsAndIsAttainedInOrder() throws Exception {
    GiipParameters p = GiipParameters.fast(1.0);
    FastSearch3D search = search(p);
    int degree = p.fastSearch().degree();
    RealWignerMatrices wm = new RealWignerMatrices(degree);
    double[] delta = new double[RealWignerMatrices.size(degree)];
    Random rnd = new Random(6);
    for (PairTerms pair : pairs(6, 42)) {
      search.expansion(pair);
      double eps = search.truncationBound();
      double[] f = fOf(search, pair);
      double worst = 0;
      for (int trial = 0; trial < 30; trial++) {
        double[] r = Rotations.randomRotation(rnd);
        wm.compute(r, 0, delta, 0);
        double trunc = 0;
        for (int x = 0; x < f.length; x++) {
          trunc += f[x] * delta[x];
        }
        double exact = pair.cross3(r, 0, 0.25);
        worst = Math.max(worst, Math.abs(exact - trunc));
      }
      assertTrue(worst <= eps, "|C − C_L| = " + worst + " > ε = " + eps);
      assertTrue(eps > 0 && eps < 0.5 * pair.terms, "ε = " + eps);
    }
  }

  @Test
  void returnsTheExactCrossTermAtItsRotationDeterministically() throws Exception {
    GiipParameters p = GiipParameters.fast(1.0);
    FastSearch3D one = search(p);
    FastSearch3D two = search(p);
    double[] r1 = new double[9];
    double[] r2 = new double[9];
    for (PairTerms pair : pairs(8, 43)) {
      double c1 = one.maximise(pair, r1, 0);
      double c2 = two.maximise(pair, r2, 0);
      assertEquals(c1, c2, 0.0, "deterministic value");
      assertArrayEquals(r1, r2, 0.0, "deterministic rotation");
      assertEquals(pair.cross3(r1, 0, 0.25), c1, 1e-12 * Math.abs(c1),
          "exact cross term at the returned rotation");
      assertEquals(1, Math.abs(Rotations.det3(r1, 0)), 1e-12, "orthogonal");
      assertTrue(one.polished >= 1);
    }
  }

  @Test
  void syntheticTwoChannelPairsMatchTheFirstGeneration() {
    Random rnd = new Random(7);
    GiipParameters p = GiipParameters.fast(0.8);
    LaeBatch rows = TestLaes.glassBatch(rnd, 5, 2);
    LaeBatch cols = TestLaes.glassBatch(rnd, 5, 2);
    float[] first = DenseGridFastSearch3D.distances(rows, cols, p);
    PreparedLaes a = new PreparedLaes(rows, p.sigma());
    PreparedLaes b = new PreparedLaes(cols, p.sigma());
    FastSearch3D search = search(p);
    PairTerms pair = new PairTerms();
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        pair.load(a, i, b, j);
        double c = search.maximise(pair, null, 0);
        double d = Math.sqrt(Math.max(0, a.self[i] + b.self[j] - 2 * c));
        assertTrue(d <= first[i * cols.size() + j] + 1e-3,
            "pair " + i + "," + j + ": " + d + " vs first generation " + first[i * cols.size() + j]);
      }
    }
  }
}
