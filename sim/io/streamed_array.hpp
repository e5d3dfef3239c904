// A compressed array of a result file filled run by run while the runs go
// on (docs/ARCHITECTURE.md, "Writing while the runs go on"). The thread that
// ran a run copies its values (a slice: one index on each leading axis,
// every value of the others) into the block of chunks it belongs to; the
// thread that completes a block shuffles and deflates its chunks there and
// then. The one thread that calls HDF5 only stores the bytes, in block order
// (store_through), so the file is the same whichever thread compressed what.
// Internal to io/.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <mutex>
#include <span>
#include <vector>

#include "io/h5/file.hpp"

namespace havens::result_sections {

class StreamedArray {
public:
    // `shape` and `chunk` are the dataset's (create_array with that chunk);
    // its first `leading` axes index the slices, and the chunk is 1 along
    // each of them but the first. `fill` is the bytes of one value (the
    // dataset's fill); `expected(index)` tells whether the slice at `index`
    // (`leading` values) will be added, so that a block is compressed as
    // soon as its last expected slice is in (a slice not expected must not
    // come: its block may be compressed already).
    StreamedArray(h5::Shape shape, h5::Shape chunk, std::size_t leading,
                  std::vector<unsigned char> fill,
                  const std::function<bool(std::span<const hsize_t>)>& expected);
    StreamedArray(const StreamedArray&) = delete;
    StreamedArray& operator=(const StreamedArray&) = delete;

    // Any thread: the slice at `index`, `values` row-major (one slice's
    // bytes). A slice added twice, or after its block was compressed, is a
    // logic_error.
    void add(std::span<const hsize_t> index, std::span<const unsigned char> values);

    // Whether the slice at `index` was added.
    bool has(std::span<const hsize_t> index);

    // The writing thread: stores every block that lies wholly before `end`
    // along the first axis and was not stored yet, in block order. A block
    // still missing slices (a point that stopped short of its slots) is
    // compressed here, what is missing reading as the fill; a block with no
    // slice is left unwritten (HDF5 reads it as the fill).
    void store_through(const h5::Location& dataset, hsize_t end);

private:
    struct Block {
        std::vector<unsigned char> values;  // its slices in order, padded to whole chunks
        std::size_t added = 0;
        std::size_t expected = 0;
        std::vector<std::vector<unsigned char>> chunks;  // compressed, in chunk order
        bool sealed = false;  // every expected slice in: taken to be compressed
        bool compressed = false;
        bool stored = false;
    };
    std::size_t block_of(std::span<const hsize_t> index) const;
    std::size_t slice_of(std::span<const hsize_t> index) const;
    h5::Shape block_origin(std::size_t block) const;
    std::vector<std::vector<unsigned char>> compress(
        const std::vector<unsigned char>& values) const;
    std::vector<h5::Shape> chunk_offsets(std::size_t block) const;

    h5::Shape shape_, chunk_;
    std::size_t leading_;
    std::size_t element_;  // bytes of one value
    std::vector<unsigned char> fill_;
    std::size_t slice_bytes_ = 0;   // one slice: every value of the trailing axes
    std::size_t block_slices_ = 0;  // chunk[0]: slices in a block, padding included
    h5::Shape blocks_;              // along each leading axis
    std::mutex mutex_;
    std::vector<Block> block_;
    std::vector<std::uint8_t> added_;  // per slice, row-major over the leading axes
    std::size_t next_store_ = 0;       // blocks before it are stored
};

}  // namespace havens::result_sections
