"""Human labels for what a result file names by code: scenarios, channels,
grounds of refusal, exile statuses, reserved articles and outcomes. Every
figure and table of the report asks here, so a reader sees one wording.

Newer files carry their own labels (a `labels` attribute, a JSON list in the
order of the codes, on each label coordinate; a `title` attribute on a
scenario group); those win. Older files fall back to the wording below, which is the engine's
(sim/engine/output_registry.cpp; a test keeps them the same)."""
import json
import re

import h5py

from . import schema as s
from .h5read import attr_value
from .outcomes import label as outcome_label

# Words a plain humaniser would get wrong.
ACRONYMS = {"uncc": "UNCC", "mlat": "MLAT", "mla": "MLA", "echr": "ECHR", "tnr": "TNR",
            "un": "UN", "eu": "EU", "cosp": "CoSP"}

FALLBACK = {
    s.CHANNEL: {"uncc": "UN Cybercrime Convention", "mlat": "bilateral MLA treaty",
                "budapest": "Budapest Convention", "regional": "regional instrument",
                "interpol": "INTERPOL Red Notice", "extradition_treaty": "extradition treaty",
                "reciprocity": "reciprocity (no treaty)",
                "comity": "national law (no treaty)", "provider": "provider (direct request)",
                "domestic": "origin's own provider", "removal": "removal outside the law"},
    s.REASON: {"scope": "outside the convention's scope",
               "dual_criminality": "not a crime in the host (dual criminality)",
               "persecution_ground": "persecution ground (Art. 40(22))",
               "conditions_safeguards": "conditions and safeguards (Art. 24)",
               "human_rights_clause": "human-rights clause (Art. 6(2))",
               "discretion": "host's discretion", "channel_rules": "channel's own rules",
               "national_law": "host's national law (political offence, persecution bar)",
               "non_refoulement": "non-refoulement",
               "no_legal_basis": "no legal basis to extradite",
               "provider_policy": "provider's policy (direct request)",
               "severed_relations": "relations severed (war, no relations)"},
    s.STATUS: {"safe": "safe", "surveilled": "under surveillance",
               "data_exposed": "data exposed", "extradited": "extradited",
               "relocated": "relocated", "pending_extradition": "arrested, extradition pending",
               "removed": "removed outside the law"},
    s.ARTICLE: {"6(2)": "Art. 6(2) human-rights clause", "24": "Art. 24 conditions and safeguards",
                "40(22)": "Art. 40(22) persecution ground"},
}

# Coordinates that may carry a `labels` attribute, by the group that holds them.
LABELLED = {s.CHANNEL: s.TIMESERIES, s.REASON: s.TIMESERIES, s.STATUS: s.TIMESERIES,
            s.ARTICLE: s.STATES, s.OUTCOME: s.SUMMARY}
TITLE = "title"
LABELS_ATTR = "labels"


def humanise(name):
    """`strong_safeguards` -> "Strong safeguards", `uncc` -> "UNCC"; names
    that are not plain identifiers (sweep points, "threshold=20, ...") are
    returned as they are."""
    name = str(name)
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", name):
        return name
    words = [ACRONYMS.get(w.lower(), w) for w in re.split(r"[_-]+", name) if w]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def scenario_label(name, ds=None):
    """A scenario's human name: its `title` attribute, else its name humanised."""
    title = ds.attrs.get(TITLE) if ds is not None else None
    return str(title) if title else humanise(name)


def scenario_labels(datasets):
    """{name: label}, in the order given; labels stay distinct (a name is
    kept beside a title that two scenarios share)."""
    found = {n: scenario_label(n, ds) for n, ds in datasets.items()}
    seen = {}
    for text in found.values():
        seen[text] = seen.get(text, 0) + 1
    return {n: (t if seen[t] == 1 else f"{t} ({n})") for n, t in found.items()}


def _from_attrs(ds, dim):
    if ds is None or dim not in ds.coords:
        return {}
    raw = ds[dim].attrs.get(LABELS_ATTR)
    if raw is None:
        return {}
    texts = json.loads(raw) if isinstance(raw, str) else list(raw)
    codes = [str(c) for c in ds[dim].values]
    return dict(zip(codes, map(str, texts))) if len(texts) == len(codes) else {}


def code_label(dim, code, ds=None):
    """The human label of one code of a label coordinate (channel, reason,
    status, article or outcome)."""
    code = str(code)
    own = _from_attrs(ds, dim).get(code)
    if own:
        return own
    if dim == s.OUTCOME:
        text = outcome_label(code)
        return humanise(code).lower() if text == code else text
    return FALLBACK.get(dim, {}).get(code) or humanise(code).lower()


def code_labels(dim, codes, ds=None):
    return {str(c): code_label(dim, c, ds) for c in codes}


def attach(path, datasets):
    """The datasets with the file's own labels on their label coordinates
    (the reader does not copy coordinate attributes). Files without labels
    come back unchanged; a point of a sweep is read from its own group."""
    out = dict(datasets)
    with h5py.File(path, "r") as f:
        for name, ds in datasets.items():
            group = f.get(f"{s.SCENARIOS}/{ds.attrs.get('scenario', name)}")
            if group is None:
                continue
            for dim, where in LABELLED.items():
                item = group.get(f"{where}/{dim}")
                if dim in ds.coords and item is not None and LABELS_ATTR in item.attrs:
                    value = attr_value(item.attrs[LABELS_ATTR])
                    raw = value if isinstance(value, str) else json.dumps(value)
                    ds = ds.assign_coords({dim: ds[dim].assign_attrs({LABELS_ATTR: raw})})
            if TITLE in group.attrs and TITLE not in ds.attrs:
                ds = ds.assign_attrs({TITLE: attr_value(group.attrs[TITLE])})
            out[name] = ds
    return out

