#!/usr/bin/python3
"""The numbers and the figure the documents publish, made from the code.

Every published number lives between two markers in a document:

    <!-- published: NAME -->
    ...text this script writes...
    <!-- end published -->

This script runs the commands that produce them (the shipped scenarios, over
the shipped posterior, with the binary given), renders each block and either
writes it into the documents (--write) or reports every block whose text
differs from what the code now produces (--check, exit 1). The README's
figure is drawn again and the table of numbers behind it is written beside
it (docs/figures/exile_risk.csv), which --check compares.

Blocks of the shipped calibration (docs/CALIBRATION.md) need its result file
(--calibration FILE, made by the command in scenarios/calibration.toml); without
it they are left as they are and reported as skipped.

    /usr/bin/python3 scripts/publish.py --write --calibration results/calibration.h5
    /usr/bin/python3 scripts/publish.py --check
"""
import argparse
import functools
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "analysis"))

import havens_analysis as ha  # noqa: E402
from havens_analysis import calibration as hc  # noqa: E402
from havens_analysis.quantiles import quantile  # noqa: E402

FOUR = ["baseline", "no-treaty", "strong-safeguards", "weakened"]
HEADLINE_REPLICATES = 32
MARKER = re.compile(r"(<!-- published: ([a-z0-9-]+) -->\n)(.*?)(<!-- end published -->)", re.S)
FIGURE_DATA = ROOT / "docs/figures/exile_risk.csv"
FIGURE = ROOT / "docs/figures/exile_risk.png"


def run(binary, *args):
    done = subprocess.run([str(binary), *args], cwd=ROOT, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"publish.py: havens {' '.join(args)} failed:\n{done.stderr}")
    return done.stdout


def pct(x, digits=1):
    return f"{100 * x:.{digits}f}%"


def signed(x, digits=4):
    return f"{x:+.{digits}f}"


# --- the runs ---------------------------------------------------------------

class Runs:
    """The result files the blocks read, made once in a temporary folder."""

    def __init__(self, binary, work):
        self.binary, self.work = binary, Path(work)
        scenarios = [f"scenarios/{name}.toml" for name in FOUR]
        self.four = self.work / "four.h5"
        run(binary, "run", *scenarios, "--replicates", str(HEADLINE_REPLICATES), "--quiet",
            "-o", str(self.four))
        self.events = self.work / "events.h5"
        run(binary, "run", "scenarios/baseline.toml", "--replicates", "16", "--quiet",
            "--set", "output.request_log=true", "-o", str(self.events))
        self.epsilon = self.work / "epsilon.h5"
        run(binary, "run", "scenarios/epsilon.toml", "--quiet", "-o", str(self.epsilon))
        # What bash scripts/run-baseline.sh prints (it runs from the checkout).
        self.baseline_summary = run(binary, "run", "scenarios/baseline.toml", "--quiet",
                                    "-o", str(self.work / "baseline.h5"))


def horizon(values):
    """The last month of a [replicate, month] array, one value per replicate."""
    return np.asarray(values)[:, -1]


@functools.cache
def risk_rows(path):
    """Per scenario of a result file: its title and the median and 90%
    interval at the horizon of the exile risk, its parts and the safe-haven
    share; read once per file, however many blocks quote it."""
    res = ha.open_results(path)
    rows = {}
    for name in res.scenario_names:
        ds = res.scenarios[name]
        row = {"title": ds.attrs.get("title") or name}
        for var in ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                    "share_exiles_in_safe_haven"):
            q = quantile(horizon(ds[var].values), [0.5, 0.05, 0.95])
            row[var] = q
        rows[name] = row
    return rows


@functools.cache
def contrasts(path, outcome="exile_risk"):
    return ha.posterior_contrasts(str(path), outcome)


def direction(r):
    """Which way an arm's median difference goes, and in what share of draws
    its risk is on that side of the baseline's (lower is better)."""
    if r["median"] < 0:
        return "lower", r["share_better"]
    return "higher", 1 - r["share_better"]


# --- the blocks --------------------------------------------------------------

def block_baseline_summary(runs):
    text = runs.baseline_summary
    text = re.sub(r"\(revision [^)]*\)", "(revision …)", text)
    text = re.sub(r"written \S+,", "written …,", text)
    text = text.replace(str(runs.work / "baseline.h5"), "results/baseline.h5")
    text = re.sub(r"command: \S+ run", "command: build/release/sim/havens run", text)
    text = re.sub(r" --quiet -o \S+", "", text)
    # The job's times differ from run to run and machine to machine.
    text = re.sub(r"(\n  time on )\d+ threads?:", r"\1N threads:", text)
    text = re.sub(r"(\n  time on N threads:.*)", lambda m: re.sub(r"\d+\.\d+", "…", m.group(1)),
                  text)
    return "```text\n" + text.rstrip("\n") + "\n```\n"


def epsilon_numbers(runs):
    """The safe-haven share against epsilon (medians over each point's
    replicates), and the exile risk's median over all of them."""
    res = ha.open_results(runs.epsilon)
    tables = ha.epsilon_response(res.sweeps[res.sweep_names[0]])
    share = tables["share_exiles_in_safe_haven"]
    risk = tables["exile_risk"]
    return (share["decision.safe_haven_epsilon"].to_numpy(), share["median"].to_numpy(),
            float(np.median(risk["median"].to_numpy())))


def block_epsilon_readme(runs):
    eps, share, _ = epsilon_numbers(runs)
    return (f"from {pct(share[0], 0)} to {pct(share[-1], 0)} of exiles as it goes from "
            f"{eps[0]:g} to {eps[-1]:g}, in\n")


def block_epsilon_analysis(runs):
    eps, share, risk = epsilon_numbers(runs)
    return (f"Measured (4 replicates of the baseline over the shipped posterior, 240 months):\n"
            f"the share goes from {pct(share[0], 0)} at epsilon = {eps[0]:g} to "
            f"{pct(share[-1], 0)} at {eps[-1]:g}; the exile risk is {pct(risk)} at every "
            f"epsilon.\n")


def block_scenarios_table(runs, text):
    """The shipped scenarios' table as written, with each sweep's number of
    points and of swept keys counted again (havens validate, the file)."""
    import tomllib

    def counted(m):
        name = m.group(1)
        row = m.group(0)
        spec = tomllib.loads((ROOT / f"scenarios/{name}.toml").read_text()).get("sweep")
        if spec is None:
            return row
        out = run(runs.binary, "validate", f"scenarios/{name}.toml")
        points = re.search(r"(\d+) points?,", out).group(1)
        row = re.sub(r"\d+ points", f"{points} points", row)
        keys = len(spec.get("ranges") or spec.get("values"))
        row = re.sub(r"over \d+ uncertain", f"over {keys} uncertain", row)
        return re.sub(r"\(N = \d+\)", f"(N = {spec.get('samples', 0)})", row)

    return re.sub(r"^\| `scenarios/([a-z-]+)\.toml` \|.*$", counted, text, flags=re.M)


def block_headline(runs):
    rows = risk_rows(runs.four)
    table = ["| scenario | exile risk | data part | bodily part | exiles in a safe haven |",
             "|---|---|---|---|---|"]
    for name, row in rows.items():
        cells = [f"{row[v][0]:.3f} [{row[v][1]:.3f}, {row[v][2]:.3f}]"
                 for v in ("exile_risk", "exile_risk_data", "exile_risk_bodily",
                           "share_exiles_in_safe_haven")]
        table.append(f"| {row['title']} | " + " | ".join(cells) + " |")
    return "\n".join(table) + "\n"


def block_contrasts(runs):
    lines = ["| scenario | outcome | difference from the baseline, median [90%] | "
             "better in |", "|---|---|---|---|"]
    rows = risk_rows(runs.four)
    for outcome, words in (("exile_risk", "exile risk"), ("exile_risk_data", "data part"),
                           ("exile_risk_bodily", "bodily part")):
        table = contrasts(runs.four, outcome)
        for arm, r in table.iterrows():
            lines.append(f"| {rows[arm]['title']} | {words} | {signed(r['median'])} "
                         f"[{signed(r['low'])}, {signed(r['high'])}] | "
                         f"{pct(r['share_better'], 0)} of {r['draws']} draws |")
    return "\n".join(lines) + "\n"


def block_in_short(runs):
    rows = risk_rows(runs.four)
    base = rows["baseline"]
    table = contrasts(runs.four)
    text = [f"- **The exile risk is {base['exile_risk'][0]:.3f} in the baseline** "
            f"(median over {HEADLINE_REPLICATES} draws of the posterior, 90% interval "
            f"{base['exile_risk'][1]:.3f}-{base['exile_risk'][2]:.3f}), "
            f"{base['exile_risk_data'][0]:.3f} of it data and "
            f"{base['exile_risk_bodily'][0]:.3f} bodily."]
    for arm, r in table.iterrows():
        text.append(f"- **{rows[arm]['title']}:** the risk is {direction(r)[0]} by "
                    f"{abs(r['median']):.4f} (median paired difference; 90% of draws between "
                    f"{signed(r['low'])} and {signed(r['high'])}); lower than the baseline's in "
                    f"{pct(r['share_better'], 0)}"
                    f" of draws.")
    return "\n".join(text) + "\n"


def block_record(runs):
    """The persecution stream against the record, the calibration's exile-side
    targets, per replicate (one posterior draw each) of the event-log run."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import targeting_record as tr
    table, _, status, _, run = tr.load(str(runs.events), "baseline")
    scale = tr.AT_RISK_POPULATION / run["exiles"] / (run["months"] / 12)
    pretexts = table[(table.pretextual == 1) & (table.kind == "extradition")]
    rows = []
    for _, one in pretexts.groupby("replicate"):
        arrested = one.arrested
        removed = one.outcome == "removed"
        deported = removed | (one.outcome == "granted")
        incidents = arrested | removed
        not_free = one.requested.map(status) != "Free"
        rows.append({"detentions": arrested.sum() * scale,
                     "deportations_per_detention": deported.sum() / max(arrested.sum(), 1),
                     "review_refusals": (one.reason == "channel_rules").sum() * scale,
                     "not_free": (incidents & not_free).sum() / max(incidents.sum(), 1)})
    frame = pd.DataFrame(rows)
    record = [("detentions a year (scaled to 3.5 million people)", "detentions", 286,
               "Freedom House 2014-2024: 503 documented, at a documentation rate of 0.16"),
              ("deportations per detention", "deportations_per_detention", 0.479,
               "Freedom House 2014-2024: 241 / 503"),
              ("Red Notices refused by INTERPOL's review a year", "review_refusals", 404,
               "INTERPOL, Articles 2 and 3: mean of 2021 and 2024"),
              ("share of incidents in hosts not Free", "not_free", 0.75,
               "Freedom House 2014-2021: about three quarters")]
    lines = ["| quantity | model, median [90%] over draws | record | source |",
             "|---|---|---|---|"]
    for words, column, observed, source in record:
        q = quantile(frame[column].to_numpy(), [0.5, 0.05, 0.95])
        fmt = "{:.0f}" if observed > 1 else "{:.2f}"
        lines.append(f"| {words} | {fmt.format(q[0])} [{fmt.format(q[1])}, "
                     f"{fmt.format(q[2])}] | {fmt.format(observed)} | {source} |")
    return "\n".join(lines) + "\n"


def block_posterior_runs(runs):
    rows = risk_rows(runs.four)
    table = contrasts(runs.four)
    lines = ["| scenario | exile risk | against the baseline |", "|---|---|---|"]
    for name, row in rows.items():
        q = row["exile_risk"]
        cell = f"{q[0]:.3f} [{q[1]:.3f}, {q[2]:.3f}]"
        against = ""
        if name in table.index:
            r = table.loc[name]
            word, share = direction(r)
            against = (f"{word} in {pct(share, 0)} of draws, {signed(r['median'], 3)} "
                       f"[{signed(r['low'], 3)}, {signed(r['high'], 3)}]")
        lines.append(f"| {row['title']} | {cell} | {against} |")
    return "\n".join(lines) + "\n"


def block_calibration_posterior(runs, cal):
    table = hc.posterior_table(cal)
    lines = ["| parameter | point default | posterior median [90%] | width |",
             "|---|---|---|---|"]
    # The scenario's own values, which a run over the posterior records as it
    # read them: the point defaults.
    defaults = ha.open_results(runs.four).scenarios["baseline"].attrs
    for key, r in table.iterrows():
        lines.append(f"| `{key}` | {float(defaults[key]):.4g} | {r['median']:.4g} "
                     f"[{r['low']:.4g}, {r['high']:.4g}] | {r['width_ratio']:.2f} |")
    return "\n".join(lines) + "\n"


def block_calibration_predictive(runs, cal):
    table = hc.predictive_table(cal)
    lines = ["| target | observed ± sd | simulated, median [90%] | fitted |",
             "|---|---|---|---|"]
    for name, r in table.iterrows():
        lines.append(f"| `{name}` | {r['observed']:.4g} ± {r['sd']:.3g} | {r['median']:.4g} "
                     f"[{r['low']:.4g}, {r['high']:.4g}] | {'yes' if r['fitted'] else 'check'} |")
    return "\n".join(lines) + "\n"


def block_calibration_sampler(runs, cal):
    gens = hc.generations_table(cal)
    last = gens.iloc[-1]
    particles = cal.sizes["particle"]
    return (f"The shipped calibration ran {len(gens) - 1} generations after the prior sample "
            f"and stopped by {cal.attrs['stopped']}; its last generation holds "
            f"{int(last['unique_particles'])} distinct particles of {particles} "
            f"({pct(last['unique_particles'] / particles, 0)}), after "
            f"{int(cal['moves'].values[-1])} Metropolis-Hastings steps at an acceptance rate of "
            f"{pct(last['acceptance_rates'], 0)}; it made {int(gens['simulations'].sum())} "
            f"model runs in all.\n")


BLOCKS = {
    "readme-baseline-summary": block_baseline_summary,
    "readme-epsilon": block_epsilon_readme,
    "analysis-epsilon": block_epsilon_analysis,
    "scenarios-table": block_scenarios_table,
    "results-in-short": block_in_short,
    "results-headline": block_headline,
    "results-contrasts": block_contrasts,
    "results-record": block_record,
    "calibration-posterior-runs": block_posterior_runs,
}
CALIBRATION_BLOCKS = {
    "calibration-posterior": block_calibration_posterior,
    "calibration-predictive": block_calibration_predictive,
    "calibration-sampler": block_calibration_sampler,
}
EDITED = {"scenarios-table"}
DOCUMENTS = ["README.md", "docs/RESULTS.md", "docs/ANALYSIS.md", "docs/SCENARIOS.md",
             "docs/CALIBRATION.md"]


def figure_data(runs):
    res = ha.open_results(runs.four)
    frames = []
    for name in res.scenario_names:
        ds = res.scenarios[name]
        values = ds["exile_risk"].values
        q = np.array([quantile(values[:, t], [0.5, 0.05, 0.95])
                      for t in range(values.shape[1])])
        frames.append(pd.DataFrame({"scenario": ds.attrs.get("title") or name,
                                    "month": np.arange(values.shape[1]),
                                    "median": q[:, 0], "low": q[:, 1], "high": q[:, 2]}))
    return pd.concat(frames).round(6).to_csv(index=False, float_format="%.6f")


def draw_figure(runs):
    import matplotlib
    matplotlib.use("Agg")
    res = ha.open_results(runs.four)
    fig = ha.plot_exile_risk(res.scenarios)
    fig.savefig(FIGURE, dpi=110, bbox_inches="tight", metadata={"Software": None})


def render(runs, cal, current):
    """Every block, from the runs (and the calibration); a block that keeps
    its words and recounts its numbers gets its current text too."""
    out = {}
    for name, make in BLOCKS.items():
        out[name] = make(runs, current.get(name, "")) if name in EDITED else make(runs)
    if cal is not None:
        out.update({name: make(runs, cal) for name, make in CALIBRATION_BLOCKS.items()})
    return out


def current_blocks():
    found = {}
    for doc in DOCUMENTS:
        for m in MARKER.finditer((ROOT / doc).read_text()):
            found[m.group(2)] = m.group(3)
    return found


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--write", action="store_true")
    mode.add_argument("--check", action="store_true")
    parser.add_argument("--binary", default=str(ROOT / "build/release/sim/havens"))
    parser.add_argument("--calibration", help="the shipped calibration's result file")
    args = parser.parse_args(argv)
    cal = hc.open_calibration(args.calibration) if args.calibration else None
    with tempfile.TemporaryDirectory() as work:
        runs = Runs(args.binary, work)
        blocks = render(runs, cal, current_blocks())
        data = figure_data(runs)
        if args.write:
            draw_figure(runs)
    problems, seen = [], set()
    for doc in DOCUMENTS:
        path = ROOT / doc
        text = path.read_text()

        def replace(m):
            name = m.group(2)
            seen.add(name)
            if name not in blocks:
                if name not in CALIBRATION_BLOCKS:
                    problems.append(f"{doc}: unknown block '{name}'")
                return m.group(0)
            if m.group(3) != blocks[name]:
                problems.append(f"{doc}: block '{name}' differs from what the code produces")
            return m.group(1) + blocks[name] + m.group(4)

        new = MARKER.sub(replace, text)
        if args.write and new != text:
            path.write_text(new)
    missing = set(blocks) - seen
    problems += [f"no document holds the block '{name}'" for name in sorted(missing)]
    if FIGURE_DATA.exists() and FIGURE_DATA.read_text() != data:
        problems.append(f"{FIGURE_DATA.relative_to(ROOT)}: the figure's numbers differ")
    if args.write:
        FIGURE_DATA.write_text(data)
        skipped = [] if cal is not None else sorted(CALIBRATION_BLOCKS)
        for name in skipped:
            print(f"publish.py: skipped {name} (give --calibration FILE)")
        return 0
    for p in problems:
        print(p)
    if cal is None:
        print("publish.py: the calibration's blocks were not checked (give --calibration FILE)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
