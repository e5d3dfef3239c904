"""The fuzzing corpora (tests/fuzz/corpus/) hold an input of every class of
input that once got past the fuzzers (docs/RELIABILITY.md, "Fuzzing"), so
that every replay tries them and every fuzzing run mutates from them.

Each class is a predicate on a file's bytes, not on its name: a class input
that is renamed, or edited until it no longer is one, fails here."""
import math
import re
import tomllib

import pytest

from conftest import SOURCE

CORPUS = SOURCE / "tests" / "fuzz" / "corpus"
SMALLEST_NORMAL = 2.2250738585072014e-308
INT64_MAX = 2**63 - 1
# The most exiles x contacts that 32-bit exile ids index (engine/footprint.hpp).
MAX_CONTACT_SLOTS = 4_000_000_000
# Keys the model reads as integers; a subnormal there takes another path
# (an integer's range check) than in a real-valued key.
INTEGER_KEYS = {"months", "replicates", "seed", "exiles", "contacts", "state_count",
                "samples", "max", "initial", "threshold"}
# Keys a calibration's prior may not vary: fixed between replicates.
FIXED_KEYS = {"seed", "months", "replicates", "world.exiles", "world.state_count"}

NUMBER = re.compile(rb"(?<![\w.])[+-]?(?:\d[\d_]*(?:\.\d[\d_]*)?(?:[eE][+-]?\d+)?"
                    rb"|0x[0-9a-fA-F_]+|nan|inf)(?![\w.])")
ASSIGNMENT = re.compile(rb"^\s*\"?([\w.]+)\"?\s*=\s*(.*)$")


def files(harness):
    return sorted(p for p in (CORPUS / harness).iterdir() if p.is_file())


def parts(data):
    """A scenario_fuzz input: the scenario file, and its --set overrides as
    the harness splits them (by line, or by NUL when a second NUL follows)."""
    scenario, nul, rest = data.partition(b"\0")
    if not nul:
        return scenario, []
    separator = b"\0" if b"\0" in rest else b"\n"
    return scenario, [o for o in rest.split(separator) if o]


def value(literal):
    """A number literal as TOML reads it, unbounded: an int for integers
    (Python's are exact, so 2^63 overflows nothing), else a float."""
    text = literal.decode().replace("_", "")
    if text.lstrip("+-").startswith("0x"):
        return int(text, 16)
    try:
        return int(text)
    except ValueError:
        return float(text)


def assignments(data):
    """(key, value literal) for each `key = value` line of a scenario, and
    each `key=value` override."""
    scenario, overrides = parts(data)
    lines = scenario.splitlines() + [o.replace(b"\n", b" ") for o in overrides]
    for line in lines:
        m = ASSIGNMENT.match(line)
        if m:
            yield m.group(1).decode(errors="replace"), m.group(2)


def numbers(text):
    return [value(m.group(0)) for m in NUMBER.finditer(text)]


def subnormal(x):
    return isinstance(x, float) and x != 0 and abs(x) < SMALLEST_NORMAL


def subnormal_in(data, integer_key, in_set=False):
    scenario, overrides = parts(data)
    if in_set:
        pairs = [o.split(b"=", 1) for o in overrides if b"=" in o]
        pairs = [(k.decode(errors="replace").strip(), v) for k, v in pairs]
    else:
        pairs = list(assignments(scenario))
    return any(
        (k.split(".")[-1].strip('"') in INTEGER_KEYS) == integer_key
        and any(subnormal(x) for x in numbers(v)) for k, v in pairs)


def sweep_lists(data):
    """Each swept key's values or range: {key: [numbers]}."""
    found = {}
    for m in re.finditer(rb"\"?([\w.]+)\"?\s*=\s*\[([^\]]*)\]", data):
        found.setdefault(m.group(1).decode(), []).extend(numbers(m.group(2)))
    return found


def base_value(data, section, key, default):
    m = re.search(rb"^\[" + section + rb"\][^\[]*?^\s*" + key + rb"\s*=\s*([\d_]+)\s*$", data,
                  re.M | re.S)
    return value(m.group(1)) if m else default


def swept_far_above_base(data):
    """F2: a sweep takes world.exiles to 100 times its base value or more."""
    if b"[sweep" not in data:
        return False
    base = base_value(data, rb"world", rb"exiles", 100_000)
    swept = sweep_lists(data).get("world.exiles", [])
    return any(x >= 100 * max(base, 1) for x in swept)


def contacts_64_large_sweep(data):
    """F3: 64 contacts an exile, and a sweep of more points than the harness
    builds (it counts them) that takes exiles past the 32-bit contact index."""
    if not re.search(rb"^\s*contacts\s*=\s*64\s*$", data, re.M):
        return False
    samples = re.search(rb"^\s*samples\s*=\s*(\d+)", data, re.M)
    swept = sweep_lists(data).get("world.exiles", [])
    return (samples is not None and value(samples.group(1)) > 10_000
            and any(x * 64 > MAX_CONTACT_SLOTS for x in swept))


def nul_escape_in_name(data):
    """F4: a name (or title) whose TOML escape is a NUL."""
    return re.search(rb"\b(name|title)\s*=\s*\"[^\"\n]*\\(u0000|U00000000)", data) is not None


def control_characters(data):
    """A raw control byte in the scenario text, or an escaped one in a string."""
    scenario, _ = parts(data)
    raw = any(b < 0x20 and b not in b"\t\n" or b == 0x7F for b in scenario)
    escaped = re.search(rb"\\u00(0[0-8b-f]|1[0-9a-f]|7f)", data, re.I) is not None
    return raw or escaped


def multi_line_set(data):
    """F9: an override that spans lines (the NUL-separated form)."""
    _, overrides = parts(data)
    return b"\0" in data.partition(b"\0")[2] and any(
        b"\n" in o.strip(b"\n") and b"=" in o.split(b"\n", 1)[1] for o in overrides)


def signed_zero(data):
    return any(re.match(rb"\s*-0(\.0*)?([eE][+-]?\d+)?\s*$", v) for _, v in assignments(data))


def integer_overflow(data):
    return any(isinstance(x, int) and not -INT64_MAX - 1 <= x <= INT64_MAX
               for _, v in assignments(data) for x in numbers(v))


def double_overflow(data):
    return any(isinstance(x, float) and math.isinf(x) and b"inf" not in v
               for _, v in assignments(data) for x in numbers(v))


def calibration(data):
    """A calibration input parsed (its part before any NUL), or None."""
    try:
        return tomllib.loads(data.partition(b"\0")[0].decode())
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None


def prior_keys(table, prefix=""):
    """The keys [parameters] gives priors to, as the reader flattens them."""
    keys = []
    for name, sub in table.items():
        key = f"{prefix}.{name}" if prefix else name
        if isinstance(sub, dict):
            keys += [key] if "prior" in sub else prior_keys(sub, key)
    return keys


def fixed_prior(key):
    def predicate(data):
        c = calibration(data)
        return c is not None and key in prior_keys(c.get("parameters", {}))
    return predicate


def parameter_twice(data):
    c = calibration(data)
    keys = prior_keys(c.get("parameters", {})) if c else []
    return len(keys) != len(set(keys))


def calibration_numbers(data, predicate):
    c = calibration(data)

    def walk(node):
        if isinstance(node, dict):
            return any(walk(v) for v in node.values())
        if isinstance(node, list):
            return any(walk(v) for v in node)
        if isinstance(node, str):
            return any(predicate(x) for x in numbers(node.encode()))
        return isinstance(node, (int, float)) and not isinstance(node, bool) and predicate(node)
    return c is not None and walk(c)


def set_item(data, predicate):
    c = calibration(data)
    return c is not None and any(isinstance(s, str) and predicate(s) for s in c.get("set", []))


def scenario_named(predicate):
    def check(data):
        c = calibration(data)
        return c is not None and isinstance(c.get("scenario"), str) and predicate(c["scenario"])
    return check


def bad_target(data):
    """A target the reader must refuse: an unknown statistic, a month past
    the horizon, a scale that is not positive, or no fitted target at all."""
    c = calibration(data)
    targets = c.get("targets", {}) if c else {}
    return any(not t.get("sd", 1) > 0 or "statistic" in t and not re.fullmatch(
        r"parties_at_month|month_of_parties|entry_into_force_month|protocol_share_of_parties|"
        r"declined_joined_share|arrests_extradited_share|arrests_host_not_free_share|"
        r"detentions_per_year|deportations_per_detention|review_refusals_per_year|"
        r"incidents_host_not_free_share", t["statistic"]) for t in targets.values()
        if isinstance(t, dict)) or (targets and all(
            isinstance(t, dict) and t.get("fit") is False for t in targets.values()))


CSV_DATES = {"1900-01-01", "9999-12-31"}

CLASSES = [
    ("F1 subnormal in an integer key", "scenario_fuzz", lambda d: subnormal_in(d, True)),
    ("F1 subnormal in a real key", "scenario_fuzz", lambda d: subnormal_in(d, False)),
    ("F1 subnormal in --set", "scenario_fuzz",
     lambda d: subnormal_in(d, True, in_set=True) or subnormal_in(d, False, in_set=True)),
    ("F2 swept far above the base value", "scenario_fuzz", swept_far_above_base),
    ("F3 64 contacts and a large sweep", "scenario_fuzz", contacts_64_large_sweep),
    ("F4 NUL in a name", "scenario_fuzz", nul_escape_in_name),
    ("F9 multi-line --set", "scenario_fuzz", multi_line_set),
    ("control characters", "scenario_fuzz", control_characters),
    ("signed zero", "scenario_fuzz", signed_zero),
    ("integer overflow", "scenario_fuzz", integer_overflow),
    ("double overflow", "scenario_fuzz", double_overflow),
    *[(f"F7 prior on the fixed key {k}", "calibration_fuzz", fixed_prior(k))
      for k in sorted(FIXED_KEYS)],
    ("F8 a parameter twice", "calibration_fuzz", parameter_twice),
    ("bad targets", "calibration_fuzz", bad_target),
    ("F1 subnormal in a calibration", "calibration_fuzz",
     lambda d: calibration_numbers(d, subnormal)),
    ("F4 NUL in a --set name", "calibration_fuzz",
     lambda d: set_item(d, lambda s: re.search(r"\bname\s*=.*(\0|\\u0000)", s) is not None)),
    ("F9 multi-line set item", "calibration_fuzz",
     lambda d: set_item(d, lambda s: "\n" in s.strip())),
    ("F5 a folder as the scenario", "calibration_fuzz",
     scenario_named(lambda s: (SOURCE / "scenarios" / s).is_dir())),
    ("F10 a device as the scenario", "calibration_fuzz",
     scenario_named(lambda s: s.startswith("/dev/"))),
    ("CSV byte-order mark and CRLF", "csv_fuzz",
     lambda d: b"\xef\xbb\xbf" in d and b"\r\n" in d),
    ("CSV NUL in a field", "csv_fuzz", lambda d: b"\0" in d[1:]),
    ("CSV subnormal number", "csv_fuzz", lambda d: any(subnormal(x) for x in numbers(d[1:]))),
    ("CSV number overflowing a double", "csv_fuzz",
     lambda d: any(isinstance(x, float) and math.isinf(x) for x in numbers(d[1:]))),
    *[(f"CSV date {day}", "csv_fuzz", lambda d, day=day: d[1:].strip() == day.encode())
      for day in sorted(CSV_DATES)],
]


@pytest.mark.parametrize("name,harness,predicate", CLASSES, ids=[c[0] for c in CLASSES])
def test_the_corpus_holds_an_input_of_the_class(name, harness, predicate):
    matching = [p.name for p in files(harness) if predicate(p.read_bytes())]
    assert matching, f"no input of the class '{name}' in tests/fuzz/corpus/{harness}"


def test_the_predicates_tell_classes_apart():
    """Each predicate rejects the shipped seeds that are not of its class, so
    that a test above cannot pass on any file at all."""
    shipped = (CORPUS / "scenario_fuzz" / "baseline.toml").read_bytes()
    calibration_seed = (CORPUS / "calibration_fuzz" / "shipped-calibration.toml").read_bytes()
    for name, harness, predicate in CLASSES:
        seed = {"scenario_fuzz": shipped, "calibration_fuzz": calibration_seed}.get(harness)
        if seed is not None:
            assert not predicate(seed), f"'{name}' matches a seed of no such class"
