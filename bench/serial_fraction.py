"""The serial fraction of a job from the phases its result file records
(root attribute phase_times), and the parallel efficiency it allows at N
threads. Loading and the writing left after the runs are serial (their wall
time counts); the runs are parallel (their CPU time counts); the writer
works on its own thread alongside the runs, so at N threads a job takes at
least
    loading + max(runs' CPU / N, writing) + writing after the runs,
and by Amdahl's law, with s the serial share of one thread's work,
    speed-up <= 1 / (s + (1 - s) / N).
Both bounds are printed; the efficiency is the speed-up over N.

Usage: /usr/bin/python3 bench/serial_fraction.py RESULT.h5 [N ...]   (default N: 16)"""
import json
import sys

import h5py


def phases_of(path):
    with h5py.File(path, "r") as f:
        times = json.loads(f.attrs["phase_times"])
    return times["threads"], {p["phase"]: p for p in times["phases"]}


def bounds(phases, threads):
    loading = phases["loading"]["wall_seconds"]
    runs = phases["runs"]["cpu_seconds"]
    writing = phases.get("writing", {"cpu_seconds": 0.0, "wall_seconds": 0.0})
    after = phases["writing after the runs"]["wall_seconds"]
    one_thread = loading + runs + writing["cpu_seconds"] + after
    serial = (loading + after) / one_thread
    amdahl = 1.0 / (serial + (1.0 - serial) / threads)
    critical = loading + max(runs / threads, writing["wall_seconds"]) + after
    return serial, amdahl / threads, one_thread / critical / threads


def main(argv):
    path, counts = argv[1], [int(n) for n in argv[2:]] or [16]
    threads, phases = phases_of(path)
    print(f"{path}: run on {threads} threads; " + "; ".join(
        f"{name} {p['wall_seconds']:.2f} s (CPU {p['cpu_seconds']:.2f} s)"
        for name, p in phases.items()))
    for n in counts:
        serial, amdahl, critical = bounds(phases, n)
        print(f"  serial fraction {serial:.4f}: efficiency at {n} threads at most "
              f"{amdahl:.1%} (Amdahl), {critical:.1%} (with the writer's own time)")


if __name__ == "__main__":
    main(sys.argv)
