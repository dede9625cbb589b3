package org.giipbeam.gpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.rotation.Rotations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The checks every {@link GiipEngine} must pass (exhaustive and fast CPU engines, and later the
 * CUDA engine). Subclasses say how to make an engine and how close to the true minimum its
 * search gets ({@link #searchTolerance()}: the largest amount by which its d_inv may exceed the
 * true minimum; grid searches stop at their grid, the fast search polishes to the optimum).
 */
public abstract class GiipEngineContractTest {
  protected static final double SIGMA_3D = 1.0;
  protected static final double SIGMA_2D = 0.5;

  private final List<GiipEngine> opened = new ArrayList<>();

  /**
   * A new engine with Gaussian width σ, SO(d) only if asked, pruning at {@code pruneCut} (NaN:
   * none), and otherwise the subclass's settings.
   */
  protected abstract GiipEngine newEngine(double sigma, boolean properOnly, double pruneCut);

  /** How far above the true minimum this engine's d_inv may lie (in d, not d²). */
  protected abstract double searchTolerance(int dimension);

  protected GiipEngine engine(double sigma) {
    return engine(sigma, false);
  }

  protected GiipEngine engine(double sigma, boolean properOnly) {
    return engine(sigma, properOnly, Double.NaN);
  }

  protected GiipEngine engine(double sigma, boolean properOnly, double pruneCut) {
    GiipEngine e = newEngine(sigma, properOnly, pruneCut);
    opened.add(e);
    return e;
  }

  @AfterEach
  void closeEngines() {
    opened.forEach(GiipEngine::close);
  }

  static double sigma(int d) {
    return d == 3 ? SIGMA_3D : SIGMA_2D;
  }

  static Lae sample(Random rnd, int d, int channels) {
    return d == 3 ? TestLaes.glassLike3d(rnd, 4 + rnd.nextInt(5), channels)
        : TestLaes.lattice2d(rnd, channels);
  }

  static double[] randomOrthogonal(Random rnd, int d, boolean improper) {
    double[] r;
    if (d == 3) {
      r = Rotations.randomRotation(rnd);
      if (improper) {
        for (int k = 0; k < 9; k++) {
          r[k] = -r[k];
        }
      }
    } else {
      r = Rotations.matrix2(rnd.nextDouble() * 2 * Math.PI, improper);
    }
    return r;
  }

  private void selfDistanceIsZero(int d) {
    Random rnd = new Random(1 + d);
    List<Lae> laes = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      laes.add(sample(rnd, d, 1));
    }
    LaeBatch b = TestLaes.batch(laes);
    DistanceBlock block = engine(sigma(d)).distances(b, b);
    for (int k = 0; k < 5; k++) {
      assertEquals(0, block.distance(k, k), 1e-5, "d(A,A) for LAE " + k);
    }
  }

  @Test
  void selfDistanceIsZero3d() {
    selfDistanceIsZero(3);
  }

  @Test
  void selfDistanceIsZero2d() {
    selfDistanceIsZero(2);
  }

  private void invariantUnderRotationsAndRotoinversions(int d) {
    Random rnd = new Random(10 + d);
    List<Lae> a = new ArrayList<>();
    List<Lae> ra = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      Lae l = sample(rnd, d, 1);
      a.add(l);
      ra.add(TestLaes.transform(l, randomOrthogonal(rnd, d, k % 2 == 1)));
    }
    GiipEngine e = engine(sigma(d));
    DistanceBlock block = e.distances(TestLaes.batch(a), TestLaes.batch(ra));
    for (int k = 0; k < a.size(); k++) {
      assertEquals(0, block.distance(k, k), searchTolerance(d) + 1e-4,
          (k % 2 == 1 ? "rotoinversion" : "rotation") + " of LAE " + k);
    }
  }

  @Test
  void invariantUnderRotationsAndRotoinversions3d() {
    invariantUnderRotationsAndRotoinversions(3);
  }

  @Test
  void invariantUnderRotationsAndRotoinversions2d() {
    invariantUnderRotationsAndRotoinversions(2);
  }

  @Test
  void properOnlyDistinguishesMirrorImages() {
    Random rnd = new Random(5);
    Lae l = TestLaes.glassLike3d(rnd, 6, 1);
    Lae mirror = TestLaes.transform(l, randomOrthogonal(rnd, 3, true));
    LaeBatch a = TestLaes.batch(List.of(l));
    LaeBatch m = TestLaes.batch(List.of(mirror));
    double full = engine(SIGMA_3D).distances(a, m).distance(0, 0);
    double proper = engine(SIGMA_3D, true).distances(a, m).distance(0, 0);
    assertEquals(0, full, searchTolerance(3) + 1e-4);
    assertTrue(proper > 0.5, "a chiral LAE and its mirror image differ in SO(3): " + proper);
  }

  private void symmetric(int d) {
    Random rnd = new Random(20 + d);
    List<Lae> laes = new ArrayList<>();
    for (int k = 0; k < 7; k++) {
      laes.add(sample(rnd, d, 1));
    }
    LaeBatch b = TestLaes.batch(laes);
    GiipEngine e = engine(sigma(d));
    DistanceBlock full = e.distances(b, 0, b, 0, true, ProgressListener.NONE);
    AtomicLong last = new AtomicLong(-1);
    DistanceBlock sym = e.symmetricDistances(b, true, (done, total) -> {
      assertTrue(done <= total);
      last.set(done);
    });
    assertEquals(7 * 6 / 2, last.get(), "progress ends at pairs total");
    int dd = d * d;
    for (int i = 0; i < 7; i++) {
      assertEquals(0, sym.distance(i, i), 0);
      for (int j = 0; j < 7; j++) {
        assertEquals(sym.distance(i, j), sym.distance(j, i), 0, "symmetric block is symmetric");
        // d(A,B) and d(B,A) searched separately agree up to the search accuracy
        assertEquals(full.distance(i, j), full.distance(j, i), searchTolerance(d) + 1e-4);
        if (i < j) {
          assertEquals(full.distance(i, j), sym.distance(i, j), 1e-5);
          // (j, i) holds the inverse rotation
          for (int r = 0; r < d; r++) {
            for (int c = 0; c < d; c++) {
              assertEquals(sym.rotations()[(i * 7 + j) * dd + r * d + c],
                  sym.rotations()[(j * 7 + i) * dd + c * d + r], 0);
            }
          }
        }
      }
    }
  }

  @Test
  void symmetric3d() {
    symmetric(3);
  }

  @Test
  void symmetric2d() {
    symmetric(2);
  }

  private void orderAndPaddingDoNotMatter(int d) {
    Random rnd = new Random(30 + d);
    List<Lae> a = new ArrayList<>();
    List<Lae> shuffled = new ArrayList<>();
    for (int k = 0; k < 5; k++) {
      Lae l = sample(rnd, d, 2);
      a.add(l);
      shuffled.add(TestLaes.shuffle(l, rnd));
    }
    GiipEngine e = engine(sigma(d));
    LaeBatch b = TestLaes.batch(a);
    DistanceBlock plain = e.distances(b, b);
    DistanceBlock other = e.distances(TestLaes.batch(shuffled, 40), TestLaes.batch(a, 33));
    for (int k = 0; k < 25; k++) {
      assertEquals(plain.distances()[k], other.distances()[k], 2e-5, "entry " + k);
    }
  }

  @Test
  void orderAndPaddingDoNotMatter3d() {
    orderAndPaddingDoNotMatter(3);
  }

  @Test
  void orderAndPaddingDoNotMatter2d() {
    orderAndPaddingDoNotMatter(2);
  }

  private double[] far(int d) {
    return d == 3 ? new double[] {0.3, -0.4, 14.0} : new double[] {0.2, 12.0};
  }

  private void isolatedAtomAddsOne(int d) {
    Random rnd = new Random(40 + d);
    Lae a = sample(rnd, d, 1);
    Lae c = sample(rnd, d, 1);
    Lae ax = TestLaes.withAtom(a, far(d), new double[] {1});
    GiipEngine e = engine(sigma(d));
    DistanceBlock block = e.distances(TestLaes.batch(List.of(a, c)),
        TestLaes.batch(List.of(ax, c)));
    double d2 = block.distance(0, 0) * (double) block.distance(0, 0);
    assertEquals(1, d2, 1e-4, "d(A, A + isolated atom)² = 1");
    double base = block.distance(1, 0);
    double plus = e.distances(TestLaes.batch(List.of(c)), TestLaes.batch(List.of(a)))
        .distance(0, 0);
    double withExtra = e.distances(TestLaes.batch(List.of(c)), TestLaes.batch(List.of(ax)))
        .distance(0, 0);
    assertEquals(plus * plus + 1, withExtra * withExtra, 1e-3,
        "an isolated extra atom adds 1 to d² of any pair");
    assertTrue(base > 0);
  }

  @Test
  void isolatedAtomAddsOne3d() {
    isolatedAtomAddsOne(3);
  }

  @Test
  void isolatedAtomAddsOne2d() {
    isolatedAtomAddsOne(2);
  }

  private void signSwapAddsFour(int d) {
    // The swapped atom sits at the rotation centre, the rest of the LAE far from it (scaled
    // out), so that no rotation can move the swapped atom away from its partner.
    Random rnd = new Random(50 + d);
    Lae a = TestLaes.transform(sample(rnd, d, 1), scale(d, 5));
    Lae plus = TestLaes.withAtom(a, new double[d], new double[] {1});
    Lae minus = TestLaes.withAtom(a, new double[d], new double[] {-1});
    double dist = engine(sigma(d)).distances(TestLaes.batch(List.of(plus)),
        TestLaes.batch(List.of(minus))).distance(0, 0);
    assertEquals(4, dist * dist, 1e-4, "+1 ↔ −1 swap of an isolated atom: d² = 4");
  }

  static double[] scale(int d, double f) {
    double[] m = new double[d * d];
    for (int k = 0; k < d; k++) {
      m[k * d + k] = f;
    }
    return m;
  }

  @Test
  void signSwapAddsFour3d() {
    signSwapAddsFour(3);
  }

  @Test
  void signSwapAddsFour2d() {
    signSwapAddsFour(2);
  }

  private void vectorSpecies(int d) {
    Random rnd = new Random(60 + d);
    Lae a = sample(rnd, d, 3);
    Lae in0 = TestLaes.withAtom(a, far(d), new double[] {1, 0, 0});
    Lae in2 = TestLaes.withAtom(a, far(d), new double[] {0, 0, 1});
    Lae b = sample(rnd, d, 3);
    GiipEngine e = engine(sigma(d));
    DistanceBlock block = e.distances(TestLaes.batch(List.of(in0, b)),
        TestLaes.batch(List.of(in2, in0, b)));
    assertEquals(2, block.distance(0, 0) * (double) block.distance(0, 0), 1e-4,
        "an isolated atom moved to another species channel: d² = 2");
    assertEquals(0, block.distance(0, 1), 1e-5);
    // channels are summed inside the search: the distance equals the orientation-specific one
    // at the returned optimum, and is no larger than any channel-wise-independent alignment
    DistanceBlock withRot = e.distances(TestLaes.batch(List.of(b)), 0,
        TestLaes.batch(List.of(in0)), 0, true, ProgressListener.NONE);
    double[] r = new double[d * d];
    for (int k = 0; k < d * d; k++) {
      r[k] = withRot.rotations()[k];
    }
    assertEquals(withRot.distance(0, 0), NaiveGiip.distance(b, in0, r, sigma(d)), 1e-4);
  }

  @Test
  void vectorSpecies3d() {
    vectorSpecies(3);
  }

  @Test
  void vectorSpecies2d() {
    vectorSpecies(2);
  }

  private void rotationsAreOptimalByProducts(int d) {
    Random rnd = new Random(70 + d);
    List<Lae> a = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      a.add(sample(rnd, d, 1));
    }
    List<Lae> b = new ArrayList<>();
    for (int k = 0; k < 3; k++) {
      b.add(sample(rnd, d, 1));
    }
    DistanceBlock block = engine(sigma(d)).distances(TestLaes.batch(a), 5,
        TestLaes.batch(b), 2, true, ProgressListener.NONE);
    assertNotNull(block.rotations());
    assertEquals(2, block.columnOffset());
    assertEquals(5, block.rowIndices()[0]);
    assertTrue(block.parameters().containsKey("giip.sigma"));
    assertEquals("synthetic", block.parameters().get("test"));
    int dd = d * d;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 3; j++) {
        double[] r = new double[dd];
        for (int k = 0; k < dd; k++) {
          r[k] = block.rotations()[(i * 3 + j) * dd + k];
        }
        // orthogonal
        for (int p = 0; p < d; p++) {
          for (int q = 0; q < d; q++) {
            double dot = 0;
            for (int k = 0; k < d; k++) {
              dot += r[p * d + k] * r[q * d + k];
            }
            assertEquals(p == q ? 1 : 0, dot, 1e-5);
          }
        }
        assertEquals(block.distance(i, j), NaiveGiip.distance(a.get(i), b.get(j), r, sigma(d)),
            2e-3, "the returned R realises the returned distance");
      }
    }
  }

  @Test
  void rotationsAreOptimalByProducts3d() {
    rotationsAreOptimalByProducts(3);
  }

  @Test
  void rotationsAreOptimalByProducts2d() {
    rotationsAreOptimalByProducts(2);
  }

  private void lowerBoundNeverExceedsTheDistance(int d) {
    Random rnd = new Random(90 + d);
    List<Lae> a = new ArrayList<>();
    List<Lae> b = new ArrayList<>();
    for (int k = 0; k < 6; k++) {
      a.add(sample(rnd, d, 1));
      b.add(sample(rnd, d, 1));
    }
    LaeBatch ba = TestLaes.batch(a);
    LaeBatch bb = TestLaes.batch(b);
    DistanceBlock exact = engine(sigma(d)).distances(ba, bb);
    assertTrue(!exact.hasLowerBounds());
    // a tiny cut prunes (almost) everything: the entries are the bounds themselves
    DistanceBlock bounds = engine(sigma(d), false, 1e-6).distances(ba, 0, bb, 0, true,
        ProgressListener.NONE);
    int pruned = 0;
    for (int k = 0; k < 36; k++) {
      if (bounds.lowerBounds()[k]) {
        pruned++;
        assertTrue(bounds.distances()[k] <= exact.distances()[k] + 1e-5,
            "bound " + bounds.distances()[k] + " > distance " + exact.distances()[k]);
        assertTrue(Float.isNaN(bounds.rotations()[k * d * d]));
      }
    }
    assertTrue(pruned > 30, "pruned " + pruned);
    // a cut at the median: entries below it are exact, entries pruned are bounds above the cut
    float[] sorted = exact.distances().clone();
    java.util.Arrays.sort(sorted);
    double cut = sorted[18];
    DistanceBlock mixed = engine(sigma(d), false, cut).distances(ba, bb);
    for (int k = 0; k < 36; k++) {
      if (mixed.lowerBounds()[k]) {
        assertTrue(mixed.distances()[k] > cut && mixed.distances()[k] <= exact.distances()[k]
            + 1e-5);
      } else {
        assertEquals(exact.distances()[k], mixed.distances()[k], 1e-6);
      }
    }
    // the symmetric variant marks both halves
    DistanceBlock sym = engine(sigma(d), false, 1e-6).symmetricDistances(ba, false,
        ProgressListener.NONE);
    for (int i = 0; i < 6; i++) {
      for (int j = 0; j < 6; j++) {
        assertEquals(sym.isLowerBound(i, j), sym.isLowerBound(j, i));
      }
    }
  }

  @Test
  void lowerBoundNeverExceedsTheDistance3d() {
    lowerBoundNeverExceedsTheDistance(3);
  }

  @Test
  void lowerBoundNeverExceedsTheDistance2d() {
    lowerBoundNeverExceedsTheDistance(2);
  }

  @Test
  void rejectsMismatchedBatches() {
    Random rnd = new Random(80);
    LaeBatch b3 = TestLaes.batch(List.of(sample(rnd, 3, 1)));
    LaeBatch b2 = TestLaes.batch(List.of(sample(rnd, 2, 1)));
    GiipEngine e = engine(SIGMA_3D);
    IllegalArgumentException ex = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> e.distances(b3, b2));
    assertTrue(ex.getMessage().contains("3D"), ex.getMessage());
  }
}
