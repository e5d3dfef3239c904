#!/usr/bin/python3
"""Calibrates the ratification hazard's pace against the UNTOC analogue
(scenarios/data/treaty_analogue_untoc.csv: 40th instrument at 30.6 months,
100th party at 50.7). Grid search over ratification.base_hazard and
ratification.b_peer with the other coefficients at their defaults; prints the
best pairs. Usage: scripts/calibrate_ratification.py [HAVENS_BINARY]"""
import itertools
import subprocess
import sys
import tempfile

import h5py
import numpy as np

BINARY = sys.argv[1] if len(sys.argv) > 1 else "build/release/sim/havens"
TARGETS = {40: 30.6, 100: 50.7}
REPLICATES = 64


def median_months(path):
    with h5py.File(path, "r") as f:
        parties = f["scenarios/baseline/timeseries/parties"][()]
    out = {}
    for n in TARGETS:
        reached = np.where((parties >= n).any(axis=1), (parties >= n).argmax(axis=1), 10**6)
        out[n] = float(np.median(reached))
    return out


def main():
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for base, peer in itertools.product(np.geomspace(0.0006, 0.003, 12), np.linspace(3.0, 9.0, 13)):
            path = f"{tmp}/c.h5"
            subprocess.run([BINARY, "run", "scenarios/baseline.toml", "-o", path,
                            "--replicates", str(REPLICATES), "--set", "months=120",
                            "--set", f"ratification.base_hazard={base:.6f}",
                            "--set", f"ratification.b_peer={peer:.3f}"],
                           check=True, capture_output=True)
            m = median_months(path)
            loss = sum(((m[n] - t) / t) ** 2 for n, t in TARGETS.items())
            results.append((loss, base, peer, m[40], m[100]))
    results.sort()
    print("loss      base_hazard  b_peer  40th   100th")
    for loss, base, peer, m40, m100 in results[:8]:
        print(f"{loss:.5f}  {base:.6f}     {peer:.2f}    {m40:5.1f}  {m100:5.1f}")


if __name__ == "__main__":
    main()
