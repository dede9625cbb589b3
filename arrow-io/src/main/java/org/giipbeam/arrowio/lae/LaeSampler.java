package org.giipbeam.arrowio.lae;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.giipbeam.arrowio.Box;
import org.giipbeam.arrowio.Frame;
import org.giipbeam.arrowio.Lae;
import org.giipbeam.arrowio.LaeBatch;

/**
 * Cuts the local atomic environments (LAEs) out of a {@link Frame}: for each centre atom, every
 * other atom closer than r_cut (periodic minimum image in periodic directions, triclinic boxes
 * included), as positions relative to the centre with weights f(r)·g(species).
 *
 * <p>The neighbour search is O(N) with a cell list in fractional coordinates: cells are at least
 * r_cut thick perpendicular to each face, so every neighbour lies in the 3^d cells around the
 * centre's. Each periodic direction must be wider than 2 r_cut (perpendicular width), so that an
 * atom has at most one image within r_cut; a narrower box is an error, not silently wrong.
 *
 * <pre>{@code
 * LaeBatch laes = LaeSampler.sample(frame, LaeParameters.of(3, 4).withSignSpecies(1, 2));
 * }</pre>
 */
public final class LaeSampler {
  private LaeSampler() {}

  /** All LAEs of the frame's centres, in the frame's atom order, as one batch. */
  public static LaeBatch sample(Frame frame, LaeParameters p) {
    List<Lae> laes = laes(frame, p);
    return LaeBatch.of(laes, frame.dimension(), p.channels(), compositionTypes(frame, p),
        p.toMap(), 0);
  }

  /** The types that composition columns refer to, in order. */
  public static int[] compositionTypes(Frame frame, LaeParameters p) {
    return p.speciesTypes().length > 0 ? p.speciesTypes() : frame.distinctTypes();
  }

  /** All LAEs of the frame's centres, in the frame's atom order. */
  public static List<Lae> laes(Frame frame, LaeParameters p) {
    int[] species = compositionTypes(frame, p);
    int[] typeIndex = typeIndex(species);
    check(frame, p, species, typeIndex);
    Fractional fractional = Fractional.of(frame);
    CellList cells = CellList.of(frame.box(), fractional, p.rCut());
    boolean[] centre = centreTypes(frame.types(), p);
    int[] types = frame.types();
    List<Lae> out = new ArrayList<>();
    Neighbours nb = new Neighbours(frame.dimension());
    for (int i = 0; i < frame.atomCount(); i++) {
      if (!centre[types[i]] || nearSurface(frame, i, fractional, p.surfaceMargin())) {
        continue;
      }
      cells.neighbours(i, p.rCut(), nb);
      out.add(build(frame, i, p, species, typeIndex, nb));
    }
    return out;
  }

  /** r_cut against the cell, and every atom's type covered by a species encoding. */
  private static void check(Frame frame, LaeParameters p, int[] species, int[] typeIndex) {
    String cutoff = org.giipbeam.arrowio.io.FrameChecks.cutoffProblem(frame, p.rCut());
    if (cutoff != null) {
      throw new IllegalArgumentException(cutoff);
    }
    if (p.encoding() == SpeciesEncoding.AGNOSTIC) {
      return;
    }
    int[] types = frame.types();
    for (int i = 0; i < frame.atomCount(); i++) {
      if (types[i] >= typeIndex.length || typeIndex[types[i]] < 0) {
        throw new IllegalArgumentException("sample " + frame.sample() + ": atom "
            + frame.ids()[i] + " has type " + types[i] + ", which the " + p.encoding()
            + " species encoding " + Arrays.toString(species) + " does not cover");
      }
    }
  }

  /** Which types are centres: {@code p.centreTypes()}, or every type when none is given. */
  private static boolean[] centreTypes(int[] types, LaeParameters p) {
    boolean[] centre = new boolean[Math.max(1, maxType(types) + 1)];
    if (p.centreTypes().length == 0) {
      Arrays.fill(centre, true);
    } else {
      for (int t : p.centreTypes()) {
        if (t < centre.length) {
          centre[t] = true;
        }
      }
    }
    return centre;
  }

  /**
   * The atoms' fractional coordinates {@code s[i·d + k]}, wrapped into [0, 1) in periodic
   * directions, and their extent {@code lo}, {@code hi} in each direction.
   */
  private record Fractional(int d, double[] s, double[] lo, double[] hi) {
    static Fractional of(Frame frame) {
      Box box = frame.box();
      int d = frame.dimension();
      int n = frame.atomCount();
      double[] frac = new double[n * d];
      double[] lo = new double[d];
      double[] hi = new double[d];
      Arrays.fill(lo, Double.POSITIVE_INFINITY);
      Arrays.fill(hi, Double.NEGATIVE_INFINITY);
      double[] r = new double[d];
      double[] s = new double[d];
      double[] pos = frame.positions();
      for (int i = 0; i < n; i++) {
        System.arraycopy(pos, i * d, r, 0, d);
        box.toFractional(r, s);
        for (int k = 0; k < d; k++) {
          double v = s[k];
          if (box.periodic(k)) {
            v -= Math.floor(v);
            if (v >= 1.0) {
              v = 0.0;
            }
          }
          frac[i * d + k] = v;
          lo[k] = Math.min(lo[k], v);
          hi[k] = Math.max(hi[k], v);
        }
      }
      return new Fractional(d, frac, lo, hi);
    }

    int atomCount() {
      return s.length / d;
    }
  }

  /**
   * The cell list: a grid over [0, 1) in periodic directions and over the atoms' extent
   * otherwise, every cell at least r_cut thick, and the atoms of each cell.
   */
  private static final class CellList {
    final Box box;
    final Fractional fractional;
    final int d;
    final int[] cells;
    /** Cell {@code c} holds {@code cellAtoms[cellStart[c] .. cellStart[c + 1])}. */
    final int[] cellStart;
    final int[] cellAtoms;
    final int[] cellOf;
    final int stencil;
    final int[] cc;
    final int[] off;
    final double[] ds;
    final double[] dr;

    private CellList(Box box, Fractional fractional, int[] cells, int[] cellOf, int[] cellStart,
        int[] cellAtoms) {
      this.box = box;
      this.fractional = fractional;
      this.d = cells.length;
      this.cells = cells;
      this.cellOf = cellOf;
      this.cellStart = cellStart;
      this.cellAtoms = cellAtoms;
      this.stencil = (int) Math.pow(3, d);
      this.cc = new int[d];
      this.off = new int[d];
      this.ds = new double[d];
      this.dr = new double[d];
    }

    static CellList of(Box box, Fractional fractional, double rCut) {
      int d = fractional.d();
      int n = fractional.atomCount();
      int[] cells = new int[d];
      double[] start = new double[d];
      double[] span = new double[d];
      for (int k = 0; k < d; k++) {
        double width = box.perpendicularWidth(k);
        if (box.periodic(k)) {
          start[k] = 0;
          span[k] = 1;
        } else {
          start[k] = n == 0 ? 0 : fractional.lo()[k];
          span[k] = n == 0 ? 1 : Math.max(fractional.hi()[k] - fractional.lo()[k], 1e-12);
        }
        long c = (long) Math.floor(span[k] * width / rCut);
        cells[k] = (int) Math.max(1, Math.min(c, 1 << 10));
      }
      // Size the grid by the atoms, not the box: a huge box with few atoms would ask for up to
      // 2^30 cells. Coarser cells stay at least r_cut thick, so the 3^d stencil still suffices.
      long limit = Math.max(1, 2L * n);
      while (cellProduct(cells) > limit) {
        int widest = 0;
        for (int k = 1; k < d; k++) {
          widest = cells[k] > cells[widest] ? k : widest;
        }
        cells[widest] = Math.max(1, cells[widest] / 2);
      }
      int totalCells = 1;
      for (int k = 0; k < d; k++) {
        totalCells = Math.multiplyExact(totalCells, cells[k]);
      }
      double[] frac = fractional.s();
      int[] cellOf = new int[n];
      int[] cellCount = new int[totalCells + 1];
      for (int i = 0; i < n; i++) {
        int c = 0;
        for (int k = 0; k < d; k++) {
          int ck = (int) Math.floor((frac[i * d + k] - start[k]) / span[k] * cells[k]);
          ck = Math.max(0, Math.min(cells[k] - 1, ck));
          c = c * cells[k] + ck;
        }
        cellOf[i] = c;
        cellCount[c + 1]++;
      }
      for (int c = 0; c < totalCells; c++) {
        cellCount[c + 1] += cellCount[c];
      }
      int[] cellAtoms = new int[n];
      int[] fill = Arrays.copyOf(cellCount, totalCells);
      for (int i = 0; i < n; i++) {
        cellAtoms[fill[cellOf[i]]++] = i;
      }
      return new CellList(box, fractional, cells, cellOf, cellCount, cellAtoms);
    }

    private static long cellProduct(int[] cells) {
      long p = 1;
      for (int c : cells) {
        p *= c;
      }
      return p;
    }

    /**
     * Puts every atom closer than r_cut to atom {@code i} into {@code nb} (its nearest image;
     * not {@code i} itself), searching the 3^d cells around {@code i}'s.
     */
    void neighbours(int i, double rCut, Neighbours nb) {
      nb.clear();
      double[] frac = fractional.s();
      int c = cellOf[i];
      for (int k = d - 1; k >= 0; k--) {
        cc[k] = c % cells[k];
        c /= cells[k];
      }
      for (int st = 0; st < stencil; st++) {
        int cell = stencilCell(st);
        if (cell < 0) {
          continue;
        }
        for (int a = cellStart[cell]; a < cellStart[cell + 1]; a++) {
          int j = cellAtoms[a];
          for (int k = 0; k < d; k++) {
            ds[k] = frac[j * d + k] + off[k] - frac[i * d + k];
          }
          box.fractionalToCartesianDisplacement(ds, dr);
          double r2 = 0;
          for (int k = 0; k < d; k++) {
            r2 += dr[k] * dr[k];
          }
          if (r2 < rCut * rCut && !(j == i && r2 == 0)) {
            nb.add(j, Math.sqrt(r2), dr);
          }
        }
      }
    }

    /**
     * The cell at stencil offset {@code st} (base 3, one digit −1/0/+1 per direction) from cell
     * {@code cc}, wrapped in periodic directions with the wrap in {@code off}; −1 when it falls
     * outside a free surface.
     */
    private int stencilCell(int st) {
      int rest = st;
      int cell = 0;
      for (int k = 0; k < d; k++) {
        int o = rest % 3 - 1;
        rest /= 3;
        int ck = cc[k] + o;
        off[k] = 0;
        if (ck < 0 || ck >= cells[k]) {
          if (!box.periodic(k)) {
            return -1;
          }
          off[k] = ck < 0 ? -1 : 1;
          ck -= off[k] * cells[k];
        }
        cell = cell * cells[k] + ck;
      }
      return cell;
    }
  }

  private static boolean nearSurface(Frame frame, int i, Fractional fractional,
      double margin) {
    if (margin <= 0) {
      return false;
    }
    Box box = frame.box();
    int d = frame.dimension();
    for (int k = 0; k < d; k++) {
      if (!box.periodic(k)) {
        double w = box.perpendicularWidth(k);
        double s = fractional.s()[i * d + k];
        if ((s - fractional.lo()[k]) * w < margin || (fractional.hi()[k] - s) * w < margin) {
          return true;
        }
      }
    }
    return false;
  }

  private static int maxType(int[] types) {
    int m = 0;
    for (int t : types) {
      m = Math.max(m, t);
    }
    return m;
  }

  private static int[] typeIndex(int[] species) {
    int max = 0;
    for (int t : species) {
      max = Math.max(max, t);
    }
    int[] idx = new int[max + 1];
    Arrays.fill(idx, -1);
    for (int s = 0; s < species.length; s++) {
      idx[species[s]] = s;
    }
    return idx;
  }

  private static Lae build(Frame frame, int centre, LaeParameters p, int[] species,
      int[] typeIndex, Neighbours nb) {
    int d = frame.dimension();
    Integer[] order = new Integer[nb.size];
    for (int a = 0; a < nb.size; a++) {
      order[a] = a;
    }
    long[] ids = frame.ids();
    // Nearest first, ties by atom id: a deterministic order whatever the cell layout.
    Arrays.sort(order, (a, b) -> nb.r[a] != nb.r[b] ? Double.compare(nb.r[a], nb.r[b])
        : Long.compare(ids[nb.atom[a]], ids[nb.atom[b]]));
    int m = nb.size;
    int channels = p.channels();
    float[] pos = new float[m * d];
    float[] w = new float[channels * m];
    double[] comp = new double[species.length];
    double[] countComp = new double[species.length];
    double coordination = 0;
    int[] types = frame.types();
    for (int a = 0; a < m; a++) {
      int o = order[a];
      for (int k = 0; k < d; k++) {
        pos[a * d + k] = (float) nb.dr[o * d + k];
      }
      double f = RadialFade.f(nb.r[o], p.rSkin(), p.rCut());
      coordination += f;
      int t = types[nb.atom[o]];
      int si = t < typeIndex.length ? typeIndex[t] : -1;
      if (si >= 0) {
        comp[si] += f;
        countComp[si] += 1;
      }
      switch (p.encoding()) {
        case AGNOSTIC -> w[a] = (float) f;
        case SIGN -> w[a] = (float) (si == 0 ? f : -f);
        case VECTOR -> w[si * m + a] = (float) f;
        default -> throw new IllegalStateException();
      }
    }
    for (int s = 0; s < species.length; s++) {
      comp[s] = coordination > 0 ? comp[s] / coordination : 0;
      countComp[s] = m > 0 ? countComp[s] / m : 0;
    }
    Map<String, Double> props = new LinkedHashMap<>();
    frame.properties().forEach((name, values) -> props.put(name, values[centre]));
    return new Lae(frame.sample(), ids[centre], types[centre], d, pos, w, channels,
        coordination, comp, countComp, props);
  }

  /** Reusable neighbour list of one centre. */
  private static final class Neighbours {
    final int d;
    int size;
    int[] atom = new int[64];
    double[] r = new double[64];
    double[] dr;

    Neighbours(int d) {
      this.d = d;
      dr = new double[64 * d];
    }

    void clear() {
      size = 0;
    }

    void add(int j, double dist, double[] disp) {
      if (size == atom.length) {
        atom = Arrays.copyOf(atom, size * 2);
        r = Arrays.copyOf(r, size * 2);
        dr = Arrays.copyOf(dr, size * 2 * d);
      }
      atom[size] = j;
      r[size] = dist;
      System.arraycopy(disp, 0, dr, size * d, d);
      size++;
    }
  }
}
