"""README.md as a reader meets it: every `sh` and `python` block runs as
printed, in order, after the set-up (run-baseline.sh, which .ci/run runs
with test.sh); every `text` block that shows `havens` usage, and every
`havens ...` in the prose, names only flags that the command accepts.

The blocks run in a scratch folder laid out as the checkout (the build and
the scenarios linked, analysis/ copied so that pip's leftovers stay out of
it) with HOME there too, so that `~/.local` is scratch as well."""
import os
import re
import shutil
import subprocess

import pytest

from conftest import ANALYSIS, BINARY, SOURCE

README = SOURCE / "README.md"
NOT_RUN = "<!-- not run:"
SET_UP = ["bash scripts/run-baseline.sh", "bash scripts/test.sh"]


def blocks():
    """(info string, text, whether marked not run) of every fenced block."""
    found, lines = [], README.read_text(encoding="utf-8").splitlines()
    i, previous = 0, ""
    while i < len(lines):
        opening = re.fullmatch(r"```(\S*)", lines[i])
        if opening:
            end = lines.index("```", i + 1)
            found.append((opening.group(1), "\n".join(lines[i + 1:end]) + "\n",
                          previous.startswith(NOT_RUN)))
            i, previous = end + 1, ""
            continue
        if lines[i].strip():
            previous = lines[i]
        i += 1
    return found


def prose():
    """The README without its fenced blocks."""
    return re.sub(r"^```\S*\n.*?^```$", "", README.read_text(encoding="utf-8"),
                  flags=re.M | re.S)


def test_every_block_says_what_it_is():
    for info, text, _ in blocks():
        assert info in {"sh", "python", "text"}, f"block without a known info string:\n{text}"


def test_only_the_set_up_is_left_to_ci():
    left = [text for _, text, not_run in blocks() if not_run]
    assert len(left) == 1 and [line.split("#")[0].strip() for line in left[0].splitlines()] \
        == SET_UP
    ci = (SOURCE / ".ci" / "run").read_text(encoding="utf-8")
    for command in SET_UP:
        assert command in ci, f".ci/run does not run {command}"


def usages():
    """Each `havens ...` usage: the synopsis lines (with their continuation
    lines) and the commands quoted in the prose."""
    found = []
    for info, text, _ in blocks():
        if info != "text":
            continue
        for line in text.splitlines():
            if line.startswith("havens "):
                found.append(line.split("  #")[0])
            elif line.startswith(" ") and found and text.startswith("havens "):
                found[-1] += " " + line.strip()
    found += [" ".join(m.split()) for m in re.findall(r"`(havens [^`]+)`", prose())]
    return found


def help_of(*command):
    done = subprocess.run([str(BINARY), *command, "--help"], capture_output=True, text=True)
    assert done.returncode == 0, f"havens {' '.join(command)} --help: {done.stderr}"
    return done.stdout


FLAG = r"(?<![\w-])(--?[a-z][\w-]*)"


@pytest.mark.parametrize("usage", usages())
def test_usage_names_only_accepted_flags(usage):
    words = usage.split()
    # `havens --version` has no command: the top level's help lists its flags.
    command = [] if words[1].startswith("-") else words[1:2]
    if command:
        assert command[0] in {"run", "validate", "calibrate", "info", "params"}, usage
    accepted = set(re.findall(FLAG, help_of(*command)))
    for flag in re.findall(FLAG, " ".join(words[1 + len(command):])):
        assert flag in accepted, f"{usage}: havens {' '.join(command)} --help lacks {flag}"


@pytest.fixture(scope="module")
def checkout(tmp_path_factory):
    """A scratch folder laid out as the checkout after the set-up commands."""
    root = tmp_path_factory.mktemp("readme")
    build = BINARY.resolve().parents[1]  # BUILD/sim/havens
    if not (build / "cmake_install.cmake").exists():
        pytest.skip(f"{BINARY} is not in a CMake build folder")
    (root / "build").mkdir()
    (root / "build" / "release").symlink_to(build)
    (root / "scenarios").symlink_to(SOURCE / "scenarios")
    shutil.copytree(ANALYSIS, root / "analysis",
                    ignore=shutil.ignore_patterns("__pycache__", "build", "*.egg-info"))
    (root / "home").mkdir()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(HOME=str(root / "home"), MPLBACKEND="Agg",
               # As root, Open MPI needs these (README, beside the mpirun example).
               OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1")
    # What run-baseline.sh leaves behind: results/baseline.h5.
    done = subprocess.run(["build/release/sim/havens", "run", "scenarios/baseline.toml",
                           "--quiet"], cwd=root, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return root, env


def test_every_command_and_snippet_runs_as_printed(checkout):
    root, env = checkout
    runnable = [(info, text) for info, text, not_run in blocks()
                if info in {"sh", "python"} and not not_run]
    # The commands first (they write what the snippets read), in README order.
    for info, text in sorted(runnable, key=lambda b: b[0] != "sh"):
        if info == "sh":
            command = ["bash", "-euo", "pipefail", "-c", text]
        elif "havens_analysis" in text:
            command = [str(root / ".venv" / "bin" / "python"), "-c", text]
        else:
            command = ["/usr/bin/python3", "-c", text]
        done = subprocess.run(command, cwd=root, env=env, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, f"{text}\nfailed:\n{done.stdout}\n{done.stderr}"
    assert (root / "results" / "report" / "index.html").exists()
