// A chunk's bytes as HDF5's shuffle and deflate filters store them
// (H5Pset_shuffle, then H5Pset_deflate at level 1: compress_in_chunks), made
// outside HDF5 so that any thread can compress a chunk and the one thread
// that calls HDF5 only stores it (Location::write_chunk). Any zlib stream
// of the shuffled bytes reads back the same: HDF5 inflates what it finds.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace havens::h5 {

// The deflate level of every compressed dataset: most of the gain on sparse
// arrays for a fraction of the time.
inline constexpr int deflate_level = 1;

// Byte `b` of element `i` moves to position b * elements + i (HDF5's
// shuffle), then zlib at deflate_level. `values` holds whole elements of
// `element_size` bytes.
std::vector<unsigned char> shuffle_and_deflate(std::span<const unsigned char> values,
                                               std::size_t element_size);

}  // namespace havens::h5
