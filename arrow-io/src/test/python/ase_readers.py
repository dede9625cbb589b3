"""ASE's view of sample files, for AseReadersTest: run with /usr/bin/python3 (Debian's python3-ase).

  ase_readers.py read FILE FORMAT [STYLE]   prints ASE's reading of FILE
  ase_readers.py write DIR                  writes one crystal with ASE in each format ASE and
                                            GIIP-Beam share, then prints ASE's own atoms

Output: lines 'cell' + 9 numbers (rows are the cell vectors), then 'atom ID x y z' per atom.
"""
import sys

import ase.io
from ase import Atoms


def show(atoms):
    print("cell", " ".join(repr(float(v)) for v in atoms.cell.array.reshape(-1)))
    ids = atoms.arrays.get("id")
    for i, p in enumerate(atoms.positions):
        print("atom", int(ids[i]) if ids is not None else i + 1,
              " ".join(repr(float(v)) for v in p))


def main():
    if sys.argv[1] == "read":
        kw = {"format": sys.argv[3]}
        if len(sys.argv) > 4:
            kw["style"] = sys.argv[4]
        show(ase.io.read(sys.argv[2], **kw))
    else:
        out = sys.argv[2]
        a = Atoms("Ni2Nb", positions=[[0.5, 1, 0.25], [4.25, 5.5, 4], [7.125, 2.75, 6.5]],
                  cell=[[10, 0, 0], [2, 9, 0], [-1, -1.5, 8]], pbc=True)
        ase.io.write(out + "/ase-atomic.data", a, format="lammps-data", atom_style="atomic")
        ase.io.write(out + "/ase-charge.data", a, format="lammps-data", atom_style="charge")
        ase.io.write(out + "/ase-full.data", a, format="lammps-data", atom_style="full")
        ase.io.write(out + "/POSCAR-ase-direct", a, format="vasp", direct=True)
        ase.io.write(out + "/POSCAR-ase-cartesian", a, format="vasp", direct=False)
        show(a)


if __name__ == "__main__":
    main()
