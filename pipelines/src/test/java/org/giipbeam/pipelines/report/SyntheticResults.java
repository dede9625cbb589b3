package org.giipbeam.pipelines.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.LaeResult;

/**
 * Made-up results shaped like the paper's NiNb study: φ_1 follows composition, the φ_2 × φ_3
 * plane is a triangle whose corners stand for tetrahedral, prismatic and cyclic LAEs, and the
 * "slow" sample leans towards the tetrahedral corner.
 */
final class SyntheticResults {
  private SyntheticResults() {}

  static final double[][] CORNERS = {{0.0, 1.0}, {-0.9, -0.5}, {0.9, -0.5}};

  static List<LaeResult> make(int perSample, long seed) {
    Random rnd = new Random(seed);
    List<LaeResult> rows = new ArrayList<>();
    String[] samples = {"fast", "slow"};
    for (String sample : samples) {
      for (int n = 0; n < perSample; n++) {
        double comp = 0.2 + 0.6 * rnd.nextDouble();
        double[] w = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
        if (sample.equals("slow")) {
          w[0] += 0.6; // more tetrahedral
        } else {
          w[2] += 0.6; // more cyclic
        }
        double s = w[0] + w[1] + w[2];
        double x = 0;
        double y = 0;
        int corner = 0;
        for (int c = 0; c < 3; c++) {
          x += w[c] / s * CORNERS[c][0];
          y += w[c] / s * CORNERS[c][1];
          if (w[c] > w[corner]) {
            corner = c;
          }
        }
        double phi1 = (comp - 0.5) * 0.04 + 0.001 * rnd.nextGaussian();
        double[] phi = {phi1, 0.01 * x, 0.01 * y, 0.01 * rnd.nextGaussian(),
            0.5 * phi1 * phi1 / 0.01 + 0.001 * rnd.nextGaussian()};
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("coordination", 12.0 + 2.0 * y + 0.3 * rnd.nextGaussian());
        d.put("composition_1", comp);
        d.put("composition_count_1", Math.round(comp * 14) / 14.0);
        d.put("c_pe", -4.0 + 0.2 * rnd.nextGaussian());
        d.put("q4", 0.1 + 0.05 * rnd.nextDouble());
        d.put("q6", 0.4 + 0.1 * rnd.nextDouble());
        int classLabel = 1 + corner * 2 + (comp > 0.5 ? 1 : 0);
        rows.add(new LaeResult(sample, n, 1, n % 5 == 0, classLabel, phi, d));
      }
    }
    return rows;
  }

  static CoordinateSpectrum spectrum() {
    return new CoordinateSpectrum(
        new double[] {0.98, 0.95, 0.93, 0.90, 0.88},
        new double[] {1.0, 0.85, 0.7, 0.6, 0.05},
        new double[] {0.0, 0.1, 0.2, 0.3, 0.97},
        List.of(1, 2, 3, 4));
  }

  static EpsilonChoice sweep() {
    double[] eps = new double[13];
    double[] sums = new double[13];
    for (int i = 0; i < eps.length; i++) {
      eps[i] = Math.pow(10, -1 + i * 0.25);
      // a logistic step in log ε from n to n², as a real sweep looks
      double n = 3000;
      double t = 1 / (1 + Math.exp(-3 * Math.log(eps[i])));
      sums[i] = Math.exp(Math.log(n) + t * Math.log(n));
    }
    return new EpsilonChoice(eps, sums, 1.5);
  }
}
