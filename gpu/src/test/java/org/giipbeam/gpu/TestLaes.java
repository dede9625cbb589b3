package org.giipbeam.gpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;
import org.giipbeam.arrowio.lae.RadialFade;

/** Synthetic LAEs for the engine tests: clusters, rotations, permutations, batches. */
public final class TestLaes {
  private TestLaes() {}

  /** An LAE from positions (count × d) and weights (channels × count, channel-major). */
  public static Lae lae(int d, int channels, double[] pos, double[] weights) {
    float[] p = new float[pos.length];
    for (int k = 0; k < p.length; k++) {
      p[k] = (float) pos[k];
    }
    float[] w = new float[weights.length];
    for (int k = 0; k < w.length; k++) {
      w[k] = (float) weights[k];
    }
    double[] comp = new double[channels];
    return new Lae("test", 0, 1, d, p, w, channels, 0, comp, comp.clone(), Map.of());
  }

  public static LaeBatch batch(List<Lae> laes) {
    return batch(laes, 0);
  }

  /** A batch padded to at least {@code minMaxAtoms}. */
  public static LaeBatch batch(List<Lae> laes, int minMaxAtoms) {
    Lae f = laes.get(0);
    int[] species = new int[f.channels()];
    for (int k = 0; k < species.length; k++) {
      species[k] = k + 1;
    }
    return LaeBatch.of(laes, f.dimension(), f.channels(), species, Map.of("test", "synthetic"),
        minMaxAtoms);
  }

  /**
   * A glass-like 3D LAE: a perturbed icosahedral shell of 12 atoms at ~2.5 plus {@code extra}
   * atoms at 3.1–3.9 with the fade f of r_skin 3, r_cut 4, species weights ±1 (sign-species) or
   * one-hot vector species over {@code channels} channels.
   */
  public static Lae glassLike3d(Random rnd, int extra, int channels) {
    List<double[]> pts = new ArrayList<>();
    double g = (1 + Math.sqrt(5)) / 2;
    double[][] ico = {{0, 1, g}, {0, -1, g}, {0, 1, -g}, {0, -1, -g}, {1, g, 0}, {-1, g, 0},
        {1, -g, 0}, {-1, -g, 0}, {g, 0, 1}, {-g, 0, 1}, {g, 0, -1}, {-g, 0, -1}};
    double[] rot = org.giipbeam.gpu.rotation.Rotations.randomRotation(rnd);
    for (double[] v : ico) {
      double n = Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
      double r = 2.5 + 0.15 * rnd.nextGaussian();
      double[] x = new double[3];
      for (int k = 0; k < 3; k++) {
        x[k] = v[k] / n * r + 0.25 * rnd.nextGaussian();
      }
      pts.add(apply(rot, x));
    }
    for (int e = 0; e < extra; e++) {
      double[] x = randomUnit(rnd, 3);
      double r = 3.1 + 0.8 * rnd.nextDouble();
      pts.add(new double[] {x[0] * r, x[1] * r, x[2] * r});
    }
    int n = pts.size();
    double[] pos = new double[3 * n];
    double[] w = new double[channels * n];
    for (int i = 0; i < n; i++) {
      double[] x = pts.get(i);
      System.arraycopy(x, 0, pos, 3 * i, 3);
      double f = RadialFade.f(Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]), 3, 4);
      if (channels == 1) {
        w[i] = rnd.nextBoolean() ? f : -f;
      } else {
        w[rnd.nextInt(channels) * n + i] = f;
      }
    }
    return lae(3, channels, pos, w);
  }

  /**
   * A 2D LAE: a perturbed hexagonal first shell (1.12) with a random vacancy or extra atom, plus
   * some atoms in the fade zone of r_skin 1.3, r_cut 1.75; agnostic weights (or one-hot
   * channels).
   */
  /** n glass-like 3D LAEs of 7 to 14 atoms, padded to at least 24 atoms. */
  public static LaeBatch glassBatch(Random rnd, int n, int channels) {
    List<Lae> l = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      l.add(glassLike3d(rnd, 6 + rnd.nextInt(8), channels));
    }
    return batch(l, 24);
  }

  public static Lae lattice2d(Random rnd, int channels) {
    List<double[]> pts = new ArrayList<>();
    double t0 = rnd.nextDouble() * 2 * Math.PI;
    int skip = rnd.nextInt(8);
    for (int k = 0; k < 6; k++) {
      if (k == skip) {
        continue;
      }
      double t = t0 + k * Math.PI / 3 + 0.08 * rnd.nextGaussian();
      double r = 1.12 + 0.06 * rnd.nextGaussian();
      pts.add(new double[] {r * Math.cos(t), r * Math.sin(t)});
    }
    int extra = rnd.nextInt(3);
    for (int e = 0; e < extra; e++) {
      double t = rnd.nextDouble() * 2 * Math.PI;
      double r = 1.35 + 0.35 * rnd.nextDouble();
      pts.add(new double[] {r * Math.cos(t), r * Math.sin(t)});
    }
    int n = pts.size();
    double[] pos = new double[2 * n];
    double[] w = new double[channels * n];
    for (int i = 0; i < n; i++) {
      double[] x = pts.get(i);
      pos[2 * i] = x[0];
      pos[2 * i + 1] = x[1];
      double f = RadialFade.f(Math.hypot(x[0], x[1]), 1.3, 1.75);
      w[(channels == 1 ? 0 : rnd.nextInt(channels)) * n + i] = f;
    }
    return lae(2, channels, pos, w);
  }

  public static double[] randomUnit(Random rnd, int d) {
    double[] x = new double[d];
    double n = 0;
    for (int k = 0; k < d; k++) {
      x[k] = rnd.nextGaussian();
      n += x[k] * x[k];
    }
    n = Math.sqrt(n);
    for (int k = 0; k < d; k++) {
      x[k] /= n;
    }
    return x;
  }

  static double[] apply(double[] m, double[] x) {
    int d = x.length;
    double[] y = new double[d];
    for (int i = 0; i < d; i++) {
      for (int j = 0; j < d; j++) {
        y[i] += m[i * d + j] * x[j];
      }
    }
    return y;
  }

  /** R·A for an orthogonal d × d matrix R. */
  public static Lae transform(Lae l, double[] m) {
    int d = l.dimension();
    int n = l.neighbourCount();
    double[] pos = new double[d * n];
    for (int i = 0; i < n; i++) {
      double[] x = new double[d];
      for (int k = 0; k < d; k++) {
        x[k] = l.positions()[d * i + k];
      }
      System.arraycopy(apply(m, x), 0, pos, d * i, d);
    }
    return lae(d, l.channels(), pos, toDouble(l.weights()));
  }

  /** The same LAE with its atoms in a random order. */
  public static Lae shuffle(Lae l, Random rnd) {
    int d = l.dimension();
    int n = l.neighbourCount();
    int c = l.channels();
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    java.util.Collections.shuffle(Arrays.asList(order), rnd);
    double[] pos = new double[d * n];
    double[] w = new double[c * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < d; k++) {
        pos[d * i + k] = l.positions()[d * order[i] + k];
      }
      for (int ch = 0; ch < c; ch++) {
        w[ch * n + i] = l.weights()[ch * n + order[i]];
      }
    }
    return lae(d, c, pos, w);
  }

  /** The LAE plus one atom at {@code x} with weight vector {@code w} (one per channel). */
  public static Lae withAtom(Lae l, double[] x, double[] w) {
    int d = l.dimension();
    int n = l.neighbourCount();
    int c = l.channels();
    double[] pos = Arrays.copyOf(toDouble(l.positions()), d * (n + 1));
    System.arraycopy(x, 0, pos, d * n, d);
    double[] ww = new double[c * (n + 1)];
    for (int ch = 0; ch < c; ch++) {
      for (int i = 0; i < n; i++) {
        ww[ch * (n + 1) + i] = l.weights()[ch * n + i];
      }
      ww[ch * (n + 1) + n] = w[ch];
    }
    return lae(d, c, pos, ww);
  }

  static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      d[k] = f[k];
    }
    return d;
  }
}
