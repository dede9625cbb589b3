package org.giipbeam.arrowio.lae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.junit.jupiter.api.Test;

class LaeSamplerTest {

  /** Random atoms in a random (possibly triclinic) box. */
  static Frame randomFrame(Random rnd, int d, int n, boolean triclinic, boolean[] periodic) {
    double[][] edges = new double[d][d];
    for (int k = 0; k < d; k++) {
      edges[k][k] = 9 + 4 * rnd.nextDouble();
    }
    if (triclinic) {
      edges[1][0] = (rnd.nextDouble() - 0.5) * edges[0][0] * 0.9;
      if (d == 3) {
        edges[2][0] = (rnd.nextDouble() - 0.5) * edges[0][0] * 0.9;
        edges[2][1] = (rnd.nextDouble() - 0.5) * edges[1][1] * 0.9;
      }
    }
    double[] origin = new double[d];
    for (int k = 0; k < d; k++) {
      origin[k] = rnd.nextDouble() * 5 - 2.5;
    }
    Box box = Box.fromEdges(origin, edges, periodic);
    long[] ids = new long[n];
    int[] types = new int[n];
    double[] pos = new double[n * d];
    double[] s = new double[d];
    double[] r = new double[d];
    for (int i = 0; i < n; i++) {
      ids[i] = 1000 - i; // ids not in file order
      types[i] = 1 + rnd.nextInt(2);
      for (int k = 0; k < d; k++) {
        // Some atoms a little outside the box: readers give unwrapped coordinates too.
        s[k] = rnd.nextDouble() * 1.2 - 0.1;
      }
      box.toCartesian(s, r);
      System.arraycopy(r, 0, pos, i * d, d);
    }
    return Frame.builder().sample("random").box(box).atoms(ids, types, pos).build();
  }

  /** Every image of every atom within r_cut, by brute force over ±2 images. */
  static Map<Long, List<double[]>> bruteForce(Frame f, int centre, double rCut) {
    int d = f.dimension();
    Box box = f.box();
    Map<Long, List<double[]>> out = new HashMap<>();
    int[] range = new int[d];
    for (int k = 0; k < d; k++) {
      range[k] = box.periodic(k) ? 2 : 0;
    }
    int images = 1;
    for (int k = 0; k < d; k++) {
      images *= 2 * range[k] + 1;
    }
    double[] shift = new double[d];
    double[] disp = new double[d];
    for (int j = 0; j < f.atomCount(); j++) {
      for (int im = 0; im < images; im++) {
        int rest = im;
        for (int k = 0; k < d; k++) {
          int w = 2 * range[k] + 1;
          shift[k] = rest % w - range[k];
          rest /= w;
        }
        box.fractionalToCartesianDisplacement(shift, disp);
        double r2 = 0;
        double[] dr = new double[d];
        for (int k = 0; k < d; k++) {
          dr[k] = f.position(j, k) + disp[k] - f.position(centre, k);
          r2 += dr[k] * dr[k];
        }
        if (r2 < rCut * rCut && r2 > 0) {
          out.computeIfAbsent(f.ids()[j], x -> new ArrayList<>()).add(dr);
        }
      }
    }
    return out;
  }

  private static void assertMatchesBruteForce(Frame f, double rCut) {
    LaeParameters p = LaeParameters.of(rCut * 0.7, rCut);
    List<Lae> laes = LaeSampler.laes(f, p);
    assertEquals(f.atomCount(), laes.size());
    int d = f.dimension();
    for (int i = 0; i < f.atomCount(); i++) {
      Map<Long, List<double[]>> expected = bruteForce(f, i, rCut);
      Lae lae = laes.get(i);
      assertEquals(f.ids()[i], lae.centreId());
      int expectedCount = expected.values().stream().mapToInt(List::size).sum();
      assertEquals(expectedCount, lae.neighbourCount(), "neighbour count of atom " + i);
      // Each found displacement is one of the brute-force ones.
      for (int a = 0; a < lae.neighbourCount(); a++) {
        boolean found = false;
        for (List<double[]> list : expected.values()) {
          for (double[] dr : list) {
            double e = 0;
            for (int k = 0; k < d; k++) {
              e = Math.max(e, Math.abs(dr[k] - lae.positions()[a * d + k]));
            }
            found |= e < 1e-4;
          }
        }
        assertTrue(found, "neighbour " + a + " of atom " + i + " not found by brute force");
      }
      double coordination = 0;
      for (List<double[]> list : expected.values()) {
        for (double[] dr : list) {
          double r = 0;
          for (double v : dr) {
            r += v * v;
          }
          coordination += RadialFade.f(Math.sqrt(r), p.rSkin(), p.rCut());
        }
      }
      assertEquals(coordination, lae.coordination(), 1e-9);
    }
  }

  @Test
  void equalsBruteForceInRandomOrthogonalAndTriclinicPeriodicBoxes() {
    Random rnd = new Random(7);
    for (int trial = 0; trial < 6; trial++) {
      for (int d = 2; d <= 3; d++) {
        boolean triclinic = trial % 2 == 1;
        boolean[] periodic = new boolean[d];
        java.util.Arrays.fill(periodic, true);
        Frame f = randomFrame(rnd, d, d == 3 ? 300 : 150, triclinic, periodic);
        assertMatchesBruteForce(f, 2.0 + rnd.nextDouble() * 1.5);
      }
    }
  }

  @Test
  void equalsBruteForceWithFreeSurfaces() {
    Random rnd = new Random(11);
    Frame f = randomFrame(rnd, 3, 300, true, new boolean[] {true, false, true});
    assertMatchesBruteForce(f, 3.0);
    Frame g = randomFrame(rnd, 2, 150, false, new boolean[] {false, false});
    assertMatchesBruteForce(g, 2.5);
  }

  @Test
  void aHugePeriodicBoxWithFewAtomsNeedsFewCells() {
    // 1e6 wide with r_cut 1.5: a grid by the box would be 1024^3 cells (4 GiB of counts);
    // sized by the atoms it is at most 2n, and the neighbours still match brute force.
    double[] pos = {0, 0, 0, 1, 0, 0, 0, 1.2, 0, 5e5, 5e5, 5e5, 999999.6, 0, 0};
    Frame f = Frame.builder().sample("huge").box(Box.orthogonal(new double[3],
            new double[] {1e6, 1e6, 1e6}, new boolean[] {true, true, true}))
        .atoms(new long[] {1, 2, 3, 4, 5}, new int[] {1, 1, 1, 1, 1}, pos).build();
    assertMatchesBruteForce(f, 1.5);
    assertEquals(3, LaeSampler.laes(f, LaeParameters.of(1, 1.5)).get(0).neighbourCount(),
        "atom 1 sees atoms 2, 3 and 5 (across the periodic face)");
  }

  @Test
  void cutoffOverHalfTheBoxIsAClearError() {
    Frame f = randomFrame(new Random(1), 3, 20, false, new boolean[] {true, true, true});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LaeSampler.laes(f, LaeParameters.of(5, 7)));
    assertTrue(e.getMessage().contains("half the periodic cell width"), e.getMessage());
  }

  private static Frame line(double... xs) {
    return line(new boolean[] {false, false, false}, xs);
  }

  private static Frame line(boolean[] periodic, double... xs) {
    int n = xs.length;
    long[] ids = new long[n];
    int[] types = new int[n];
    double[] pos = new double[n * 3];
    for (int i = 0; i < n; i++) {
      ids[i] = i + 1;
      types[i] = i % 2 == 0 ? 1 : 2;
      pos[i * 3] = xs[i];
      pos[i * 3 + 1] = 5;
      pos[i * 3 + 2] = 5;
    }
    Box box = Box.orthogonal(new double[] {0, 0, 0}, new double[] {20, 10, 10},
        periodic);
    return Frame.builder().box(box).atoms(ids, types, pos).build();
  }

  @Test
  void weightsFollowTheFadeAndTheSpeciesEncoding() {
    // Atoms at x = 5 (type 1, centre), 7 (type 2), 8.5 (type 1), 9.5 (type 2, beyond r_cut).
    Frame f = line(5, 7, 8.5, 9.5);
    LaeParameters base = LaeParameters.of(2.5, 4.0).withCentreTypes(1);
    double f2 = 1.0; // r = 2 ≤ r_skin
    double f35 = RadialFade.f(3.5, 2.5, 4.0);
    assertEquals(0.5 * 0.5 * (4 - 7.5 + 7) / (1.5 * 1.5 * 1.5), f35, 1e-15);

    LaeBatch sign = LaeSampler.sample(f, base.withSignSpecies(1, 2));
    Lae c = sign.lae(0);
    assertEquals(1, c.centreId());
    assertEquals(2, c.neighbourCount());
    assertEquals(-f2, c.weights()[0], 1e-7); // type 2 → −1
    assertEquals(f35, c.weights()[1], 1e-7); // type 1 → +1
    assertEquals(1 + f35, c.coordination(), 1e-12);
    assertEquals(f35 / (1 + f35), c.composition()[0], 1e-12);
    assertEquals(0.5, c.countComposition()[0], 1e-12);

    LaeBatch vector = LaeSampler.sample(f, base.withVectorSpecies(1, 2));
    Lae v = vector.lae(0);
    assertEquals(2, v.channels());
    // channel 0 (type 1): [0, f35]; channel 1 (type 2): [1, 0]
    assertEquals(0f, v.weights()[0]);
    assertEquals(f35, v.weights()[1], 1e-7);
    assertEquals(1f, v.weights()[2]);
    assertEquals(0f, v.weights()[3]);

    // Centre types: atoms 1 and 3 are type 1.
    assertEquals(2, LaeSampler.sample(f, base).size());
  }

  @Test
  void surfaceMarginSkipsCentresNearAFreeSurface() {
    // Free in x only: the atoms span x = 1..7, so a 1.5 margin keeps x = 3, 4, 5.
    Frame f = line(new boolean[] {false, true, true}, 1, 2, 3, 4, 5, 6, 7);
    LaeParameters p = LaeParameters.of(1, 1.5).withSurfaceMargin(1.5);
    List<Lae> laes = LaeSampler.laes(f, p);
    assertEquals(List.of(3L, 4L, 5L), laes.stream().map(Lae::centreId).toList());
    assertEquals(7, LaeSampler.laes(f, p.withSurfaceMargin(0)).size());
    // Free in every direction: y and z have zero extent, so every atom is at a surface.
    assertEquals(0, LaeSampler.laes(line(1, 2, 3, 4, 5, 6, 7), p).size());
  }

  @Test
  void signSpeciesRejectsAThirdType() {
    Frame f = line(1, 2, 3);
    Frame three = f.toBuilder().atoms(f.ids(), new int[] {1, 2, 3}, f.positions()).build();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LaeSampler.laes(three, LaeParameters.of(1, 2).withSignSpecies(1, 2)));
    assertTrue(e.getMessage().contains("type 3"), e.getMessage());
  }
}
