"""Running the engine from Python, for notebooks and tests that make their
own small result files.

The engine is looked for in this order (find_binary; the first found wins):

1. HAVENS_BINARY, when set (it must exist);
2. the checkout named by HAVENS_SOURCE_DIR, when set: its build/release/sim/havens;
3. the checkout this package was imported from, when it was imported from
   one (PYTHONPATH=analysis, or `pip install -e`): its build/release/sim/havens,
   so that a checkout's package runs that checkout's engine;
4. `havens` on PATH (an engine installed with `cmake --install`);
5. the checkout holding the current folder (e.g. notebooks/ in a checkout,
   with the package installed into a venv): its build/release/sim/havens.

The shipped scenarios (scenarios_dir) are those of the checkout of 2 or 3,
else those beside the engine found (PREFIX/share/havens/scenarios for
PREFIX/bin/havens, or the scenarios/ of the checkout it was built in), else
those of the checkout of 5. When nothing is found, the error lists every
place looked in."""
import os
import shutil
import subprocess
from pathlib import Path

from .errors import HavensRunError

BUILT = Path("build", "release", "sim", "havens")  # the engine, relative to a checkout


def is_checkout(folder):
    """Whether `folder` is a havens checkout: it holds the package's sources
    (analysis/havens_analysis) and the shipped scenarios."""
    folder = Path(folder)
    return (folder / "analysis" / "havens_analysis" / "__init__.py").is_file() \
        and (folder / "scenarios").is_dir()


def _checkouts():
    """[(how the checkout is known, its folder or None, why none)] in the order
    of the lookup: HAVENS_SOURCE_DIR, the package's own, the current folder's."""
    env = os.environ.get("HAVENS_SOURCE_DIR")
    named = (Path(env), "") if env else (None, "not set")
    own = Path(__file__).resolve().parents[2]
    imported = (own, "") if is_checkout(own) else \
        (None, f"{Path(__file__).resolve().parent} is not in a havens checkout")
    here = Path.cwd()
    holding = next(((f, "") for f in (here, *here.parents) if is_checkout(f)),
                   (None, f"neither {here} nor a folder above it is a havens checkout"))
    return [("HAVENS_SOURCE_DIR", *named),
            ("the checkout this package was imported from", *imported),
            ("the checkout holding the current folder", *holding)]


def source_dir():
    """The havens checkout: HAVENS_SOURCE_DIR, else the one this package was
    imported from, else the one holding the current folder. Raises
    FileNotFoundError, naming each place, when there is none (an installed
    package used outside a checkout)."""
    looked = []
    for what, folder, why in _checkouts():
        if folder is not None:
            return folder
        looked.append(f"{what}: {why}")
    raise FileNotFoundError(_not_found("no havens checkout", looked,
                                       "set HAVENS_SOURCE_DIR to a checkout"))


def _not_found(what, looked, remedy):
    places = "".join(f"\n  {i}. {place}" for i, place in enumerate(looked, 1))
    return f"{what}; looked in, in order:{places}\n{remedy[0].upper()}{remedy[1:]}."


def find_binary():
    """The havens engine, looked for in the module's documented order;
    FileNotFoundError listing every place looked in when there is none."""
    env = os.environ.get("HAVENS_BINARY")
    if env:
        path = Path(env)
        if not path.is_file():
            raise FileNotFoundError(f"{path}: no havens binary (HAVENS_BINARY names it)")
        return path
    looked = ["HAVENS_BINARY: not set"]
    *checkouts, (here_what, here, here_why) = _checkouts()
    for what, folder, why in checkouts:
        if folder is not None and (folder / BUILT).is_file():
            return folder / BUILT
        looked.append(f"{what}: " + (f"no {folder / BUILT}" if folder is not None else why))
    on_path = shutil.which("havens")
    if on_path:
        return Path(on_path)
    looked.append(f"PATH: no havens in {os.environ.get('PATH', '')!r}")
    if here is not None and (here / BUILT).is_file():
        return here / BUILT
    looked.append(f"{here_what}: " + (f"no {here / BUILT}" if here is not None else here_why))
    raise FileNotFoundError(_not_found(
        "no havens binary", looked,
        "build it in a checkout (bash scripts/build.sh), install it (cmake --install "
        "build/release --prefix ~/.local, with ~/.local/bin on PATH), or set HAVENS_BINARY"))


def scenarios_dir():
    """The shipped scenarios: those of the checkout (HAVENS_SOURCE_DIR, else
    the one this package was imported from), else those beside the engine
    find_binary() finds (PREFIX/share/havens/scenarios for PREFIX/bin/havens,
    or the scenarios/ of the checkout it was built in), else those of the
    checkout holding the current folder. FileNotFoundError, naming each
    place, when there are none."""
    looked = []
    *checkouts, (here_what, here, here_why) = _checkouts()
    for what, folder, why in checkouts:
        if folder is not None and (folder / "scenarios").is_dir():
            return folder / "scenarios"
        looked.append(f"{what}: " + (f"no {folder / 'scenarios'}" if folder is not None
                                     else why))
    try:
        binary = find_binary().resolve()
    except FileNotFoundError as error:
        looked.append("beside the engine: " + (
            "no engine (HAVENS_BINARY not set, no havens on PATH)" if "\n" in str(error)
            else str(error)))
    else:
        beside = [binary.parents[1] / "share" / "havens" / "scenarios"]
        if len(binary.parents) > 3 and is_checkout(binary.parents[3]):
            beside.append(binary.parents[3] / "scenarios")  # CHECKOUT/build/PRESET/sim/havens
        for folder in beside:
            if folder.is_dir():
                return folder
        looked.append(f"beside the engine {binary}: no " + " nor ".join(map(str, beside)))
    if here is not None:
        return here / "scenarios"
    looked.append(f"{here_what}: {here_why}")
    raise FileNotFoundError(_not_found(
        "no shipped scenarios", looked,
        "install the engine with its scenarios (cmake --install), or set HAVENS_SOURCE_DIR "
        "to a checkout"))


def scenario_path(name):
    """A shipped scenario, e.g. scenario_path("baseline") -> scenarios/baseline.toml."""
    folder = scenarios_dir()
    path = folder / (name if name.endswith(".toml") else f"{name}.toml")
    if not path.exists():
        shipped = ", ".join(sorted(p.stem for p in folder.glob("*.toml")))
        raise FileNotFoundError(f"{path}: no such scenario (the shipped ones in {folder}: "
                                f"{shipped or 'none'})")
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
