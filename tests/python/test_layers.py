"""The layering docs/ARCHITECTURE.md describes, as the includes show it: each
folder of sim/ includes only its own headers and those of the layers below."""
import re

from conftest import SOURCE

BELOW = {
    "core": {"core"},
    "model": {"core", "model"},
    "scenario": {"core", "model", "scenario"},
    "engine": {"core", "model", "engine"},
    "calibration": {"core", "model", "scenario", "engine", "calibration"},
    "io": {"core", "model", "scenario", "engine", "calibration", "io"},
    "jobs": {"core", "model", "scenario", "engine", "calibration", "io", "jobs"},
    "cli": {"core", "model", "scenario", "engine", "calibration", "io", "jobs", "cli"},
}
INCLUDE = re.compile(r'^#include "([a-z_]+)/', re.M)


def test_every_layer_includes_only_those_below_it():
    wrong = []
    for layer, allowed in BELOW.items():
        for path in (SOURCE / "sim" / layer).rglob("*.[ch]pp"):
            for used in INCLUDE.findall(path.read_text(encoding="utf-8")):
                if used not in allowed:
                    wrong.append(f"{path.relative_to(SOURCE)} includes {used}/")
    assert not wrong, "\n".join(wrong)


def test_every_folder_of_sim_is_a_known_layer():
    folders = {p.name for p in (SOURCE / "sim").iterdir() if p.is_dir()}
    assert folders == set(BELOW)
