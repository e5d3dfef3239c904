#include "io/streamed_array.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

#include "io/h5/chunk_codec.hpp"

namespace havens::result_sections {

namespace {

std::size_t product(const h5::Shape& s, std::size_t from, std::size_t to) {
    std::size_t p = 1;
    for (std::size_t a = from; a < to; ++a) p *= s[a];
    return p;
}

hsize_t ceil_div(hsize_t a, hsize_t b) { return (a + b - 1) / b; }

// `bytes` (whole values) of `fill` repeated: zeros at once, else by doubling.
std::vector<unsigned char> filled(std::size_t bytes, const std::vector<unsigned char>& fill) {
    if (std::all_of(fill.begin(), fill.end(), [](unsigned char b) { return b == 0; })) {
        return std::vector<unsigned char>(bytes, 0);
    }
    std::vector<unsigned char> out(bytes);
    std::size_t done = std::min(fill.size(), bytes);
    std::memcpy(out.data(), fill.data(), done);
    while (done < bytes) {
        const std::size_t n = std::min(done, bytes - done);
        std::memcpy(out.data() + done, out.data(), n);
        done += n;
    }
    return out;
}

}  // namespace

StreamedArray::StreamedArray(h5::Shape shape, h5::Shape chunk, std::size_t leading,
                             std::vector<unsigned char> fill,
                             const std::function<bool(std::span<const hsize_t>)>& expected)
    : shape_(std::move(shape)),
      chunk_(std::move(chunk)),
      leading_(leading),
      element_(fill.size()),
      fill_(std::move(fill)) {
    if (leading_ == 0 || leading_ > shape_.size() || chunk_.size() != shape_.size() ||
        element_ == 0) {
        throw std::logic_error("StreamedArray: leading axes, chunk and shape disagree");
    }
    for (std::size_t a = 1; a < leading_; ++a) {
        if (chunk_[a] != 1) throw std::logic_error("StreamedArray: a slice axis chunked by more");
    }
    slice_bytes_ = element_ * product(shape_, leading_, shape_.size());
    block_slices_ = chunk_[0];
    for (std::size_t a = 0; a < leading_; ++a) blocks_.push_back(ceil_div(shape_[a], chunk_[a]));
    block_.resize(product(blocks_, 0, leading_));
    added_.assign(product(shape_, 0, leading_), 0);
    // A block is compressed as soon as every slice that will come is in.
    h5::Shape index(leading_, 0);
    for (std::size_t s = 0; s < added_.size(); ++s) {
        std::size_t rest = s;
        for (std::size_t a = leading_; a-- > 0;) {
            index[a] = rest % shape_[a];
            rest /= shape_[a];
        }
        if (expected(index)) ++block_[block_of(index)].expected;
    }
}

std::size_t StreamedArray::block_of(std::span<const hsize_t> index) const {
    std::size_t b = 0;
    for (std::size_t a = 0; a < leading_; ++a) b = b * blocks_[a] + index[a] / chunk_[a];
    return b;
}

std::size_t StreamedArray::slice_of(std::span<const hsize_t> index) const {
    std::size_t s = 0;
    for (std::size_t a = 0; a < leading_; ++a) s = s * shape_[a] + index[a];
    return s;
}

bool StreamedArray::has(std::span<const hsize_t> index) {
    std::lock_guard lock(mutex_);
    return added_.at(slice_of(index)) != 0;
}

h5::Shape StreamedArray::block_origin(std::size_t block) const {
    h5::Shape origin(leading_);
    for (std::size_t a = leading_; a-- > 0;) {
        origin[a] = (block % blocks_[a]) * chunk_[a];
        block /= blocks_[a];
    }
    return origin;
}

void StreamedArray::add(std::span<const hsize_t> index, std::span<const unsigned char> values) {
    if (index.size() != leading_ || values.size() != slice_bytes_) {
        throw std::logic_error("StreamedArray::add: a slice of the wrong size");
    }
    for (std::size_t a = 0; a < leading_; ++a) {
        if (index[a] >= shape_[a]) throw std::logic_error("StreamedArray::add: outside the array");
    }
    const std::size_t b = block_of(index);
    const std::size_t at = (index[0] % chunk_[0]) * slice_bytes_;
    std::vector<unsigned char> complete;
    {
        std::lock_guard lock(mutex_);
        Block& block = block_[b];
        if (block.sealed || block.stored || added_[slice_of(index)]) {
            throw std::logic_error("StreamedArray::add: a slice added twice, or not expected");
        }
        added_[slice_of(index)] = 1;
        if (block.values.empty()) block.values = filled(block_slices_ * slice_bytes_, fill_);
        std::memcpy(block.values.data() + at, values.data(), values.size());
        ++block.added;
        if (block.expected > 0 && block.added == block.expected) {
            block.sealed = true;
            complete.swap(block.values);
        }
    }
    if (complete.empty()) return;
    // Compressed outside the lock: the other slices of this block are in,
    // and the writer reaches it only after this run is handed to it.
    auto chunks = compress(complete);
    std::lock_guard lock(mutex_);
    block_[b].chunks = std::move(chunks);
    block_[b].compressed = true;
}

std::vector<h5::Shape> StreamedArray::chunk_offsets(std::size_t block) const {
    const h5::Shape origin = block_origin(block);
    std::vector<h5::Shape> offsets;
    h5::Shape grid;
    for (std::size_t a = leading_; a < shape_.size(); ++a) {
        grid.push_back(ceil_div(shape_[a], chunk_[a]));
    }
    const std::size_t count = product(grid, 0, grid.size());
    for (std::size_t c = 0; c < count; ++c) {
        h5::Shape offset = origin;
        offset.resize(shape_.size());
        std::size_t rest = c;
        for (std::size_t t = grid.size(); t-- > 0;) {
            offset[leading_ + t] = (rest % grid[t]) * chunk_[leading_ + t];
            rest /= grid[t];
        }
        offsets.push_back(std::move(offset));
    }
    return offsets;
}

std::vector<std::vector<unsigned char>> StreamedArray::compress(
    const std::vector<unsigned char>& values) const {
    const std::size_t rank = shape_.size();
    // Bytes between neighbours along each trailing axis: in a slice, and in
    // a chunk's slice.
    std::vector<std::size_t> in_slice(rank, element_), in_chunk(rank, element_);
    for (std::size_t a = rank - 1; a-- > leading_;) {
        in_slice[a] = in_slice[a + 1] * shape_[a + 1];
        in_chunk[a] = in_chunk[a + 1] * chunk_[a + 1];
    }
    const std::size_t chunk_slice = element_ * product(chunk_, leading_, rank);
    std::vector<std::vector<unsigned char>> out;
    for (const h5::Shape& offset : chunk_offsets(0)) {
        std::vector<unsigned char> chunk = filled(block_slices_ * chunk_slice, fill_);
        // The part of each slice inside the chunk, axis by axis.
        const auto copy = [&](const auto& self, std::size_t a, const unsigned char* from,
                              unsigned char* to) -> void {
            const hsize_t start = offset[a];
            const hsize_t n = std::min<hsize_t>(chunk_[a], shape_[a] - start);
            if (a + 1 == rank) {
                std::memcpy(to, from + start * element_, n * element_);
                return;
            }
            for (hsize_t i = 0; i < n; ++i) {
                self(self, a + 1, from + (start + i) * in_slice[a], to + i * in_chunk[a]);
            }
        };
        for (std::size_t s = 0; s < block_slices_; ++s) {
            const unsigned char* slice = values.data() + s * slice_bytes_;
            unsigned char* into = chunk.data() + s * chunk_slice;
            if (leading_ == rank) {
                std::memcpy(into, slice, slice_bytes_);
            } else {
                copy(copy, leading_, slice, into);
            }
        }
        out.push_back(h5::shuffle_and_deflate(chunk, element_));
    }
    return out;
}

void StreamedArray::store_through(const h5::Location& dataset, hsize_t end) {
    for (; next_store_ < block_.size(); ++next_store_) {
        const std::size_t b = next_store_;
        if (std::min<hsize_t>(block_origin(b)[0] + chunk_[0], shape_[0]) > end) break;
        std::vector<std::vector<unsigned char>> chunks;
        {
            std::lock_guard lock(mutex_);
            Block& block = block_[b];
            block.stored = true;
            if (block.added == 0) continue;
            if (block.sealed && !block.compressed) {
                throw std::logic_error("StreamedArray: a block stored while it was compressed");
            }
            if (!block.compressed) {
                block.chunks = compress(block.values);
                block.compressed = true;
            }
            chunks.swap(block.chunks);
            std::vector<unsigned char>().swap(block.values);
        }
        const std::vector<h5::Shape> offsets = chunk_offsets(b);
        for (std::size_t c = 0; c < chunks.size(); ++c) dataset.write_chunk(offsets[c], chunks[c]);
    }
}

}  // namespace havens::result_sections
