"""Reads a study's annotated snapshots with ASE and checks them against results.csv.

Usage: check_annotated_ase.py STUDY_DIR SAMPLE [PBC]   (PBC like FFT: the input's periodicity)
Exits 1 with a message on the first disagreement; prints a summary line when all agree.
"""
import csv
import math
import sys

import ase.io

study, sample = sys.argv[1], sys.argv[2]
pbc = [c == "T" for c in sys.argv[3]] if len(sys.argv) > 3 else None

rows = {}
with open(f"{study}/results.csv", newline="") as f:
    reader = csv.DictReader(f)
    phis = [c for c in reader.fieldnames if c.startswith("phi_")]
    for r in reader:
        if r["sample"] == sample:
            rows[int(r["centre_id"])] = r


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def check(atoms, ids, prefix, what):
    if pbc is not None and list(atoms.pbc) != pbc:
        fail(f"{what}: pbc {list(atoms.pbc)}, input {pbc}")
    for name in ["lae", "class"] + phis:
        if prefix + name not in atoms.arrays:
            fail(f"{what}: no per-atom array {prefix + name}; arrays: {sorted(atoms.arrays)}")
    lae = atoms.arrays[prefix + "lae"]
    cls = atoms.arrays[prefix + "class"]
    masked = 0
    for i, atom_id in enumerate(ids):
        r = rows.get(int(atom_id))
        if r is None:
            masked += 1
            if lae[i] != 0 or cls[i] != -1:
                fail(f"{what}: atom {atom_id} was not analysed but has lae {lae[i]} class {cls[i]}")
            for p in phis:
                if not math.isnan(atoms.arrays[prefix + p][i]):
                    fail(f"{what}: atom {atom_id} was not analysed but has {p} "
                         f"{atoms.arrays[prefix + p][i]}")
            continue
        if lae[i] != 1 or cls[i] != int(r["class"]):
            fail(f"{what}: atom {atom_id}: lae {lae[i]} class {cls[i]}, results.csv {r['class']}")
        for p in phis:
            if atoms.arrays[prefix + p][i] != float(r[p]):
                fail(f"{what}: atom {atom_id}: {p} {atoms.arrays[prefix + p][i]}, "
                     f"results.csv {r[p]}")
    return masked


xyz = ase.io.read(f"{study}/annotated/{sample}.xyz", format="extxyz")
ids = xyz.arrays["id"]
masked = check(xyz, ids, "", "extxyz")
dump = ase.io.read(f"{study}/annotated/{sample}.dump", format="lammps-dump-text")
# ASE orders a dump's atoms by id and keeps no id array.
masked_dump = check(dump, sorted(ids), "v_", "lammps-dump-text")
if len(xyz) != len(dump) or abs(xyz.cell[2][2] - dump.cell[2][2]) > 1e-12:
    fail(f"xyz and dump differ: {len(xyz)} vs {len(dump)} atoms, cell {xyz.cell} vs {dump.cell}")
print(f"OK atoms={len(xyz)} laes={len(rows)} masked={masked} phis={len(phis)} "
      f"symbols={sorted(set(xyz.get_chemical_symbols()))} cellz={dump.cell[2][2]!r}")
