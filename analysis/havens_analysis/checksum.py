"""The checksum havens writes into the 512-byte user block of every result
file (docs/OUTPUT.md, "The checksum in the user block"), checked before h5py
reads a byte of the file. libhdf5 may crash or loop on a damaged file, which
in a notebook takes the kernel with it; a file whose bytes no longer match
its record is refused with one line instead.

A file with no record (HDF5's signature at byte 0: written by havens before
it carried one, or by another program) is read as before. A file changed on
purpose after havens wrote it (h5py's "r+") carries a stale record; it is
refused unless the caller asks for it anyway (`verify=False`)."""
import os
import re
import stat

import xxhash

from .errors import HavensResultError

USER_BLOCK = 512
MEBIBYTE = 1 << 20
HDF5_SIGNATURE = b"\x89HDF\r\n\x1a\n"
# Record 2 (XXH64 by the mebibyte) and record 1 of earlier builds (FNV-1a a
# byte at a time), each exactly as havens writes it, zeros after.
RECORD = re.compile(rb"havens-checksum (?P<version>[12])\nlength (?P<length>[1-9][0-9]{0,19})\n"
                    rb"(?P<field>xxh64-mib|fnv1a64) (?P<digest>[0-9a-f]{16})\n")
FIELD = {b"2": b"xxh64-mib", b"1": b"fnv1a64"}
CHANGED = "the file was changed after havens wrote it"


def _record(block):
    """(version, length, digest) of a block that is exactly a record havens
    writes, else None."""
    match = RECORD.match(block)
    if match is None or FIELD[match["version"]] != match["field"]:
        return None
    if any(block[match.end():]):
        return None
    return int(match["version"]), int(match["length"]), match["digest"].decode()


def xxh64_by_mebibyte(f):
    """XXH64 (seed 0) of the XXH64 hashes of each mebibyte read from `f`, each
    as 8 bytes little-endian, as 16 hexadecimal digits."""
    hashes = bytearray()
    while piece := f.read(MEBIBYTE):
        hashes += xxhash.xxh64_intdigest(piece).to_bytes(8, "little")
    return xxhash.xxh64_hexdigest(bytes(hashes))


def verify_checksum(path):
    """Raises HavensResultError (one line, naming the path) where the file's
    checksum record is damaged or does not match its length or its bytes.
    Record 1 is checked for its form and the file's length only: hashed a
    byte at a time in Python it would take minutes for a large file (`havens
    info` checks its hash)."""
    with open(path, "rb") as f:
        info = os.fstat(f.fileno())
        if not stat.S_ISREG(info.st_mode):
            return  # h5py says what it is
        head = f.read(USER_BLOCK + len(HDF5_SIGNATURE))
        if head.startswith(HDF5_SIGNATURE):
            return  # no user block: written before havens carried a checksum
        record = _record(head[:USER_BLOCK])
        if record is None:
            if head[USER_BLOCK:] == HDF5_SIGNATURE:
                raise HavensResultError(path, f"damaged: its checksum record is unreadable ({CHANGED})")
            return  # not an HDF5 file at all: h5py says so
        version, length, digest = record
        if length != info.st_size:
            raise HavensResultError(path, f"damaged: {info.st_size} bytes where havens wrote {length} "
                                    "(cut short or extended since; verify=False reads it anyway)")
        if version == 2:
            f.seek(USER_BLOCK)
            if xxh64_by_mebibyte(f) != digest:
                raise HavensResultError(path, f"damaged: its checksum does not match ({CHANGED}; "
                                        "verify=False reads it anyway)")
