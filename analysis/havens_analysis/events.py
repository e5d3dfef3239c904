"""The optional per-request event log as a pandas table. The engine stores
small integer codes with CF flag_values and flag_meanings on each column
(schema 3; before, "0=uncc,1=mlat,..." attributes of the group); here they
become categorical columns, origin and requested (indices into
/world/states) become ISO codes, and target (an exile's index) is missing
(<NA>) for a legitimate-stream suspect, who is no exile. "Never" (the
_FillValue of the month columns: month_completed, pending at the horizon;
month_arrested, no provisional arrest) is <NA> too. The codes are the
file's own, so a newer vocabulary needs no change here: outcome is not_sent,
granted, refused, pending, lapsed or removed (an extradition the host
answered by handing the target over outside the law, in month_completed:
neither granted nor refused, like lapsed); channel adds comity, provider,
domestic and removal, reason provider_policy."""
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


def _flag_codes(item):
    """{code: meaning} from a column's flag_values and flag_meanings."""
    if "flag_values" not in item.attrs or "flag_meanings" not in item.attrs:
        return None
    values = [int(v) for v in item.attrs["flag_values"]]
    meanings = str(attr_value(item.attrs["flag_meanings"])).split()
    return dict(zip(values, meanings)) if len(values) == len(meanings) else None


def read_events(group, world):
    items = {name: item for name, item in group.items() if hasattr(item, "dtype")}
    columns = {name: decode(item[()]) for name, item in items.items()}
    frame = pd.DataFrame(columns)
    for name, item in items.items():
        if "_FillValue" in item.attrs and name in frame and name != "target":
            fill = item.attrs["_FillValue"]
            frame[name] = frame[name].astype("Int64").mask(frame[name] == fill)
        codes = _flag_codes(item)
        if codes is not None and name in frame:
            labels = [codes[k] for k in sorted(codes)]
            frame[name] = pd.Categorical(frame[name].map(codes), categories=labels)
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
