"""Writes the bad-input corpus for the sample readers (arrow-io/src/test/resources/bad-input).

Each file is a small LAMMPS dump (.dump), extended XYZ file (.xyz), LAMMPS data file (.data)
or POSCAR with one defect (a third column of the listing gives reader options); the
message each must raise is listed by hand in expected-messages.tsv beside them, and
BadInputCorpusTest checks every one. Run from this folder: python3 make_bad_input.py
"""
import gzip
import os

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "resources", "bad-input")

HEAD = "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n{n}\nITEM: BOX BOUNDS pp pp pp\n{box}"
BOX = "0 10\n0 10\n0 10\n"
GOOD_ATOMS = "ITEM: ATOMS id type x y z\n1 1 1.0 1.0 1.0\n2 2 2.0 2.0 2.0\n3 1 3.0 3.0 3.0\n"


def dump(n=3, box=BOX, atoms=GOOD_ATOMS):
    return HEAD.format(n=n, box=box) + atoms


FILES = {
    "empty.dump": "",
    "truncated-atoms.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 2 2 2 2\n"),
    "truncated-header.dump": "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n3\n",
    "too-many-atoms.dump": dump(n=2),
    "count-too-large.dump": dump(n=4) + HEAD.format(n=3, box=BOX) + GOOD_ATOMS,
    "missing-timestep.dump": "ITEM: NUMBER OF ATOMS\n3\n",
    "misordered-items.dump": "ITEM: TIMESTEP\n0\nITEM: BOX BOUNDS pp pp pp\n0 10\n0 10\n0 10\n",
    "non-numeric-coordinate.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n"
                                        "2 2 abc 2 2\n3 1 3 3 3\n"),
    "nan-coordinate.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 nan 1\n2 2 2 2 2\n"
                                "3 1 3 3 3\n"),
    "inf-box.dump": dump(box="0 inf\n0 10\n0 10\n"),
    "duplicate-id.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 2 2 2 2\n"
                              "1 1 3 3 3\n"),
    "inverted-box.dump": dump(box="0 10\n10 0\n0 10\n"),
    "unknown-coordinates.dump": dump(atoms="ITEM: ATOMS id type a b c\n1 1 1 1 1\n"
                                     "2 2 2 2 2\n3 1 3 3 3\n"),
    "no-id-column.dump": dump(atoms="ITEM: ATOMS type x y z\n1 1 1 1\n2 2 2 2\n1 3 3 3\n"),
    "zero-type.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 0 2 2 2\n"
                           "3 1 3 3 3\n"),
    "bad-timestep.dump": "ITEM: TIMESTEP\nten\n",
    "bad-boundary-flag.dump": "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n3\n"
                              "ITEM: BOX BOUNDS pp px pp\n0 10\n0 10\n0 10\n",
    "short-atom-line.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 2 2 2\n"
                                 "3 1 3 3 3\n"),
    "negative-count.dump": HEAD.format(n=-3, box=BOX),
    "empty.xyz": "",
    "bad-count.xyz": "three\nLattice=\"10 0 0 0 10 0 0 0 10\"\n",
    "truncated.xyz": "3\nLattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3\n"
                     "Ni 0 0 0\nNb 1 1 1\n",
    "bad-lattice.xyz": "1\nLattice=\"10 0 0 0 10 0 0 0\" Properties=species:S:1:pos:R:3\n"
                       "Ni 0 0 0\n",
    "degenerate-lattice.xyz": "1\nLattice=\"10 0 0 20 0 0 0 0 10\" "
                              "Properties=species:S:1:pos:R:3\nNi 0 0 0\n",
    "no-pos.xyz": "1\nProperties=species:S:1:position:R:3\nNi 0 0 0\n",
    "nan-position.xyz": "2\nProperties=species:S:1:pos:R:3\nNi 0 0 0\nNb 1 NaN 1\n",
    "duplicate-id.xyz": "2\nProperties=species:S:1:pos:R:3:id:I:1\nNi 0 0 0 7\nNb 1 1 1 7\n",
    "unterminated-quote.xyz": "1\nLattice=\"10 0 0 0 10 0 0 0 10 Properties=species:S:1:pos:R:3\n"
                              "Ni 0 0 0\n",
    "bad-pbc.xyz": "1\nLattice=\"10 0 0 0 10 0 0 0 10\" pbc=\"T X T\"\nNi 0 0 0\n",
    "wide-atom-line.xyz": "1\nProperties=species:S:1:pos:R:3\nNi 0 0 0 5\n",
    "bad-property-type.xyz": "1\nProperties=species:S:1:pos:Q:3\nNi 0 0 0\n",
}

# Added for issue 17 (checks on well-formed but impossible data) and issue 14 (new readers).
XYZ_HEAD = "Lattice=\"10 0 0 0 10 0 0 0 10\" Properties=species:S:1:pos:R:3"
DATA_HEAD = ("data file for the corpus\n\n{n} atoms\n{k} atom types\n\n0 10 xlo xhi\n0 10 ylo yhi\n"
             "0 10 zlo zhi\n\n")
DATA_ATOMS = "Atoms # atomic\n\n1 1 1 1 1\n2 2 2 2 2\n3 1 3 3 3\n"


def data(n=3, k=2, body=DATA_ATOMS):
    return DATA_HEAD.format(n=n, k=k) + body


POSCAR = "corpus cell\n{scale}\n10 0 0\n0 10 0\n0 0 10\n{species}{counts}\n{mode}\n{atoms}"
POSCAR_ATOMS = "0.1 0.1 0.1\n0.2 0.2 0.2\n0.3 0.3 0.3\n"


def poscar(scale="1.0", species="Ni Nb\n", counts="2 1", mode="Direct", atoms=POSCAR_ATOMS):
    return POSCAR.format(scale=scale, species=species, counts=counts, mode=mode, atoms=atoms)


FILES.update({
    "huge-type.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 2147483647 2 2 2\n"
                           "3 1 3 3 3\n"),
    "type-beyond-int.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n"
                                 "2 2147483648 2 2 2\n3 1 3 3 3\n"),
    "coincident-atoms.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 1\n2 2 2 2 2\n"
                                  "3 1 1 1 1\n"),
    "coincident-image.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 0 1 1\n2 2 2 2 2\n"
                                  "3 1 10 1 1\n"),
    "one-point.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 5 5 5\n2 2 5 5 5\n"
                           "3 1 5 5 5\n"),
    "empty-sample.dump": dump(n=0, atoms="ITEM: ATOMS id type x y z\n"),
    "not-2d.dump": dump(atoms="ITEM: ATOMS id type x y z\n1 1 1 1 0\n2 2 2 2 0\n3 1 3 3 0.5\n"),
    "renamed-type.dump": dump(atoms="ITEM: ATOMS id type element x y z\n1 1 Ni 1 1 1\n"
                              "2 2 Nb 2 2 2\n3 1 Nb 3 3 3\n"),
    "unknown-element.dump": dump(atoms="ITEM: ATOMS id type element x y z\n1 1 Ni 1 1 1\n"
                                 "2 2 Cu 2 2 2\n3 1 Ni 3 3 3\n"),
    "unnamed-types.dump": dump(),
    "frame-out-of-range.dump": dump(),
    "column-twice.dump": dump(atoms="ITEM: ATOMS id type x y z x\n1 1 1 1 1 1\n"),
    "general-triclinic.dump": "ITEM: TIMESTEP\n0\nITEM: NUMBER OF ATOMS\n3\n"
                              "ITEM: BOX BOUNDS abc origin pp pp pp\n",
    "two-lattice.xyz": "1\nLattice=\"10 0 0 0 10 0 0 0 10\" Lattice=\"5 0 0 0 5 0 0 0 5\"\n"
                       "Ni 0 0 0\n",
    "duplicate-key.xyz": "1\n" + XYZ_HEAD + " pbc=\"T T T\" PBC=\"T T F\"\nNi 0 0 0\n",
    "huge-type.xyz": "2\n" + XYZ_HEAD + ":type:I:1\nNi 0 0 0 1\nNb 1 1 1 2147483647\n",
    "coincident-atoms.xyz": "3\n" + XYZ_HEAD + "\nNi 1 1 1\nNb 2 2 2\nNi 2 2 2\n",
    "one-point.xyz": "2\nProperties=species:S:1:pos:R:3\nNi 4 4 4\nNb 4 4 4\n",
    "empty-sample.xyz": "0\n" + XYZ_HEAD + "\n",
    "not-2d.xyz": "2\n" + XYZ_HEAD + "\nNi 1 1 0\nNb 2 2 3\n",
    "unknown-element.xyz": "2\n" + XYZ_HEAD + "\nNi 1 1 1\nCu 2 2 2\n",
    "renamed-type.xyz": "2\n" + XYZ_HEAD + ":type:I:1\nNi 1 1 1 1\nNb 2 2 2 1\n",
    "no-atoms-section.data": data(body="Masses\n\n1 58.69\n2 92.91\n"),
    "no-atoms-header.data": "data file\n\n2 atom types\n0 10 xlo xhi\n0 10 ylo yhi\n"
                            "0 10 zlo zhi\n\n" + DATA_ATOMS,
    "ambiguous-style.data": data(body="Atoms\n\n1 1 1 1 1 1\n2 2 2 2 2 2\n3 1 3 3 3 3\n"),
    "unknown-style.data": data(body="Atoms # sphere\n\n1 1 1 1 1 1 1\n"),
    "type-beyond-header.data": data(body="Atoms # atomic\n\n1 1 1 1 1\n2 3 2 2 2\n3 1 3 3 3\n"),
    "huge-type-count.data": data(k=2147483647),
    "truncated-atoms.data": data(body="Atoms # atomic\n\n1 1 1 1 1\n2 2 2 2 2\n"),
    "too-many-atoms.data": data(n=2),
    "duplicate-section.data": data(body=DATA_ATOMS + "\n" + DATA_ATOMS),
    "duplicate-header.data": "data file\n\n3 atoms\n3 atoms\n",
    "coincident-atoms.data": data(body="Atoms # atomic\n\n1 1 1 1 1\n2 2 2 2 2\n3 1 2 2 2\n"),
    "bad-header-line.data": "data file\n\n3 atoms\n2 atom types\n0 10 xlo\n",
    "inverted-box.data": "data file\n\n3 atoms\n2 atom types\n0 10 xlo xhi\n10 0 ylo yhi\n"
                         "0 10 zlo zhi\n\n" + DATA_ATOMS,
    "bad-mass.data": data(body="Masses\n\n1 -1\n2 92.91\n\n" + DATA_ATOMS),
    "POSCAR-zero-scale": poscar(scale="0"),
    "POSCAR-counts-mismatch": poscar(counts="2 1 1"),
    "POSCAR-truncated": poscar(atoms="0.1 0.1 0.1\n0.2 0.2 0.2\n"),
    "POSCAR-left-handed": "corpus cell\n1.0\n0 10 0\n10 0 0\n0 0 10\nNi\n1\nDirect\n0 0 0\n",
    "POSCAR-bad-mode": poscar(mode="Xirect"),
    "POSCAR-bad-flag": poscar(mode="Selective dynamics\nDirect",
                              atoms="0.1 0.1 0.1 T T T\n0.2 0.2 0.2 T X T\n0.3 0.3 0.3 F F F\n"),
    "POSCAR-coincident": poscar(atoms="0.1 0.1 0.1\n0.2 0.2 0.2\n0.1 0.1 0.1\n"),
    "POSCAR-empty-sample": poscar(counts="0 0", atoms=""),
    "POSCAR-negative-count": poscar(counts="2 -1"),
    "POSCAR-nan-position": poscar(atoms="0.1 0.1 0.1\n0.2 nan 0.2\n0.3 0.3 0.3\n"),
})


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, text in FILES.items():
        with open(os.path.join(OUT, name), "w") as f:
            f.write(text)
    # A gzipped dump cut off in the middle of its compressed stream.
    data = gzip.compress((dump() * 50).encode())
    with open(os.path.join(OUT, "truncated-gzip.dump.gz"), "wb") as f:
        f.write(data[: len(data) // 2])


if __name__ == "__main__":
    main()
