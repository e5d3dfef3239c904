"""Reads one HDF5 group of a result file into a labelled xarray Dataset with
h5py. The engine marks every axis as an HDF5 dimension scale, so each array
names its dimensions; strings come back as str, not bytes. Reading with h5py
rather than through xarray's backends keeps sweeps fast: the layout of every
point is the same, so it is worked out once and then only the arrays are read."""
import numpy as np
import xarray as xr


def decode(values):
    """Byte strings (as h5py returns variable-length strings) to str."""
    array = np.asarray(values)
    if array.dtype.kind in ("O", "S"):
        flat = [v.decode("utf-8") if isinstance(v, bytes) else str(v) for v in array.ravel()]
        return np.array(flat, dtype=object).reshape(array.shape)
    return array


def attr_value(value):
    """An attribute as a plain Python value (str, int, float or list)."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray):
        return decode(value).tolist()
    if isinstance(value, np.generic):
        return value.item()
    return value


def is_scale(dataset):
    cls = dataset.attrs.get("CLASS")
    return cls is not None and attr_value(cls) == "DIMENSION_SCALE"


def dimension_names(dataset):
    """The names of the scales attached to each axis (dim_N where none is)."""
    names = []
    for i, dim in enumerate(dataset.dims):
        if is_scale(dataset):
            names.append(dataset.name.rsplit("/", 1)[-1])
        elif len(dim) > 0:
            names.append(dim[0].name.rsplit("/", 1)[-1])
        else:
            names.append(f"dim_{i}")
    return tuple(names)


# HDF5 and netCDF bookkeeping, not meaning: not copied into a variable's attrs.
_INTERNAL_ATTRS = ("CLASS", "NAME", "DIMENSION_LIST", "REFERENCE_LIST", "_Netcdf4Dimid",
                   "_FillValue", "coordinates")


def variable_attrs(dataset):
    return {k: attr_value(v) for k, v in dataset.attrs.items() if k not in _INTERNAL_ATTRS}


def decoded(dataset, values):
    """Values with "never" (the _FillValue) as NaN and a CF date as datetime64."""
    fill = dataset.attrs.get("_FillValue")
    if fill is not None and values.dtype.kind in "iu":
        values = np.where(values == fill, np.nan, values.astype(float))
    units = attr_value(dataset.attrs.get("units", ""))
    if isinstance(units, str) and units.startswith("days since "):
        values = np.datetime64(units[len("days since "):], "ns") + \
            values.astype("timedelta64[D]").astype("timedelta64[ns]")
    return values


def auxiliary_coordinates(group):
    """Variables that others name in their `coordinates` attribute (the date)."""
    names = set()
    for item in group.values():
        if hasattr(item, "dtype") and "coordinates" in item.attrs:
            names.update(str(attr_value(item.attrs["coordinates"])).split())
    return names


def group_layout(group):
    """{name: dims} for the coordinates and the variables of a group."""
    coords, variables = {}, {}
    auxiliary = auxiliary_coordinates(group)
    for name, item in group.items():
        if not hasattr(item, "dtype"):
            continue  # a subgroup
        is_coord = is_scale(item) or name in auxiliary
        (coords if is_coord else variables)[name] = dimension_names(item)
    return coords, variables


def read_group(group, variables=None, layout=None):
    """The group as a Dataset; `variables` limits which data variables are read."""
    coords, data_vars = layout if layout is not None else group_layout(group)
    ds_coords = {name: (dims, decoded(group[name], decode(group[name][()])),
                        variable_attrs(group[name]))
                 for name, dims in coords.items()}
    ds_vars = {}
    for name, dims in data_vars.items():
        if variables is not None and name not in variables:
            continue
        item = group[name]
        ds_vars[name] = (dims, decoded(item, decode(item[()])), variable_attrs(item))
    attrs = {k: attr_value(v) for k, v in group.attrs.items()}
    return xr.Dataset(ds_vars, coords=ds_coords, attrs=attrs)
