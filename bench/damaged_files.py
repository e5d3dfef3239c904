"""Damaged result files against `havens info` (issue class F6): writes a small
run file, a small sweep file and a small calibration file with the havens
binary, then damages copies of them, one damage per copy: a byte XORed with a
random nonzero value at a random offset, or a 512-byte sector (aligned, as a
disk loses them) set to zeros. Each copy is read by `havens info` with a time
limit; every answer must be exit 0 (harmless damage) or exit 2 with one line
on stderr naming the file. Prints the counts as Markdown for bench/RESULTS.md;
exit status 1 on any crash, hang or other answer.

    /usr/bin/python3 bench/damaged_files.py [--mutations 10000] [--sectors 1000]
        [--workers 2] [--seed 1] [--binary build/release/sim/havens]

tests/python/test_damaged_files.py runs a sample of it."""
import argparse
import collections
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1]
TINY = ["--replicates", "1", "--set", "months=12", "--set", "world.exiles=1000", "--quiet"]
KINDS = ["run", "sweep", "calibration"]

CALIBRATION = """scenario = "{scenario}"
set = ["treaty.observed_deposits=false", "world.exiles=0", "requests.legitimate_rate=0",
       "months=60"]
[sampler]
particles = 20
max_generations = 1
moves = 1
seed = 3
[parameters."ratification.base_hazard"]
prior = "log_uniform"
low = 0.001
high = 0.02
[targets.fortieth]
statistic = "month_of_parties"
count = 40
observed = 30.6
sd = 6
source = "UNTOC"
"""


def make_files(binary, folder):
    """The three small result files, written by `binary` into `folder`."""
    folder = Path(folder)
    files = {kind: folder / f"{kind}.h5" for kind in KINDS}
    scenarios = SOURCE / "scenarios"
    config = folder / "calibration.toml"
    config.write_text(CALIBRATION.format(scenario=scenarios / "baseline.toml"))
    for args in (["run", scenarios / "baseline.toml", *TINY, "-o", files["run"]],
                 ["run", scenarios / "thresholds.toml", *TINY, "-o", files["sweep"]],
                 ["calibrate", config, "--quiet", "-o", files["calibration"]]):
        done = subprocess.run([str(binary), *map(str, args)], capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"havens {args[0]}: {done.stderr.strip()}")
    return files


def plan(files, mutations, sectors, seed):
    """The damages, spread evenly over the files: (kind, damage, offset, xor)."""
    rng = random.Random(seed)
    sizes = {kind: os.path.getsize(path) for kind, path in files.items()}
    jobs = []
    for i in range(mutations):
        kind = KINDS[i % len(KINDS)]
        jobs.append((kind, "byte", rng.randrange(sizes[kind]), rng.randrange(1, 256)))
    for i in range(sectors):
        kind = KINDS[i % len(KINDS)]
        jobs.append((kind, "sector", 512 * rng.randrange((sizes[kind] + 511) // 512), 0))
    return jobs


def damage_one(args):
    """Damages a copy of the file and reads it: (kind, damage, offset, verdict, rc, seconds)."""
    binary, original, scratch, timeout, index, (kind, damage, offset, xor) = args
    data = bytearray(Path(original).read_bytes())
    if damage == "byte":
        data[offset] ^= xor
    else:
        end = min(offset + 512, len(data))
        data[offset:end] = bytes(end - offset)
    path = Path(scratch) / f"{index}-{kind}-{damage}-{offset}.h5"
    path.write_bytes(data)
    start = time.monotonic()
    try:
        done = subprocess.run([str(binary), "info", str(path)], capture_output=True, text=True,
                              errors="replace", timeout=timeout)
        rc, err = done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        rc, err = None, ""
    seconds = time.monotonic() - start
    path.unlink()
    if rc is None:
        verdict = "hang"
    elif rc < 0:
        verdict = "crash"
    elif rc == 0:
        verdict = "ok"
    elif rc == 2 and err.count("\n") == 1 and err.startswith(f"havens: error: {path}: "):
        verdict = "refused"
    else:
        verdict = "wrong"  # another exit code, or not one line naming the file
    return kind, damage, offset, verdict, rc, seconds


def run(binary, files, mutations, sectors, seed=1, workers=2, timeout=10.0):
    """Every damage's outcome (see damage_one)."""
    with tempfile.TemporaryDirectory(prefix="havens-damaged-") as scratch:
        jobs = [(binary, files[job[0]], scratch, timeout, i, job)
                for i, job in enumerate(plan(files, mutations, sectors, seed))]
        # Threads suffice: each waits on its own havens process.
        with ThreadPoolExecutor(max_workers=workers) as pool:
            return list(pool.map(damage_one, jobs))


def summary(outcomes, files):
    """The counts as a Markdown table, then the slowest answer and any failures."""
    table = collections.Counter((o[0], o[1], o[3], o[4]) for o in outcomes)
    lines = ["| file | size (bytes) | damage | answer | exit code | count |",
             "|---|---|---|---|---|---|"]
    for (kind, damage, verdict, rc), n in sorted(table.items(), key=str):
        lines.append(f"| {kind} | {os.path.getsize(files[kind])} | {damage} | {verdict} | "
                     f"{rc} | {n} |")
    slowest = max(outcomes, key=lambda o: o[5])
    lines.append("")
    lines.append(f"slowest answer: {slowest[5]:.2f} s ({slowest[0]}, {slowest[1]} at "
                 f"{slowest[2]}); mean {sum(o[5] for o in outcomes) / len(outcomes):.3f} s")
    bad = [o for o in outcomes if o[3] not in ("ok", "refused")]
    lines.append(f"crashes, hangs and other answers: {len(bad)}")
    lines += [f"  {o}" for o in bad[:20]]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary", default=str(SOURCE / "build" / "release" / "sim" / "havens"))
    parser.add_argument("--mutations", type=int, default=10000)
    parser.add_argument("--sectors", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--timeout", type=float, default=10.0)
    args = parser.parse_args()
    start = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="havens-originals-") as folder:
        files = make_files(args.binary, folder)
        outcomes = run(args.binary, files, args.mutations, args.sectors, args.seed,
                       args.workers, args.timeout)
        print(f"{time.strftime('%Y-%m-%d')}, {platform.node()}, {os.cpu_count()} cores; "
              f"{args.mutations} byte mutations and {args.sectors} zeroed sectors, seed "
              f"{args.seed}, {args.workers} workers, {time.monotonic() - start:.0f} s in all\n")
        print(summary(outcomes, files))
    return 0 if all(o[3] in ("ok", "refused") for o in outcomes) else 1


if __name__ == "__main__":
    sys.exit(main())
