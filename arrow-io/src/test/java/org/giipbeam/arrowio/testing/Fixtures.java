package org.giipbeam.arrowio.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.DistanceBlock;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.LaeResult;

/** Random data-model values for round-trip tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Lae randomLae(Random rnd, String sample, long id, int d, int channels,
      int species, int atoms) {
    float[] pos = new float[atoms * d];
    float[] w = new float[channels * atoms];
    for (int i = 0; i < pos.length; i++) {
      pos[i] = (float) (rnd.nextGaussian() * 2);
    }
    for (int i = 0; i < w.length; i++) {
      w[i] = rnd.nextFloat() * (rnd.nextBoolean() ? 1 : -1);
    }
    double[] comp = new double[species];
    double[] count = new double[species];
    for (int s = 0; s < species; s++) {
      comp[s] = rnd.nextDouble();
      count[s] = rnd.nextDouble();
    }
    Map<String, Double> props = new LinkedHashMap<>();
    props.put("c_pe", rnd.nextGaussian() - 4);
    props.put("q", id % 3 == 0 ? Double.NaN : rnd.nextDouble());
    return new Lae(sample, id, 1 + rnd.nextInt(species), d, pos, w, channels,
        rnd.nextDouble() * 12, comp, count, props);
  }

  public static LaeBatch randomBatch(Random rnd, int n, int d, int channels) {
    List<Lae> laes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      laes.add(randomLae(rnd, i % 2 == 0 ? "quench100K" : "quench10M", 10_000L + i, d,
          channels, 2, rnd.nextInt(22)));
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("lae.rCut", "4.0");
    params.put("lae.rSkin", "3.0");
    return LaeBatch.of(laes, d, channels, new int[] {1, 2}, params, 24);
  }

  public static DistanceBlock randomBlock(Random rnd, int rows, int columns, int d,
      boolean rotations, boolean bounds) {
    String[] samples = new String[rows];
    long[] ids = new long[rows];
    long[] idx = new long[rows];
    float[] dist = new float[rows * columns];
    for (int i = 0; i < rows; i++) {
      samples[i] = "s" + (i % 3);
      ids[i] = rnd.nextInt(100_000);
      idx[i] = 500 + i;
    }
    for (int i = 0; i < dist.length; i++) {
      dist[i] = rnd.nextFloat() * 4;
    }
    float[] rot = null;
    if (rotations) {
      rot = new float[rows * columns * d * d];
      for (int i = 0; i < rot.length; i++) {
        rot[i] = rnd.nextFloat() * 2 - 1;
      }
    }
    boolean[] low = null;
    if (bounds) {
      low = new boolean[rows * columns];
      for (int i = 0; i < low.length; i++) {
        low[i] = rnd.nextInt(5) == 0;
      }
    }
    return new DistanceBlock(d, 7, columns, Map.of("giip.sigma", "1.0", "lae.rCut", "4.0"),
        samples, ids, idx, dist, rot, low);
  }

  public static List<LaeResult> randomResults(Random rnd, int n, int k) {
    List<LaeResult> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double[] phi = new double[k];
      for (int j = 0; j < k; j++) {
        phi[j] = rnd.nextGaussian();
      }
      Map<String, Double> desc = new LinkedHashMap<>();
      desc.put("coordination", 10 + rnd.nextDouble() * 5);
      desc.put("composition_1", rnd.nextDouble());
      desc.put("c_pe", i == 0 ? Double.NaN : -4 + rnd.nextDouble());
      rows.add(new LaeResult("sample" + (i % 2), i + 1, 1, i % 4 == 0, 1 + rnd.nextInt(20),
          phi, desc));
    }
    return rows;
  }
}
