package org.giipbeam.gpu;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.io.LammpsDumpReader;
import org.giipbeam.arrowio.lae.LaeParameters;
import org.giipbeam.arrowio.lae.LaeSampler;

/**
 * LAEs of the paper's samples for accuracy tests and benchmarks: Ni-centred LAEs of the NiNb
 * glass (r_skin 3 Å, r_cut 4 Å, sign-species Ni = type 1 → +1, Nb = type 2 → −1) from the shared
 * data folder (system property {@code giip.shared.dir}), and LAEs of the bundled 2D
 * Lennard-Jones crystal (r_skin 1.3, r_cut 1.75, agnostic) from {@code examples/lj2d}.
 */
public final class SampleLaes {
  private SampleLaes() {}

  public static final String[] NINB_FILES = {"quench100K.dump", "quench500K.dump",
      "quench1M.dump", "quench10M.dump"};

  public static Path sharedDir() {
    return Path.of(System.getProperty("giip.shared.dir", "../shared"));
  }

  public static Path ninbDir() {
    return sharedDir().resolve("data").resolve("ninb-glass");
  }

  public static boolean hasNinb() {
    return Files.isRegularFile(ninbDir().resolve(NINB_FILES[0]));
  }

  public static Path lj2dDump() {
    Path repo = Path.of(System.getProperty("giip.repo.dir", ".."));
    Path p = repo.resolve("examples").resolve("lj2d").resolve("lj2d.dump");
    return Files.isRegularFile(p) ? p : Path.of("..", "examples", "lj2d", "lj2d.dump");
  }

  public static boolean hasLj2d() {
    return Files.isRegularFile(lj2dDump());
  }

  /** All Ni-centred LAEs of one NiNb sample. */
  public static LaeBatch ninb(String file) throws IOException {
    Frame f = new LammpsDumpReader().withSample(file).read(ninbDir().resolve(file));
    return LaeSampler.sample(f,
        LaeParameters.of(3, 4).withSignSpecies(1, 2).withCentreTypes(1));
  }

  /** All LAEs of the 2D LJ crystal. */
  public static LaeBatch lj2d() throws IOException {
    Frame f = new LammpsDumpReader().withDimension(2).withSample("lj2d").read(lj2dDump());
    return LaeSampler.sample(f, LaeParameters.of(1.3, 1.75));
  }

  /** {@code count} distinct random LAEs of the batch (deterministic for the seed). */
  /**
   * Two batches of Ni-centred NiNb LAEs (samples 1 and 4, {@code nr} and {@code nc} random
   * picks), or glass-like synthetic LAEs where the NiNb data are absent.
   */
  public static LaeBatch[] ninbOrGlass(int nr, int nc, long seed) throws IOException {
    if (hasNinb()) {
      return new LaeBatch[] {pick(ninb(NINB_FILES[0]), nr, seed), pick(ninb(NINB_FILES[3]), nc,
          seed + 1)};
    }
    Random rnd = new Random(seed);
    return new LaeBatch[] {TestLaes.glassBatch(rnd, nr, 1), TestLaes.glassBatch(rnd, nc, 1)};
  }

  /** What {@link #ninbOrGlass} returns here, for messages. */
  public static String ninbOrGlassName() {
    return hasNinb() ? "NiNb Ni-centred" : "synthetic glass (no NiNb data)";
  }

  public static LaeBatch pick(LaeBatch b, int count, long seed) {
    Random rnd = new Random(seed);
    int[] idx = rnd.ints(0, b.size()).distinct().limit(count).toArray();
    return b.select(idx);
  }

  /**
   * For the 2D crystal, random picks are mostly perfect-lattice LAEs; this takes half of them
   * from the highest-energy (defect) LAEs, like the paper's training split.
   */
  public static LaeBatch pickWithDefects(LaeBatch b, int count, long seed) {
    double[] pe = b.properties().get("c_pe");
    if (pe == null) {
      return pick(b, count, seed);
    }
    Integer[] order = new Integer[b.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(pe[y], pe[x]));
    Random rnd = new Random(seed);
    int[] idx = new int[count];
    java.util.Set<Integer> used = new java.util.HashSet<>();
    for (int k = 0; k < count; k++) {
      int i;
      do {
        i = k % 2 == 0 ? order[rnd.nextInt(Math.min(b.size(), 300))] : rnd.nextInt(b.size());
      } while (!used.add(i));
      idx[k] = i;
    }
    return b.select(idx);
  }
}
