#include "io/h5/chunk_codec.hpp"

#include <zlib.h>

#include <stdexcept>

namespace havens::h5 {

namespace {

// Byte b of element i to b * elements + i, for a size the compiler unrolls.
template <std::size_t Size>
void shuffle(const unsigned char* in, unsigned char* out, std::size_t elements) {
    for (std::size_t i = 0; i < elements; ++i) {
        for (std::size_t b = 0; b < Size; ++b) out[b * elements + i] = in[i * Size + b];
    }
}

}  // namespace

std::vector<unsigned char> shuffle_and_deflate(std::span<const unsigned char> values,
                                               std::size_t element_size) {
    const std::size_t elements = element_size > 0 ? values.size() / element_size : 0;
    if (element_size == 0 || elements * element_size != values.size()) {
        throw std::logic_error("shuffle_and_deflate: not a whole number of elements");
    }
    std::vector<unsigned char> shuffled(values.size());
    switch (element_size) {
        case 1: shuffled.assign(values.begin(), values.end()); break;
        case 2: shuffle<2>(values.data(), shuffled.data(), elements); break;
        case 4: shuffle<4>(values.data(), shuffled.data(), elements); break;
        case 8: shuffle<8>(values.data(), shuffled.data(), elements); break;
        default:
            for (std::size_t i = 0; i < elements; ++i) {
                for (std::size_t b = 0; b < element_size; ++b) {
                    shuffled[b * elements + i] = values[i * element_size + b];
                }
            }
    }
    uLongf size = compressBound(static_cast<uLong>(shuffled.size()));
    std::vector<unsigned char> out(size);
    if (compress2(out.data(), &size, shuffled.data(), static_cast<uLong>(shuffled.size()),
                  deflate_level) != Z_OK) {
        throw std::runtime_error("zlib could not compress a chunk");
    }
    out.resize(size);
    return out;
}

}  // namespace havens::h5
