// The integrity check in front of libhdf5. Every file havens creates starts
// with an HDF5 user block (HDF5 itself, h5py and h5dump skip it) into which
// the finished file's length and a hash of every byte after the block are
// written. A reader checks them before libhdf5 parses anything, because
// libhdf5 reads out of bounds or loops on some damaged files before it can
// return an error (docs/RELIABILITY.md).
#pragma once

#include <cstdint>
#include <string>

namespace havens::h5 {

// Where HDF5 puts the superblock of a file havens wrote; the record fills the
// bytes before it, zero-padded.
inline constexpr std::uint64_t user_block_size = 512;

// Writes the record into the user block of the complete file at `path` (closed
// by HDF5, never to be written again); OutputError if it cannot.
void write_checksum(const std::string& path);

// Refuses, as InputError naming the file, anything but a file whose record
// matches its bytes: a damaged file, a file written without a record (by an
// older havens), or a file that is not HDF5. OutputError if it cannot be read.
void verify_checksum(const std::string& path);

}  // namespace havens::h5
