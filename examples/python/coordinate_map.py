"""Join a GIIP-Beam study's results to its annotated snapshot and draw a coordinate map.

    python3 coordinate_map.py giip-out/demo lj2d [out.png]

Loads results.arrow with pyarrow (its schema metadata holds the study's parameters); without
pyarrow it reads results.csv with pandas and the same parameters from the CSV's sidecar
results.csv-metadata.json. Then it reads annotated/SAMPLE.xyz with ASE, joins the two on the
atom id (the table's centre_id), and draws the sample's atoms at their positions coloured by
the first diffusion coordinate, atoms that were not analysed in grey; beside it the LAEs in the
phi_1 x phi_2 plane coloured by class. Prints one summary line.
"""
import json
import os
import sys

import ase.io
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def load_results(study):
    """The results table and its metadata, and which route read them."""
    try:
        import pyarrow.ipc

        with pyarrow.ipc.open_file(os.path.join(study, "results.arrow")) as f:
            table = f.read_all()
        meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
        return table.to_pandas(), meta, "pyarrow"
    except ImportError:
        # round_trip: pandas' default float parser can be off in the last digit.
        df = pd.read_csv(os.path.join(study, "results.csv"), float_precision="round_trip")
        with open(os.path.join(study, "results.csv-metadata.json")) as f:
            meta = json.load(f)["giip:metadata"]
        return df, meta, "pandas-csv"


def main(study, sample, out):
    results, meta, route = load_results(study)
    results = results[results["sample"] == sample]
    atoms = ase.io.read(os.path.join(study, "annotated", sample + ".xyz"), format="extxyz")
    per_atom = pd.DataFrame({"centre_id": atoms.arrays["id"],
                             "x": atoms.positions[:, 0], "y": atoms.positions[:, 1],
                             "phi_1_atoms": atoms.arrays["phi_1"]})
    joined = per_atom.merge(results, on="centre_id", how="left", validate="one_to_one")
    analysed = joined["class"].notna()
    # The snapshot and the table agree wherever the atom was analysed.
    mismatch = int((joined.loc[analysed, "phi_1_atoms"] != joined.loc[analysed, "phi_1"]).sum())

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4.2), constrained_layout=True)
    left.scatter(joined.loc[~analysed, "x"], joined.loc[~analysed, "y"], s=4, c="#bbbbbb")
    m = left.scatter(joined.loc[analysed, "x"], joined.loc[analysed, "y"], s=4,
                     c=joined.loc[analysed, "phi_1"], cmap="viridis")
    fig.colorbar(m, ax=left, label="φ₁")
    left.set_aspect("equal")
    left.set_title(f"{sample}: atoms coloured by φ₁")
    right.scatter(results["phi_1"], results["phi_2"], s=4, c=results["class"], cmap="tab20")
    right.set_xlabel("φ₁")
    right.set_ylabel("φ₂")
    right.set_title(f"LAEs by class (σ = {meta.get('param.giip.sigma', '?')})")
    fig.savefig(out, dpi=120)
    print(f"route={route} atoms={len(joined)} analysed={int(analysed.sum())} "
          f"mismatches={mismatch} sigma={meta.get('param.giip.sigma')} wrote={out}")
    return 0 if mismatch == 0 else 1


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2],
                  sys.argv[3] if len(sys.argv) > 3 else "coordinate_map.png"))
