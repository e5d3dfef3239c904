#!/usr/bin/python3
"""The exile risk against the share of exiles' data on their origin's own
platforms (`exiles.national_platform_use`, docs/ODD.md 7.6), with and without
the convention.

For each value, runs the baseline and the no-treaty scenario in one file
(`havens run ... --set exiles.national_platform_use=X`), so that replicate r of
the two shares its random numbers, and prints one Markdown table: the exile
risk at the last month and its data and bodily parts (mean over replicates)
in each scenario, and the convention's effect, baseline minus no treaty,
paired by replicate (mean and 95% Student t interval). Every value runs with
the same seed, so replicate r also shares its random numbers across values.

Usage:
    /usr/bin/python3 scripts/platform_use_sweep.py [--havens build/release/sim/havens]
        [--values 0 0.25 0.5 0.75 1] [--replicates 16] [--outdir /tmp/platform_use]
        [--reuse]
"""
import argparse
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from scenario_differences import (RISK_PARTS, Result, markdown_table,  # noqa: E402
                                  risk_difference_rows, risk_parts, scenario_names)

SCENARIOS = ("scenarios/baseline.toml", "scenarios/no-treaty.toml")
BASELINE, NO_TREATY = "baseline", "no_treaty"


def run(havens, value, replicates, path):
    subprocess.run([havens, "run", *SCENARIOS, "--replicates", str(replicates), "--quiet",
                    "--set", f"exiles.national_platform_use={value}", "-o", path],
                   check=True, stdout=subprocess.DEVNULL)


def row(path, value):
    f = Result(path)
    names = scenario_names(f)
    if BASELINE not in names or NO_TREATY not in names:
        sys.exit(f"{path}: needs scenarios {BASELINE} and {NO_TREATY} (has {', '.join(names)})")
    base, none = risk_parts(f, BASELINE), risk_parts(f, NO_TREATY)
    # the convention's effect: baseline minus no treaty (no_treaty is the reference here)
    effect, n = risk_difference_rows(f, NO_TREATY, BASELINE)
    cells = [f"{value:g}"]
    cells += [f"{base[p].mean():.3f}" for p in RISK_PARTS]
    cells += [f"{none[p].mean():.3f}" for p in RISK_PARTS]
    cells += [f"{d:+.4f} [{lo:+.4f}, {hi:+.4f}]" for _, _, _, d, lo, hi in effect]
    return cells, n


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--havens", default="build/release/sim/havens", help="the engine")
    parser.add_argument("--values", nargs="+", type=float, default=[0, 0.25, 0.5, 0.75, 1])
    parser.add_argument("--replicates", type=int, default=16)
    parser.add_argument("--outdir", default="/tmp/platform_use", help="where the result files go")
    parser.add_argument("--reuse", action="store_true",
                        help="read a value's result file if it exists instead of running it")
    args = parser.parse_args(argv)
    os.makedirs(args.outdir, exist_ok=True)
    rows, counts = [], set()
    for value in args.values:
        path = os.path.join(args.outdir, f"platform_use_{value:g}.h5")
        if not (args.reuse and os.path.exists(path)):
            run(args.havens, value, args.replicates, path)
        cells, n = row(path, value)
        rows.append(cells)
        counts.add(n)
    header = ["national_platform_use"]
    header += [f"baseline, {p}" for p in RISK_PARTS]
    header += [f"no_treaty, {p}" for p in RISK_PARTS]
    header += [f"baseline minus no_treaty, {p}" for p in RISK_PARTS]
    print(f"### Exile risk at the last month against exiles.national_platform_use "
          f"(means; paired differences with 95% intervals; {', '.join(map(str, sorted(counts)))} "
          f"replicates)\n")
    print(markdown_table(header, rows))
    print()


if __name__ == "__main__":
    main()
