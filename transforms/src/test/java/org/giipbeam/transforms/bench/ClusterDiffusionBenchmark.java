package org.giipbeam.transforms.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.giipbeam.transforms.cluster.CompleteLinkage;
import org.giipbeam.transforms.cluster.Cut;
import org.giipbeam.transforms.cluster.Dendrogram;
import org.giipbeam.transforms.diffusion.BlockKrylovEigensolver;
import org.giipbeam.transforms.diffusion.DenseEigensolver;
import org.giipbeam.transforms.diffusion.DiffusionMaps;
import org.giipbeam.transforms.diffusion.DiffusionModel;

/**
 * Times complete linkage and diffusion maps (10 coordinates) on synthetic training distance
 * matrices shaped like GIIP ones: Euclidean distances of Gaussian points in 10 dimensions with
 * decaying spreads (σ_c = 0.8^c), so that the top of the spectrum is distinct but crowded.
 *
 * <p>Baseline, measured in the same run: EJML's full dense eigendecomposition on the same
 * diffusion kernel at n = 1,000 (the test oracle), against the block Lanczos solver.
 *
 * <p>Run: {@code java -Xmx6g -cp <test classpath> org.giipbeam.transforms.bench.ClusterDiffusionBenchmark
 * [sizes...]} (default sizes 2000 6800). Not a test: never asserts on time.
 */
public final class ClusterDiffusionBenchmark {
  private static final double EPSILON = 1.0;
  private static final int COORDINATES = 10;

  public static void main(String[] args) {
    int[] sizes = args.length == 0 ? new int[] {2000, 6800}
        : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    System.out.printf(Locale.ROOT, "cores: %d, max heap: %d MB%n",
        Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
    // Warm-up: JIT-compile every path on small problems.
    for (int w = 0; w < 3; w++) {
      float[] d = distances(600, 100 + w);
      CompleteLinkage.linkageOfSquare(d, 600).cutIntoClasses(20);
      DiffusionMaps.fit(d, 600, EPSILON, COORDINATES);
    }
    // Baseline: dense oracle against block Lanczos at n = 1,000.
    float[] base = distances(1000, 7);
    long t0 = System.nanoTime();
    DiffusionModel dense = DiffusionMaps.fit(base, 1000, EPSILON, COORDINATES, null,
        new DenseEigensolver());
    double denseSeconds = seconds(t0);
    t0 = System.nanoTime();
    DiffusionModel lanczos = DiffusionMaps.fit(base, 1000, EPSILON, COORDINATES, null,
        new BlockKrylovEigensolver());
    double lanczosSeconds = seconds(t0);
    double maxDiff = 0;
    for (int k = 0; k < COORDINATES; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(dense.eigenvalues()[k] - lanczos.eigenvalues()[k]));
    }
    System.out.printf(Locale.ROOT, "baseline n=1000: EJML dense %.2f s, block Lanczos %.3f s "
        + "(%.0f× faster), max |Δλ| %.1e%n", denseSeconds, lanczosSeconds,
        denseSeconds / lanczosSeconds, maxDiff);

    for (int n : sizes) {
      float[] d = distances(n, n);
      t0 = System.nanoTime();
      Dendrogram z = CompleteLinkage.linkageOfSquare(d, n);
      int[] classes = Cut.intoClasses(20).apply(z);
      double clusterSeconds = seconds(t0);
      t0 = System.nanoTime();
      DiffusionModel model = DiffusionMaps.fit(d, n, EPSILON, COORDINATES);
      double diffusionSeconds = seconds(t0);
      t0 = System.nanoTime();
      int rows = Math.min(n, 1000);
      for (int i = 0; i < rows; i++) {
        model.extend(d, i * n, i, null);
      }
      double nystromSeconds = seconds(t0);
      System.out.printf(Locale.ROOT, "n=%d: Cluster %.2f s (%d classes, top height %.3f); "
              + "DiffusionMap(k=%d) %.2f s (%d products, λ %.4f..%.4f, max residual %.1e); "
              + "Nyström %.3f ms/row%n",
          n, clusterSeconds, Arrays.stream(classes).max().getAsInt(), z.height(n - 2),
          COORDINATES, diffusionSeconds, model.products(), model.eigenvalues()[0],
          model.eigenvalues()[COORDINATES - 1],
          Arrays.stream(model.residuals()).max().getAsDouble(), nystromSeconds * 1e3 / rows);
      t0 = System.nanoTime();
      DiffusionModel withRedundancy = model.withRedundancy();
      System.out.printf(Locale.ROOT, "n=%d: redundancy (local linear + cubic r², 10 coordinates) "
          + "%.2f s, non-harmonic %s%n", n, seconds(t0),
          Arrays.toString(withRedundancy.nonHarmonicCoordinates(0.3)));
    }
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) * 1e-9;
  }

  /** n × n float32 Euclidean distances of Gaussian points in 10-D with spreads 0.8^c. */
  static float[] distances(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int dim = 10;
    double[] x = new double[n * dim];
    for (int i = 0; i < n; i++) {
      for (int c = 0; c < dim; c++) {
        x[i * dim + c] = Math.pow(0.8, c) * r.nextGaussian();
      }
    }
    float[] d = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double s = 0;
        for (int c = 0; c < dim; c++) {
          double dz = x[i * dim + c] - x[j * dim + c];
          s += dz * dz;
        }
        d[i * n + j] = d[j * n + i] = (float) Math.sqrt(s);
      }
    }
    return d;
  }
}
