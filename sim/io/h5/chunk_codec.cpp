#include "io/h5/chunk_codec.hpp"

#include <zlib.h>

#include <stdexcept>

namespace havens::h5 {

std::vector<unsigned char> shuffle_and_deflate(std::span<const unsigned char> values,
                                               std::size_t element_size) {
    const std::size_t elements = element_size > 0 ? values.size() / element_size : 0;
    if (element_size == 0 || elements * element_size != values.size()) {
        throw std::logic_error("shuffle_and_deflate: not a whole number of elements");
    }
    std::vector<unsigned char> shuffled(values.size());
    if (element_size == 1) {
        shuffled.assign(values.begin(), values.end());
    } else {
        for (std::size_t i = 0; i < elements; ++i) {
            const unsigned char* element = values.data() + i * element_size;
            for (std::size_t b = 0; b < element_size; ++b) shuffled[b * elements + i] = element[b];
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
