package org.giipbeam.arrowio.io;

import java.util.Arrays;

/** Growable per-atom arrays for the readers: memory follows the atoms actually read. */
final class AtomColumns {
  private final int dimension;
  private final int extras;
  long[] ids;
  int[] types;
  double[] positions;
  double[][] extra;
  int size;

  AtomColumns(int dimension, int extras, long expected) {
    this.dimension = dimension;
    this.extras = extras;
    int cap = (int) Math.max(16, Math.min(expected, 1 << 16));
    ids = new long[cap];
    types = new int[cap];
    positions = new double[cap * dimension];
    extra = new double[extras][cap];
  }

  /** Index of the new atom; its position and extra slots are then filled by the caller. */
  int add(long id, int type) {
    if (size == ids.length) {
      int cap = ids.length * 2;
      ids = Arrays.copyOf(ids, cap);
      types = Arrays.copyOf(types, cap);
      positions = Arrays.copyOf(positions, cap * dimension);
      for (int e = 0; e < extras; e++) {
        extra[e] = Arrays.copyOf(extra[e], cap);
      }
    }
    ids[size] = id;
    types[size] = type;
    return size++;
  }

  long[] ids() {
    return Arrays.copyOf(ids, size);
  }

  int[] types() {
    return Arrays.copyOf(types, size);
  }

  double[] positions() {
    return Arrays.copyOf(positions, size * dimension);
  }

  double[] extra(int e) {
    return Arrays.copyOf(extra[e], size);
  }

  /** Index of the first atom whose id occurred before, or -1. */
  int firstDuplicateId() {
    Integer[] order = new Integer[size];
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> a.equals(b) ? 0
        : ids[a] != ids[b] ? Long.compare(ids[a], ids[b]) : Integer.compare(a, b));
    int worst = -1;
    for (int i = 1; i < size; i++) {
      if (ids[order[i]] == ids[order[i - 1]]) {
        int later = Math.max(order[i], order[i - 1]);
        if (worst < 0 || later < worst) {
          worst = later;
        }
      }
    }
    return worst;
  }
}
