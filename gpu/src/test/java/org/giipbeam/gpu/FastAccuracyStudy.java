package org.giipbeam.gpu;

import org.giipbeam.arrowio.LaeBatch;

/**
 * Command-line study of FAST against EXHAUSTIVE on the paper's samples (not a test): prints the
 * accuracy and timings for rows × columns pairs. Arguments: dimension rows columns [L grid°
 * starts margin] — run from the gpu module with the test classpath, e.g.
 * {@code mvn -pl gpu test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=org.giipbeam.gpu.FastAccuracyStudy -Dexec.args="3 20 20"}.
 */
public final class FastAccuracyStudy {
  public static void main(String[] args) throws Exception {
    int d = Integer.parseInt(args[0]);
    int nr = Integer.parseInt(args[1]);
    int nc = Integer.parseInt(args[2]);
    double sigma = d == 3 ? 1.0 : 0.5;
    GiipParameters fast = GiipParameters.fast(sigma);
    if (args.length > 3) {
      fast = fast.withFast(Integer.parseInt(args[3]), Double.parseDouble(args[4]),
          Integer.parseInt(args[5]), Double.parseDouble(args[6]));
    }
    if (args.length > 7) {
      fast = fast.withFast2d(Integer.parseInt(args[7]), Double.parseDouble(args[8]));
    }
    LaeBatch rows;
    LaeBatch cols;
    if (d == 3) {
      LaeBatch a = SampleLaes.ninb(SampleLaes.NINB_FILES[0]);
      LaeBatch b = SampleLaes.ninb(SampleLaes.NINB_FILES[3]);
      rows = SampleLaes.pick(a, nr, 11);
      cols = SampleLaes.pick(b, nc, 12);
    } else {
      LaeBatch a = SampleLaes.lj2d();
      rows = SampleLaes.pickWithDefects(a, nr, 13);
      cols = SampleLaes.pickWithDefects(a, nc, 14);
    }
    GiipParameters reference = GiipParameters.exhaustive(sigma);
    if (System.getProperty("gold") != null) {
      // a much more thorough FAST as the reference, for tuning (not the acceptance check)
      reference = GiipParameters.fast(sigma).withFast(10, 10, 40, 5);
    }
    System.out.println(fast);
    // warm-up (JIT, grids, tables) on a few pairs, then the measured run
    AccuracyComparison.run(fast, reference, rows.select(new int[] {0, 1}),
        cols.select(new int[] {0, 1}));
    System.out.println(AccuracyComparison.run(fast, reference, rows, cols));
  }
}
