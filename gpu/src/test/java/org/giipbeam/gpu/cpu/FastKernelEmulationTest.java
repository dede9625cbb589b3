package org.giipbeam.gpu.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Random;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.gpu.GiipParameters;
import org.giipbeam.gpu.SampleLaes;
import org.giipbeam.gpu.TestLaes;
import org.giipbeam.gpu.cuda.FastPlan3D;
import org.giipbeam.gpu.cuda.PackedLaes;
import org.junit.jupiter.api.Test;
import org.giipbeam.gpu.plan.PreparedLaes;

/**
 * Without a GPU: the CUDA engine's FAST 3D layout ({@link FastPlan3D}, {@link PackedLaes}) and
 * the kernels' float arithmetic ({@link FastKernelEmulator}) reproduce the first-generation CPU FAST search they mirror
 * ({@link DenseGridFastSearch3D}): the
 * grid values to float precision, the same best start, and the same distances.
 */
class FastKernelEmulationTest {

  @Test
  void paddedTablesHoldTheCpuTables() {
    GiipParameters p = GiipParameters.fast(1.0);
    FastPlan3D fp = new FastPlan3D(p);
    FastTables3D t = FastTables3D.get(p.fastSearch().degree(), p.fastSearch().gridCoveringDegrees());
    assertEquals(0, fp.evenStride % FastPlan3D.K_STEP);
    assertEquals(0, fp.flatStride % FastPlan3D.K_STEP);
    assertTrue(fp.evenStride >= t.evenSize && fp.flatStride - fp.evenStride >= t.flatSize
        - t.evenSize);
    float[] expected = new float[t.gridSize * fp.flatStride];
    for (int g = 0; g < t.gridSize; g++) {
      for (int l = 0; l <= t.degree; l++) {
        int n = (2 * l + 1) * (2 * l + 1);
        // odd blocks move by the even part's padding, even blocks stay
        int shift = l % 2 == 0 ? 0 : fp.evenStride - t.evenSize;
        assertEquals(t.blockOffset[l] + shift, fp.blockOffset[l]);
        for (int k = 0; k < n; k++) {
          expected[g * fp.flatStride + t.blockOffset[l] + shift + k] =
              (float) t.delta[g * t.flatSize + t.blockOffset[l] + k];
        }
      }
    }
    assertArrayEquals(expected, fp.delta, "padding is zero, blocks are the CPU's");
    assertEquals(2, fp.hands);
    assertEquals(1, new FastPlan3D(p.withProperOnly(true)).hands);
    assertThrows(IllegalArgumentException.class,
        () -> new FastPlan3D(p.withFast(12, 12, 24, 3.0)));
  }

  private static void compare(String what, LaeBatch rows, LaeBatch cols, GiipParameters p) {
    float[] cpu = DenseGridFastSearch3D.distances(rows, cols, p);
    double sigma = p.sigma();
    double s = 1.0 / (4 * sigma * sigma);
    FastPlan3D fp = new FastPlan3D(p);
    PackedLaes a = new PackedLaes(rows, sigma);
    PackedLaes b = new PackedLaes(cols, sigma);
    PreparedLaes pa = new PreparedLaes(rows, sigma);
    PreparedLaes pb = new PreparedLaes(cols, sigma);
    DenseGridFastSearch3D search = new DenseGridFastSearch3D(sigma, p.properOnly(),
        FastTables3D.get(p.fastSearch().degree(), p.fastSearch().gridCoveringDegrees()), p.fastSearch().maxStarts(),
        p.fastSearch().startMargin());
    PairTerms terms = new PairTerms();
    int[] cpuStarts = new int[p.fastSearch().maxStarts()];
    int[] emuStarts = new int[p.fastSearch().maxStarts()];
    double[] rot = new double[9];
    int n = 0;
    int sameBest = 0;
    int sameList = 0;
    int within = 0;
    double maxRelative = 0;
    double maxExcess = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < rows.size(); i++) {
      for (int j = 0; j < cols.size(); j++) {
        terms.load(pa, i, pb, j);
        float[] v = FastKernelEmulator.grid(fp, FastKernelEmulator.expand(fp, a, i, b, j, s));
        double[] ref = search.gridValues(terms);
        double scale = 0;
        double err = 0;
        for (int k = 0; k < fp.hands * fp.gridSize; k++) {
          scale = Math.max(scale, Math.abs(ref[k]));
          err = Math.max(err, Math.abs(v[k] - ref[k]));
        }
        maxRelative = Math.max(maxRelative, err / scale);
        int nc = search.starts(cpuStarts);
        int ne = FastKernelEmulator.starts(fp, v, emuStarts);
        if (cpuStarts[0] == emuStarts[0]) {
          sameBest++;
        }
        if (nc == ne && java.util.Arrays.equals(cpuStarts, 0, nc, emuStarts, 0, ne)) {
          sameList++;
        }
        double cross = search.polishFrom(terms, emuStarts, ne, rot, 0);
        float d = (float) Math.sqrt(Math.max(0, a.self[i] + b.self[j] - 2 * cross));
        double excess = d - cpu[i * cols.size() + j];
        maxExcess = Math.max(maxExcess, excess);
        if (Math.abs(excess) <= 1e-5) {
          within++;
        }
        n++;
      }
    }
    System.out.printf(Locale.ROOT, "FAST kernels emulated, %s, %d pairs: grid values max "
        + "relative error %.2g; best start as CPU %d, whole start list %d; distance within 1e-5"
        + " of the dense-grid CPU FAST %d, max excess %.3g%n", what, n, maxRelative, sameBest, sameList,
        within, maxExcess);
    assertTrue(maxRelative < 1e-4, what + ": grid values off by " + maxRelative);
    assertTrue(sameBest >= 0.95 * n, what + ": best start differs in " + (n - sameBest));
    assertTrue(within >= 0.98 * n, what + ": " + (n - within) + " distances differ");
    assertTrue(maxExcess <= 1e-3, what + ": max excess " + maxExcess);
  }

  @Test
  void ninbOrSyntheticGlassAsTheCpuSearch() throws Exception {
    LaeBatch[] b = SampleLaes.ninbOrGlass(12, 12, 301);
    compare(SampleLaes.ninbOrGlassName() + ", O(3)", b[0], b[1], GiipParameters.fast(1.0));
  }

  @Test
  void twoChannelsProperRotationsAsTheCpuSearch() {
    Random rnd = new Random(304);
    compare("synthetic, 2 channels, SO(3)", TestLaes.glassBatch(rnd, 8, 2),
        TestLaes.glassBatch(rnd, 7, 2),
        GiipParameters.fast(0.8).withProperOnly(true));
  }
}
