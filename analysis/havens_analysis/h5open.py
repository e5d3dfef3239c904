"""Opening a result file for reading: one place for the messages of a path
that is missing, a folder or no HDF5 file, and for the checksum check."""
import h5py

from .checksum import verify_checksum
from .errors import HavensResultError


def open_result_file(path, verify):
    """`path` opened read-only with h5py; HavensResultError (one line) where it
    cannot be, or, with `verify`, where its checksum record says it is damaged."""
    if not path.exists():
        raise HavensResultError(path, "no such file")
    if path.is_dir():
        raise HavensResultError(path, "is a directory, not a havens result file")
    if verify:
        verify_checksum(path)
    try:
        return h5py.File(path, "r")
    except OSError as err:
        raise HavensResultError(path, "not an HDF5 file, so not a havens result "
                                f"({str(err).splitlines()[0]})") from None
