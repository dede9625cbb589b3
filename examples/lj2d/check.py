#!/usr/bin/env python3
"""Sanity checks for lj2d.dump (numpy only).

Counts neighbours within r_cut (default 1.75) of every atom using the
periodic minimum image in x and y (z ignored), and prints the histogram
of neighbour counts, atom count, box, energy range, minimum pair distance,
and a coarse location summary of the defective (count != 6) atoms.
Usage: python3 check.py [lj2d.dump] [r_cut]
"""
import sys
import numpy as np

fn = sys.argv[1] if len(sys.argv) > 1 else "lj2d.dump"
rcut = float(sys.argv[2]) if len(sys.argv) > 2 else 1.75

with open(fn) as f:
    lines = f.read().splitlines()
i = lines.index("ITEM: NUMBER OF ATOMS")
n = int(lines[i + 1])
j = next(k for k, l in enumerate(lines) if l.startswith("ITEM: BOX BOUNDS"))
box = np.array([[float(v) for v in lines[j + 1 + d].split()[:2]] for d in range(3)])
k = next(k for k, l in enumerate(lines) if l.startswith("ITEM: ATOMS"))
cols = lines[k].split()[2:]
data = np.array([[float(v) for v in l.split()] for l in lines[k + 1:k + 1 + n]])
assert data.shape == (n, len(cols)), data.shape
c = {name: data[:, m] for m, name in enumerate(cols)}
ids = c["id"].astype(int)
assert np.all(np.diff(ids) > 0), "ids not sorted"
L = box[:2, 1] - box[:2, 0]
xy = np.stack([c["x"], c["y"]], axis=1)

print(f"file {fn}: {n} atoms, columns {cols}")
print(f"box x [{box[0,0]:.6f}, {box[0,1]:.6f}]  Lx = {L[0]:.6f}")
print(f"box y [{box[1,0]:.6f}, {box[1,1]:.6f}]  Ly = {L[1]:.6f}")
print(f"box z [{box[2,0]:.6f}, {box[2,1]:.6f}]")
print(f"number density {n / (L[0] * L[1]):.5f}")
print(f"ids {ids.min()}..{ids.max()} (contiguous: {ids.min() == 1 and ids.max() == n})")
print(f"z column all zero: {bool(np.all(c['z'] == 0.0))}")
print(f"types: {sorted(int(t) for t in set(c['type']))}")
inside = np.all((xy >= box[:2, 0] - 1e-9) & (xy <= box[:2, 1] + 1e-9))
print(f"all atoms inside box: {bool(inside)}")
pe = c["c_pe"]
print(f"per-atom pe: min {pe.min():.6f}  max {pe.max():.6f}  mean {pe.mean():.6f}")

# all pairs, minimum image (n ~ 2500 -> 6M pairs, fine in chunks)
counts = np.zeros(n, dtype=int)
dmin = np.inf
for a in range(0, n, 500):
    d = xy[a:a + 500, None, :] - xy[None, :, :]
    d -= L * np.round(d / L)
    r = np.sqrt((d ** 2).sum(-1))
    for t in range(r.shape[0]):
        r[t, a + t] = np.inf
    dmin = min(dmin, r.min())
    counts[a:a + 500] = (r < rcut).sum(1)
print(f"minimum pair distance {dmin:.6f} (must be > 0.8: {dmin > 0.8})")
print(f"neighbour-count histogram (r < {rcut}):")
vals, freq = np.unique(counts, return_counts=True)
for v, fq in zip(vals, freq):
    print(f"  {v:2d}: {fq}")
bad = counts != 6
print(f"atoms with count != 6: {bad.sum()} ({100 * bad.mean():.1f}%)")

# coarse location of defects: bin defective atoms on a grid of ~5x5 sigma
nb = np.maximum((L // 5).astype(int), 1)
ij = np.floor((xy - box[:2, 0]) / L * nb).astype(int) % nb
g = np.zeros(nb, dtype=int)
np.add.at(g, (ij[bad, 0], ij[bad, 1]), 1)
print(f"defective atoms per {L[0]/nb[0]:.1f} x {L[1]/nb[1]:.1f} cell (rows: y top->bottom, cols: x):")
for row in g.T[::-1]:
    print("  " + " ".join(f"{v:2d}" if v else " ." for v in row))
for v in (5, 7):
    sel = counts == v
    if sel.any():
        print(f"  atoms with {v} neighbours at (x, y):",
              "; ".join(f"({p[0]:.1f}, {p[1]:.1f})" for p in xy[sel]))
