"""Every published number is what the code produces now.

The shipped calibration is run with the command docs/CALIBRATION.md gives;
its CSV must be scenarios/data/posterior.csv byte for byte. Then
scripts/publish.py --check runs the commands behind every number of the
README, docs/RESULTS.md, docs/ANALYSIS.md, docs/SCENARIOS.md and
docs/CALIBRATION.md (the shipped scenarios at full scale: seconds each) and
fails on any block, or the README figure's numbers, that differ."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(os.environ.get("HAVENS_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("HAVENS_BINARY", str(ROOT / "build/release/sim/havens"))


@pytest.fixture(scope="module")
def shipped_calibration(tmp_path_factory):
    folder = tmp_path_factory.mktemp("calibration")
    done = subprocess.run([BINARY, "calibrate", str(ROOT / "scenarios/calibration.toml"),
                           "--quiet", "-o", str(folder / "calibration.h5"),
                           "--posterior-csv", str(folder / "posterior.csv")],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return folder


def test_the_documented_command_makes_the_shipped_posterior(shipped_calibration):
    made = (shipped_calibration / "posterior.csv").read_bytes()
    shipped = (ROOT / "scenarios/data/posterior.csv").read_bytes()
    assert made == shipped, ("the calibration no longer makes the shipped posterior: run the "
                             "command in docs/CALIBRATION.md and commit the CSV")


def test_every_published_number_matches_the_code(shipped_calibration):
    done = subprocess.run([sys.executable, str(ROOT / "scripts/publish.py"), "--check",
                           "--binary", BINARY,
                           "--calibration", str(shipped_calibration / "calibration.h5")],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_check_fails_when_a_number_is_edited_by_hand(tmp_path):
    """The check compares, it does not only run: a copy of the checkout with
    one published number changed fails it (without the calibration)."""
    import shutil
    copy = tmp_path / "checkout"
    copy.mkdir()
    for part in ["README.md", "docs", "scenarios", "scripts", "analysis"]:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, copy / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, copy / part)
    results = copy / "docs/RESULTS.md"
    text = results.read_text()
    start = text.index("<!-- published: results-headline -->")
    row = text.index("| The convention as adopted | ", start)
    digit = row + len("| The convention as adopted | 0.")
    edited = text[:digit] + ("1" if text[digit] != "1" else "2") + text[digit + 1:]
    results.write_text(edited)
    done = subprocess.run([sys.executable, str(copy / "scripts/publish.py"), "--check",
                           "--binary", BINARY], capture_output=True, text=True, cwd=copy)
    assert done.returncode == 1, done.stdout + done.stderr
    assert "docs/RESULTS.md: block 'results-headline' differs" in done.stdout
