// A small HDF5 layer in the manner of HighFive: files and groups as RAII
// objects, typed writes of row-major arrays and UTF-8 strings, attributes,
// and netCDF-style dimension scales so that xarray labels every axis.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "io/h5/handle.hpp"

namespace havens::h5 {

template <typename T>
hid_t native_type();
template <>
inline hid_t native_type<std::int8_t>() {
    return H5T_NATIVE_INT8;
}
template <>
inline hid_t native_type<std::uint8_t>() {
    return H5T_NATIVE_UINT8;
}
template <>
inline hid_t native_type<std::int16_t>() {
    return H5T_NATIVE_INT16;
}
template <>
inline hid_t native_type<std::uint16_t>() {
    return H5T_NATIVE_UINT16;
}
template <>
inline hid_t native_type<std::int32_t>() {
    return H5T_NATIVE_INT32;
}
template <>
inline hid_t native_type<std::uint32_t>() {
    return H5T_NATIVE_UINT32;
}
template <>
inline hid_t native_type<std::int64_t>() {
    return H5T_NATIVE_INT64;
}
template <>
inline hid_t native_type<std::uint64_t>() {
    return H5T_NATIVE_UINT64;
}
template <>
inline hid_t native_type<double>() {
    return H5T_NATIVE_DOUBLE;
}
template <>
inline hid_t native_type<float>() {
    return H5T_NATIVE_FLOAT;
}

using Shape = std::vector<hsize_t>;

// A dataset's shape with its dimension names (each name a scale in scope).
struct DatasetInfo {
    Shape shape;
    std::vector<std::string> dimensions;
    std::string type;  // "int", "float", "string", ...
};

class Location {
public:
    Location(Handle handle, std::string path, std::string file_path)
        : handle_(std::move(handle)), path_(std::move(path)), file_path_(std::move(file_path)) {}

    hid_t id() const { return handle_.id(); }
    // Closes it, checked (a file is flushed first, and a file made by
    // create_file then gets its checksum): OutputError naming the file and
    // the object if the data cannot be written. Without it the destructor
    // closes quietly, for the error path only, and writes no checksum.
    void close();
    const std::string& path() const { return path_; }
    const std::string& file_path() const { return file_path_; }

    Location create_group(const std::string& name) const;
    // A dataset as a location, to put attributes on it.
    Location open_dataset(const std::string& name) const;
    Location open_group(const std::string& name) const;
    bool exists(const std::string& name) const;
    std::vector<std::string> children() const;

    // Compressed and chunked when `compress` (large arrays, event logs).
    // `data` must hold exactly the shape's values: HDF5 would read past a
    // shorter span, so a mismatch (a caller's bug) is a logic_error first.
    template <typename T>
    void write(const std::string& name, const Shape& shape, std::span<const T> data,
               bool compress = false) const {
        check_size(name, shape, data.size());
        write_raw(name, shape, native_type<T>(), data.data(), compress);
    }
    void write_strings(const std::string& name, const std::vector<std::string>& values) const;

    // A dataset whose values arrive later, a block at a time (write_block on
    // the Location returned): chunked by `chunk` and compressed when one is
    // given, with a chunk cache of `cache_bytes` (0: HDF5's default), else
    // contiguous; values never written read as `fill`.
    template <typename T>
    Location create_array(const std::string& name, const Shape& shape, const Shape& chunk, T fill,
                          std::size_t cache_bytes = 0) const {
        return create_array_raw(name, shape, chunk, native_type<T>(), &fill, cache_bytes);
    }
    // A 1-D dataset of unknown length, grown by append (chunked, compressed).
    template <typename T>
    Location create_column(const std::string& name) const {
        return create_column_raw(name, native_type<T>());
    }
    // On a column: writes `data` after its first `at` values, growing it.
    template <typename T>
    void append(hsize_t at, std::span<const T> data) const {
        append_raw(at, data.size(), native_type<T>(), data.data());
    }
    // On a dataset: writes `data` (row-major) into the block that starts at
    // `start` and spans `count`.
    template <typename T>
    void write_block(const Shape& start, const Shape& count, std::span<const T> data) const {
        check_size("", count, data.size());
        write_block_raw(start, count, native_type<T>(), data.data());
    }

    // On a dataset made by create_array with a chunk: stores the chunk that
    // starts at `offset` as it is, already filtered (shuffle_and_deflate of
    // the whole chunk, padded past the dataset's edge).
    void write_chunk(const Shape& offset, std::span<const unsigned char> stored) const;

    // A 1-D coordinate variable named after its dimension, marked as a scale.
    template <typename T>
    void write_coordinate(const std::string& dimension, std::span<const T> values) const {
        write<T>(dimension, {values.size()}, values);
        make_scale(dimension);
    }
    void write_coordinate_strings(const std::string& dimension,
                                  const std::vector<std::string>& labels) const {
        write_strings(dimension, labels);
        make_scale(dimension);
    }
    // Marks the dataset `dimension` of this group as the scale of that dimension.
    void make_scale(const std::string& dimension) const;
    // Attaches the named scales (in this group) to the dataset's axes, in order.
    void attach_dimensions(const std::string& dataset,
                           const std::vector<std::string>& dimensions) const;

    void set_attribute(const std::string& name, const std::string& value) const;
    void set_attribute(const std::string& name, std::int64_t value) const;
    void set_attribute(const std::string& name, double value) const;
    // A numeric attribute of the dataset's own type (CF's _FillValue must
    // match it), as a scalar or a 1-D array (flag_values).
    template <typename T>
    void set_typed_attribute(const std::string& name, T value) const {
        write_attribute(name, native_type<T>(), &value, 1, true);
    }
    template <typename T>
    void set_attribute_values(const std::string& name, std::span<const T> values) const {
        write_attribute(name, native_type<T>(), values.data(), values.size(), false);
    }

    std::string string_attribute(const std::string& name) const;
    std::int64_t integer_attribute(const std::string& name) const;
    bool has_attribute(const std::string& name) const;

    DatasetInfo info(const std::string& dataset) const;
    // The shape alone (no dimension scales are followed).
    Shape shape(const std::string& dataset) const;
    template <typename T>
    std::vector<T> read(const std::string& dataset) const {
        std::vector<T> out(element_count(dataset));
        read_raw(dataset, native_type<T>(), out.data());
        return out;
    }
    std::vector<std::string> read_strings(const std::string& dataset) const;
    // The block of `dataset` that starts at `start` and spans `count`, row-major.
    template <typename T>
    std::vector<T> read_block(const std::string& dataset, const Shape& start,
                              const Shape& count) const {
        std::size_t n = 1;
        for (hsize_t c : count) n *= c;
        std::vector<T> out(n);
        read_block_raw(dataset, start, count, native_type<T>(), out.data());
        return out;
    }

private:
    void check_size(const std::string& name, const Shape& shape, std::size_t values) const;
    void write_raw(const std::string& name, const Shape& shape, hid_t type, const void* data,
                   bool compress) const;
    void read_raw(const std::string& name, hid_t type, void* data) const;
    void read_block_raw(const std::string& name, const Shape& start, const Shape& count, hid_t type,
                        void* data) const;
    Location create_array_raw(const std::string& name, const Shape& shape, const Shape& chunk,
                              hid_t type, const void* fill, std::size_t cache_bytes) const;
    Location create_column_raw(const std::string& name, hid_t type) const;
    void append_raw(hsize_t at, hsize_t count, hid_t type, const void* data) const;
    void write_block_raw(const Shape& start, const Shape& count, hid_t type,
                         const void* data) const;
    std::size_t element_count(const std::string& name) const;
    void set_scalar_attribute(const std::string& name, hid_t file_type, hid_t memory_type,
                              const void* value) const;
    void write_attribute(const std::string& name, hid_t type, const void* values, hsize_t count,
                         bool scalar) const;
    std::string child_path(const std::string& name) const;

    Handle handle_;
    std::string path_;
    std::string file_path_;
    bool checksum_on_close_ = false;  // a file create_file made

    friend Location create_file(const std::string& path);
};

// Creates (truncating) a file for writing, with the user block that will hold
// its checksum (io/h5/checksum.hpp); the root group as a Location. Closing it
// closes every object still open in it (H5F_CLOSE_STRONG), so that a
// successful close() means the whole file is on disk, and then writes the
// checksum: the file must not be written again.
Location create_file(const std::string& path);
// Opens an existing file read-only once its checksum matches: InputError
// names the path if it does not (damaged, written without one, not HDF5),
// before libhdf5 reads a byte of it.
Location open_file(const std::string& path);

}  // namespace havens::h5
