#!/usr/bin/env python3
"""Writes golden files for the complete-linkage tests (CompleteLinkageGoldenTest).

Each case is a condensed distance matrix, scipy's linkage matrix for method='complete', and
fcluster partitions for several cuts by distance (criterion='distance') and by number of
classes (criterion='maxclust'). Most cases have ties on purpose: scipy's result with ties
depends on its nearest-neighbour-chain order, which the Java implementation must reproduce.

Run from the repository root (needs numpy and scipy; Debian: apt-get install python3-scipy):
    python3 transforms/src/test/python/make_cluster_golden.py
Output: transforms/src/test/resources/org/giipbeam/transforms/cluster/*.txt

File format (plain text, one item per line, numbers as Python repr, which round-trips
exactly through Java's Double.parseDouble):
    case <name>
    n <n>
    condensed <n(n-1)/2 numbers, scipy's squareform order>
    linkage <idx1> <idx2> <height> <count>        (n-1 lines)
    distance <t> <n labels>                      (fcluster(Z, t, 'distance'))
    maxclust <k> <n labels>                      (fcluster(Z, k, 'maxclust'))
"""
import os
import sys

import numpy as np
import scipy
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import pdist

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, "resources", "org",
                   "giipbeam", "transforms", "cluster")


def cases():
    rng = np.random.default_rng(20220405)
    # 1. Small integer distances: many exact ties, some zero distances (duplicate LAEs).
    n = 30
    m = rng.integers(0, 5, size=(n, n)).astype(float)
    m = np.triu(m, 1)
    yield "integer-ties", m[np.triu_indices(n, 1)]
    # 2. A 2D square lattice (5 x 6): Euclidean distances, highly degenerate.
    g = np.array([(i, j) for i in range(5) for j in range(6)], dtype=float)
    yield "lattice", pdist(g)
    # 3. A 3D simple cubic lattice (3 x 3 x 4) with one vacancy-like shift: ties and near-ties.
    g = np.array([(i, j, k) for i in range(3) for j in range(3) for k in range(4)], dtype=float)
    g[7] += [0.0, 0.0, 0.5]
    yield "cubic-lattice", pdist(g)
    # 4. Random points in 10 dimensions, distances rounded to float32 (as GIIP distances are).
    x = rng.normal(size=(60, 10))
    yield "random-float32", pdist(x).astype(np.float32).astype(float)
    # 5. Integer distances 1..3 on 45 points: ties at every level, including the top.
    n = 45
    m = rng.integers(1, 4, size=(n, n)).astype(float)
    yield "integer-ties-large", np.triu(m, 1)[np.triu_indices(n, 1)]


def fmt(v):
    return repr(float(v))


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, y in cases():
        n = int(round((1 + np.sqrt(1 + 8 * len(y))) / 2))
        z = linkage(y, method="complete")
        lines = ["# made by make_cluster_golden.py with scipy " + scipy.__version__
                 + ", numpy " + np.__version__,
                 "case " + name, "n " + str(n), "condensed " + " ".join(fmt(v) for v in y)]
        for row in z:
            lines.append("linkage %d %d %s %d" % (int(row[0]), int(row[1]), fmt(row[2]),
                                                  int(row[3])))
        heights = sorted(set(z[:, 2]))
        cuts = {0.0, heights[0], heights[len(heights) // 2], heights[-1],
                (heights[0] + heights[-1]) / 2, heights[-1] + 1}
        if len(heights) > 2:
            cuts.add(heights[1])
        for t in sorted(cuts):
            labels = fcluster(z, t, criterion="distance")
            lines.append("distance " + fmt(t) + " " + " ".join(str(v) for v in labels))
        for k in sorted({1, 2, 3, 4, 5, 7, 10, 20, n - 1, n, n + 3}):
            labels = fcluster(z, k, criterion="maxclust")
            lines.append("maxclust " + str(k) + " " + " ".join(str(v) for v in labels))
        path = os.path.join(OUT, name + ".txt")
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")
        print("wrote", os.path.relpath(path), file=sys.stderr)


if __name__ == "__main__":
    main()
