"""The optional per-request event log as a pandas table. The engine stores
small integer codes with their labels in attributes ("0=uncc,1=mlat,...");
here they become categorical columns, origin and requested (indices into
/world/states) become ISO codes, and target (an exile's index) is missing
(<NA>) for a legitimate-stream suspect, who is no exile. Month columns keep
-1 for "never" (month_completed: pending at the horizon; month_arrested: no
provisional arrest)."""
import pandas as pd

from . import schema as s
from .h5read import attr_value, decode


def parse_codes(text):
    """"0=uncc,1=mlat" -> {0: "uncc", 1: "mlat"}; None for anything else."""
    codes = {}
    for item in str(text).split(","):
        code, sep, label = item.partition("=")
        if not sep or not code.strip().lstrip("-").isdigit():
            return None
        codes[int(code)] = label.strip()
    return codes


def read_events(group, world):
    columns = {name: decode(item[()]) for name, item in group.items() if hasattr(item, "dtype")}
    frame = pd.DataFrame(columns)
    if "request" in frame:
        frame = frame.set_index("request")
    for attr, value in group.attrs.items():
        if not attr.endswith("_codes"):
            continue
        codes = parse_codes(attr_value(value))
        column = attr[: -len("_codes")]
        if codes is not None and column in frame:
            labels = [codes[k] for k in sorted(codes)]
            frame[column] = pd.Categorical(frame[column].map(codes), categories=labels)
    if "target" in frame:
        target = frame["target"]
        frame["target"] = target.astype("Int64").mask(target == s.NO_EXILE)
    if world is not None:
        iso3 = world["iso3"].values if "iso3" in world else world["state"].values
        for column in ("origin", "requested"):
            if column in frame and frame[column].dtype.kind in "iu":
                frame[column] = pd.Categorical.from_codes(frame[column].astype(int), iso3)
    return frame
