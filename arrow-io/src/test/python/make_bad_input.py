"""Writes the bad-input corpus for the sample readers (arrow-io/src/test/resources/bad-input).

Each file is a small LAMMPS dump (.dump) or extended XYZ file (.xyz) with one defect; the
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
