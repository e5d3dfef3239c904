"""What each scenario changes against the reference arm (the first scenario
of the file), read from the resolved options every scenario group stores: a
reader sees at once that "Weakened" is the baseline with three articles
deleted, without opening a TOML file."""
from .results import scenario_options

# Options that name or bookkeep a run rather than change the world it models.
NOT_A_CHANGE = {"name", "title", "seed", "replicates", "replication.initial", "replication.max",
                "replication.round", "output.flows", "output.request_log"}

# Plain words for the keys a policy reader meets most; others keep their key.
KEY_WORDS = {
    "treaty.enabled": "the convention exists",
    "treaty.threshold": "ratifications needed for entry into force",
    "treaty.protocol": "a protocol is negotiated",
    "treaty.reservations": "reservations",
    "decision.safe_haven_epsilon": "safe-haven threshold ε",
    "safeguards.dual_criminality": "dual criminality",
    "safeguards.persecution_ground": "persecution refusal ground (Art. 40(22))",
    "safeguards.conditions_safeguards": "conditions and safeguards (Art. 24)",
    "safeguards.human_rights_clause": "human-rights clause (Art. 6(2))",
    "safeguards.scope": "scope of cooperation",
    "interventions.never_ratify": "states that never ratify",
    "interventions.never_join_protocol": "states that never join the protocol",
    "safeguards.serious_crime_years": "minimum penalty of a serious crime (years)",
}
BOOLEAN_KEYS = {"treaty.enabled", "treaty.protocol"}


def _plain(key, value):
    if key in BOOLEAN_KEYS and str(value) in ("0", "1", "True", "False"):
        return "yes" if str(value) in ("1", "True") else "no"
    if isinstance(value, float):
        return f"{value:.4g}"
    if str(value) == "":
        return NO_INTERVENTION
    return str(value).replace("_", " ")


# A per-state intervention (interventions.ACTION.STATE) is stored only by the
# scenarios that make it; the others leave the state to the model.
NO_INTERVENTION = "none"


def differences(reference, other):
    """[(key, reference value, other value)] for the scenario keys that differ."""
    ref, mine = scenario_options(reference), scenario_options(other)
    keys = [k for k in dict.fromkeys([*ref, *mine]) if k not in NOT_A_CHANGE]
    found = []
    for k in keys:
        if k.count(".") >= 2 and k.startswith("interventions."):
            before, after = ref.get(k, NO_INTERVENTION), mine.get(k, NO_INTERVENTION)
        elif k in ref and k in mine:
            before, after = ref[k], mine[k]
        else:
            continue
        if str(before) != str(after):
            found.append((k, before, after))
    return found


def describe(key, before, after):
    """("safeguards.dual_criminality", "optional", "mandatory") ->
    "dual criminality (safeguards.dual_criminality): optional → mandatory"."""
    words = KEY_WORDS.get(key)
    name = f"{words} ({key})" if words else key
    return f"{name}: {_plain(key, before)} → {_plain(key, after)}"


def scenario_changes(datasets):
    """{name: [sentence, ...]} against the first scenario; the first maps to
    an empty list (it is the reference)."""
    names = list(datasets)
    if not names:
        return {}
    reference = datasets[names[0]]
    return {n: [describe(*d) for d in differences(reference, datasets[n])] if i else []
            for i, n in enumerate(names)}


def changes_line(changes, reference_label):
    """One scenario's line for the page."""
    if changes is None:
        return ""
    return "; ".join(changes) if changes else f"the same options as {reference_label}"
