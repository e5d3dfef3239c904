"""Running the engine from Python, for notebooks and tests that make their
own small result files. The binary is found through HAVENS_BINARY, else in
the checkout this package sits in (build/release/sim/havens), else on PATH
(an engine installed with `cmake --install`)."""
import os
import shutil
import subprocess
from pathlib import Path

from .errors import HavensRunError


def source_dir():
    """The havens checkout: HAVENS_SOURCE_DIR, else the one holding this package."""
    env = os.environ.get("HAVENS_SOURCE_DIR")
    return Path(env) if env else Path(__file__).resolve().parents[2]


def find_binary():
    env = os.environ.get("HAVENS_BINARY")
    if env:
        path = Path(env)
        if not path.exists():
            raise FileNotFoundError(f"{path}: no havens binary (HAVENS_BINARY names it)")
        return path
    built = source_dir() / "build" / "release" / "sim" / "havens"
    if built.exists():
        return built
    installed = shutil.which("havens")
    if installed:
        return Path(installed)
    raise FileNotFoundError(f"{built}: no havens binary, and none on PATH (build it with "
                            "scripts/build.sh, install it with cmake --install, or set "
                            "HAVENS_BINARY)")


def scenarios_dir():
    """The shipped scenarios: the checkout's scenarios/, else those installed
    beside the engine (PREFIX/share/havens/scenarios for PREFIX/bin/havens)."""
    checkout = source_dir() / "scenarios"
    if checkout.is_dir():
        return checkout
    try:
        installed = find_binary().resolve().parents[1] / "share" / "havens" / "scenarios"
    except FileNotFoundError:
        return checkout
    return installed if installed.is_dir() else checkout


def scenario_path(name):
    """A shipped scenario, e.g. scenario_path("baseline") -> scenarios/baseline.toml."""
    path = scenarios_dir() / (name if name.endswith(".toml") else f"{name}.toml")
    if not path.exists():
        raise FileNotFoundError(f"{path}: no such scenario")
    return path


# The world's files (scenario keys world.KEY) in scenarios/data.
WORLD_FILES = {"states": "states.csv", "blocs": "blocs.csv",
               "origin_incidents": "tnr_origin_weights.csv",
               "protection_treaties": "protection_treaties.csv",
               "legal_systems": "legal_systems.csv",
               "extradition_treaties": "extradition_treaties.csv",
               "bloc_instruments": "bloc_instruments.csv", "migrant_stock": "migrant_stock.csv",
               "refugees": "refugees.csv", "request_volumes": "request_volumes.csv",
               "treaty_events": "treaty_events.csv",
               "speech_reservations": "speech_reservations.csv",
               "mla_treaties": "mla_treaties.csv",
               "provider_disclosure": "provider_disclosure.csv",
               "platform_shares": "platform_shares.csv",
               "hostile_relations": "hostile_relations.csv",
               "interpol_measures": "interpol_measures.csv",
               "visa_access": "visa_access.csv"}


def write_scenario(path, body):
    """Writes a scenario file anywhere (a temporary folder, say) whose world
    is the shipped default world (scenarios_dir()/data): world paths are
    relative to the scenario file, so they are written out as absolute dotted
    keys at the top, where TOML allows them. Leave the world's files
    (WORLD_FILES) out of `body`."""
    data = scenarios_dir() / "data"
    head = "".join(f'world.{key} = "{data / file}"\n' for key, file in WORLD_FILES.items())
    path = Path(path)
    path.write_text(head + body.lstrip("\n"))
    return path


def run_havens(scenarios, output, replicates=None, months=None, exiles=None, seed=None,
               sets=None, binary=None, threads=None):
    """`havens run SCENARIO... -o OUTPUT` with optional overrides; returns the
    output path. Scenarios are paths or names of shipped scenarios. Raises
    HavensRunError with the engine's message when it fails."""
    if isinstance(scenarios, (str, Path)):
        scenarios = [scenarios]
    files = [str(p) if Path(p).exists() or os.sep in str(p) else str(scenario_path(str(p)))
             for p in scenarios]
    command = [str(binary or find_binary()), "run", *files, "-o", str(output)]
    overrides = dict(sets or {})
    for key, value in (("replicates", replicates), ("months", months),
                       ("world.exiles", exiles), ("seed", seed)):
        if value is not None:
            overrides[key] = value
    for key, value in overrides.items():
        text = str(value).lower() if isinstance(value, bool) else str(value)
        command += ["--set", f"{key}={text}"]
    if threads is not None:
        command += ["--threads", str(threads)]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        raise HavensRunError(command, done.returncode, done.stderr or done.stdout)
    return Path(output)
