#include "io/h5/file.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <functional>
#include <numeric>
#include <stdexcept>

#include "core/errors.hpp"
#include "io/h5/checksum.hpp"
#include "io/h5/chunk_codec.hpp"

namespace havens::h5 {

namespace {

Handle variable_string_type(const std::string& file, const std::string& what) {
    Handle type(check_id(H5Tcopy(H5T_C_S1), file, "cannot make a string type for " + what),
                H5Tclose);
    check(H5Tset_size(type.id(), H5T_VARIABLE), file, "cannot make a string type for " + what);
    check(H5Tset_cset(type.id(), H5T_CSET_UTF8), file, "cannot make a string type for " + what);
    return type;
}

Handle scalar_space(const std::string& file, const std::string& what) {
    return Handle(check_id(H5Screate(H5S_SCALAR), file, "cannot make a dataspace for " + what),
                  H5Sclose);
}

Handle simple_space(const Shape& shape, const std::string& file, const std::string& what) {
    return Handle(check_id(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                           file, "cannot make a dataspace for " + what),
                  H5Sclose);
}

// Chunked by `chunk`, shuffled and deflated (what shuffle_and_deflate
// makes of a chunk outside HDF5).
void compress_in_chunks(hid_t props, const Shape& chunk, const std::string& file,
                        const std::string& where) {
    check(H5Pset_chunk(props, static_cast<int>(chunk.size()), chunk.data()), file,
          "cannot chunk " + where);
    check(H5Pset_shuffle(props), file, "cannot shuffle " + where);
    check(H5Pset_deflate(props, deflate_level), file, "cannot compress " + where);
}

// Reading an attribute of several values into one would overrun the buffer.
void require_one_value(hid_t attribute, const std::string& file, const std::string& what) {
    Handle space(check_id(H5Aget_space(attribute), file, "cannot read the shape of " + what),
                 H5Sclose);
    const hssize_t points = H5Sget_simple_extent_npoints(space.id());
    check(points < 0 ? -1 : 0, file, "cannot read the shape of " + what);
    if (points != 1) throw OutputError(file, what + " does not hold one value");
    space.close(file, "cannot read the shape of " + what);
}

// The name of the first scale attached to `axis` of a dataset ("" if none).
herr_t first_scale_name(hid_t, unsigned, hid_t scale, void* out) {
    char buffer[256] = {0};
    if (H5DSget_scale_name(scale, buffer, sizeof buffer) < 0) return -1;
    *static_cast<std::string*>(out) = buffer;
    return 1;
}

}  // namespace

std::string Location::child_path(const std::string& name) const {
    return path_ == "/" ? "/" + name : path_ + "/" + name;
}

void Location::close() {
    silence_library_errors();
    if (!handle_) return;
    if (H5Iget_type(handle_.id()) == H5I_FILE) {
        // Flushed first: what a full disk refuses shows here, before the close.
        check(H5Fflush(handle_.id(), H5F_SCOPE_LOCAL), file_path_, "cannot write the file to disk");
        handle_.close(file_path_, "cannot close the file");
        if (checksum_on_close_) write_checksum(file_path_);
    } else {
        handle_.close(file_path_, "cannot close " + path_);
    }
}

Location Location::create_group(const std::string& name) const {
    silence_library_errors();
    const std::string where = child_path(name);
    Handle g(check_id(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      file_path_, "cannot create group " + where),
             H5Gclose);
    return Location(std::move(g), where, file_path_);
}

Location Location::open_dataset(const std::string& name) const {
    silence_library_errors();
    const std::string where = child_path(name);
    Handle d(check_id(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                      "cannot open dataset " + where),
             H5Dclose);
    return Location(std::move(d), where, file_path_);
}

Location Location::open_group(const std::string& name) const {
    silence_library_errors();
    const std::string where = child_path(name);
    if (!exists(name)) throw OutputError(file_path_, "no group " + where);
    Handle g(check_id(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                      "cannot open group " + where),
             H5Gclose);
    return Location(std::move(g), where, file_path_);
}

bool Location::exists(const std::string& name) const {
    silence_library_errors();
    const htri_t found = H5Lexists(id(), name.c_str(), H5P_DEFAULT);
    check(found < 0 ? -1 : 0, file_path_, "cannot look up " + child_path(name));
    return found > 0;
}

std::vector<std::string> Location::children() const {
    silence_library_errors();
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
    };
    check(H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), file_path_,
          "cannot list " + path_);
    return names;
}

void Location::check_size(const std::string& name, const Shape& shape, std::size_t values) const {
    const std::size_t expected =
        std::accumulate(shape.begin(), shape.end(), std::size_t{1}, std::multiplies<>());
    if (values != expected) {
        throw std::logic_error(child_path(name) + ": " + std::to_string(values) +
                               " values for a shape of " + std::to_string(expected));
    }
}

void Location::write_raw(const std::string& name, const Shape& shape, hid_t type, const void* data,
                         bool compress) const {
    silence_library_errors();
    const std::string where = child_path(name);
    const std::string failed = "cannot write dataset " + where;
    Handle space = simple_space(shape, file_path_, where);
    Handle props(check_id(H5Pcreate(H5P_DATASET_CREATE), file_path_,
                          "cannot make the creation properties of " + where),
                 H5Pclose);
    const bool nonempty = std::all_of(shape.begin(), shape.end(), [](hsize_t d) { return d > 0; });
    if (compress && nonempty && !shape.empty()) {
        Shape chunk = shape;
        // Chunks of about a megabyte along the first axis.
        hsize_t row = 1;
        for (std::size_t i = 1; i < chunk.size(); ++i) row *= chunk[i];
        chunk[0] = std::clamp<hsize_t>((1u << 17) / std::max<hsize_t>(row, 1), 1, shape[0]);
        compress_in_chunks(props.id(), chunk, file_path_, where);
    }
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, props.id(),
                                   H5P_DEFAULT),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    if (nonempty) {
        check(H5Dwrite(set.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file_path_, failed);
    }
    // Closing writes what HDF5 buffered (the sieve buffer, the last chunk).
    set.close(file_path_, failed);
    props.close(file_path_, failed);
    space.close(file_path_, failed);
}

Location Location::create_array_raw(const std::string& name, const Shape& shape, const Shape& chunk,
                                    hid_t type, const void* fill, std::size_t cache_bytes) const {
    silence_library_errors();
    const std::string where = child_path(name);
    Handle space = simple_space(shape, file_path_, where);
    Handle props(check_id(H5Pcreate(H5P_DATASET_CREATE), file_path_,
                          "cannot make the creation properties of " + where),
                 H5Pclose);
    check(H5Pset_fill_value(props.id(), type, fill), file_path_, "cannot set the fill of " + where);
    const bool nonempty = std::all_of(shape.begin(), shape.end(), [](hsize_t d) { return d > 0; });
    if (!chunk.empty() && nonempty) {
        compress_in_chunks(props.id(), chunk, file_path_, where);
    } else {
        // Room is made at the first write; slots never written read as the fill.
        check(H5Pset_alloc_time(props.id(), H5D_ALLOC_TIME_LATE), file_path_,
              "cannot lay out " + where);
    }
    Handle access(check_id(H5Pcreate(H5P_DATASET_ACCESS), file_path_,
                           "cannot make the access properties of " + where),
                  H5Pclose);
    if (cache_bytes > 0) {
        // w0 = 1: a chunk written whole leaves the cache first.
        check(H5Pset_chunk_cache(access.id(), 12421, cache_bytes, 1.0), file_path_,
              "cannot size the chunk cache of " + where);
    }
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, props.id(),
                                   access.id()),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    access.close(file_path_, "cannot create dataset " + where);
    props.close(file_path_, "cannot create dataset " + where);
    space.close(file_path_, "cannot create dataset " + where);
    return Location(std::move(set), where, file_path_);
}

Location Location::create_column_raw(const std::string& name, hid_t type) const {
    silence_library_errors();
    const std::string where = child_path(name);
    const hsize_t none = 0, unlimited = H5S_UNLIMITED;
    Handle space(check_id(H5Screate_simple(1, &none, &unlimited), file_path_,
                          "cannot make a dataspace for " + where),
                 H5Sclose);
    Handle props(check_id(H5Pcreate(H5P_DATASET_CREATE), file_path_,
                          "cannot make the creation properties of " + where),
                 H5Pclose);
    compress_in_chunks(props.id(), {hsize_t{1} << 15}, file_path_, where);
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, props.id(),
                                   H5P_DEFAULT),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    props.close(file_path_, "cannot create dataset " + where);
    space.close(file_path_, "cannot create dataset " + where);
    return Location(std::move(set), where, file_path_);
}

void Location::append_raw(hsize_t at, hsize_t count, hid_t type, const void* data) const {
    silence_library_errors();
    if (count == 0) return;
    const hsize_t size = at + count;
    check(H5Dset_extent(id(), &size), file_path_, "cannot grow dataset " + path_);
    write_block_raw({at}, {count}, type, data);
}

void Location::write_block_raw(const Shape& start, const Shape& count, hid_t type,
                               const void* data) const {
    silence_library_errors();
    const std::string failed = "cannot write into dataset " + path_;
    if (std::any_of(count.begin(), count.end(), [](hsize_t d) { return d == 0; })) return;
    Handle file_space(check_id(H5Dget_space(id()), file_path_, failed), H5Sclose);
    check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr),
          file_path_, failed);
    Handle memory_space = simple_space(count, file_path_, path_);
    check(H5Dwrite(id(), type, memory_space.id(), file_space.id(), H5P_DEFAULT, data), file_path_,
          failed);
}

void Location::write_chunk(const Shape& offset, std::span<const unsigned char> stored) const {
    silence_library_errors();
    check(H5Dwrite_chunk(id(), H5P_DEFAULT, 0, offset.data(), stored.size(), stored.data()),
          file_path_, "cannot write a chunk of dataset " + path_);
}

void Location::write_strings(const std::string& name,
                             const std::vector<std::string>& values) const {
    silence_library_errors();
    const std::string where = child_path(name);
    const std::string failed = "cannot write dataset " + where;
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v.c_str());
    const hsize_t n = values.size();
    Handle space = simple_space({n}, file_path_, where);
    Handle type = variable_string_type(file_path_, where);
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    if (n > 0) {
        check(H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
              file_path_, failed);
    }
    set.close(file_path_, failed);
    type.close(file_path_, failed);
    space.close(file_path_, failed);
}

void Location::make_scale(const std::string& dimension) const {
    silence_library_errors();
    const std::string failed = "cannot make " + child_path(dimension) + " a dimension scale";
    Handle set(check_id(H5Dopen2(id(), dimension.c_str(), H5P_DEFAULT), file_path_,
                        "cannot open " + child_path(dimension)),
               H5Dclose);
    check(H5DSset_scale(set.id(), dimension.c_str()), file_path_, failed);
    set.close(file_path_, failed);
}

void Location::attach_dimensions(const std::string& dataset,
                                 const std::vector<std::string>& dimensions) const {
    silence_library_errors();
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "cannot open " + child_path(dataset)),
               H5Dclose);
    for (std::size_t axis = 0; axis < dimensions.size(); ++axis) {
        const std::string failed =
            "cannot attach " + dimensions[axis] + " to " + child_path(dataset);
        Handle scale(check_id(H5Dopen2(id(), dimensions[axis].c_str(), H5P_DEFAULT), file_path_,
                              "no dimension scale " + child_path(dimensions[axis])),
                     H5Dclose);
        check(H5DSattach_scale(set.id(), scale.id(), static_cast<unsigned>(axis)), file_path_,
              failed);
        scale.close(file_path_, failed);
    }
    set.close(file_path_, "cannot attach dimensions to " + child_path(dataset));
}

void Location::set_attribute(const std::string& name, const std::string& value) const {
    silence_library_errors();
    const std::string where = "attribute " + name + " on " + path_;
    const std::string failed = "cannot write " + where;
    // Variable-length UTF-8, so that h5py and xarray read a str, not bytes.
    Handle type = variable_string_type(file_path_, where);
    Handle space = scalar_space(file_path_, where);
    Handle attr(
        check_id(H5Acreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 file_path_, "cannot create " + where),
        H5Aclose);
    const char* text = value.c_str();
    check(H5Awrite(attr.id(), type.id(), &text), file_path_, failed);
    attr.close(file_path_, failed);
    space.close(file_path_, failed);
    type.close(file_path_, failed);
}

void Location::set_scalar_attribute(const std::string& name, hid_t file_type, hid_t memory_type,
                                    const void* value) const {
    silence_library_errors();
    const std::string where = "attribute " + name + " on " + path_;
    const std::string failed = "cannot write " + where;
    Handle space = scalar_space(file_path_, where);
    Handle attr(
        check_id(H5Acreate2(id(), name.c_str(), file_type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                 file_path_, "cannot create " + where),
        H5Aclose);
    check(H5Awrite(attr.id(), memory_type, value), file_path_, failed);
    attr.close(file_path_, failed);
    space.close(file_path_, failed);
}

void Location::write_attribute(const std::string& name, hid_t type, const void* values,
                               hsize_t count, bool scalar) const {
    silence_library_errors();
    const std::string where = "attribute " + name + " on " + path_;
    const std::string failed = "cannot write " + where;
    Handle space(check_id(scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &count, nullptr),
                          file_path_, "cannot describe " + where),
                 H5Sclose);
    Handle attr(check_id(H5Acreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, H5P_DEFAULT),
                         file_path_, "cannot create " + where),
                H5Aclose);
    check(H5Awrite(attr.id(), type, values), file_path_, failed);
    attr.close(file_path_, failed);
    space.close(file_path_, failed);
}

void Location::set_attribute(const std::string& name, std::int64_t value) const {
    set_scalar_attribute(name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void Location::set_attribute(const std::string& name, double value) const {
    set_scalar_attribute(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

bool Location::has_attribute(const std::string& name) const {
    silence_library_errors();
    const htri_t found = H5Aexists(id(), name.c_str());
    check(found < 0 ? -1 : 0, file_path_, "cannot look up attribute " + name + " on " + path_);
    return found > 0;
}

std::string Location::string_attribute(const std::string& name) const {
    silence_library_errors();
    const std::string where = "attribute " + name + " on " + path_;
    const std::string failed = "cannot read " + where;
    Handle attr(check_id(H5Aopen(id(), name.c_str(), H5P_DEFAULT), file_path_, "no " + where),
                H5Aclose);
    require_one_value(attr.id(), file_path_, where);
    Handle type(check_id(H5Aget_type(attr.id()), file_path_, failed), H5Tclose);
    const H5T_class_t cls = H5Tget_class(type.id());
    check(cls == H5T_NO_CLASS ? -1 : 0, file_path_, failed);
    if (cls != H5T_STRING) throw OutputError(file_path_, where + " is not a string");
    const htri_t variable = H5Tis_variable_str(type.id());
    check(variable < 0 ? -1 : 0, file_path_, failed);
    std::string out;
    if (variable > 0) {
        char* text = nullptr;
        Handle memtype = variable_string_type(file_path_, where);
        check(H5Aread(attr.id(), memtype.id(), &text), file_path_, failed);
        out = text ? text : "";
        check(H5free_memory(text), file_path_, failed);
        memtype.close(file_path_, failed);
    } else {
        const std::size_t size = H5Tget_size(type.id());
        check(size == 0 ? -1 : 0, file_path_, failed);
        out.assign(size, '\0');
        check(H5Aread(attr.id(), type.id(), out.data()), file_path_, failed);
        out.erase(std::find(out.begin(), out.end(), '\0'), out.end());
    }
    type.close(file_path_, failed);
    attr.close(file_path_, failed);
    return out;
}

std::int64_t Location::integer_attribute(const std::string& name) const {
    silence_library_errors();
    const std::string where = "attribute " + name + " on " + path_;
    const std::string failed = "cannot read " + where;
    Handle attr(check_id(H5Aopen(id(), name.c_str(), H5P_DEFAULT), file_path_, "no " + where),
                H5Aclose);
    require_one_value(attr.id(), file_path_, where);
    std::int64_t value = 0;
    check(H5Aread(attr.id(), H5T_NATIVE_INT64, &value), file_path_, failed);
    attr.close(file_path_, failed);
    return value;
}

DatasetInfo Location::info(const std::string& dataset) const {
    silence_library_errors();
    const std::string where = child_path(dataset);
    const std::string failed = "cannot describe dataset " + where;
    Handle set(
        check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_, "no dataset " + where),
        H5Dclose);
    DatasetInfo info;
    info.shape = shape(dataset);
    Handle type(check_id(H5Dget_type(set.id()), file_path_, failed), H5Tclose);
    switch (H5Tget_class(type.id())) {
        case H5T_NO_CLASS: check(-1, file_path_, failed); break;
        case H5T_INTEGER: info.type = "int"; break;
        case H5T_FLOAT: info.type = "float"; break;
        case H5T_STRING: info.type = "string"; break;
        default: info.type = "other";
    }
    const htri_t is_scale = H5DSis_scale(set.id());
    check(is_scale < 0 ? -1 : 0, file_path_, failed);
    for (unsigned axis = 0; axis < info.shape.size(); ++axis) {
        std::string name;
        if (is_scale > 0) {
            name = dataset;
        } else {
            const int scales = H5DSget_num_scales(set.id(), axis);
            check(scales < 0 ? -1 : 0, file_path_, "cannot read the dimension scales of " + where);
            if (scales > 0) {
                check(H5DSiterate_scales(set.id(), axis, nullptr, first_scale_name, &name),
                      file_path_, "cannot read the dimension scales of " + where);
            }
        }
        info.dimensions.push_back(name);
    }
    type.close(file_path_, failed);
    set.close(file_path_, failed);
    return info;
}

Shape Location::shape(const std::string& dataset) const {
    silence_library_errors();
    const std::string failed = "cannot read the shape of " + child_path(dataset);
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(dataset)),
               H5Dclose);
    Handle space(check_id(H5Dget_space(set.id()), file_path_, failed), H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    check(rank, file_path_, failed);
    Shape out(static_cast<std::size_t>(rank));
    check(H5Sget_simple_extent_dims(space.id(), out.data(), nullptr), file_path_, failed);
    space.close(file_path_, failed);
    set.close(file_path_, failed);
    return out;
}

std::size_t Location::element_count(const std::string& name) const {
    // The shape alone: a read must not depend on the dimension scales, which
    // a damaged file may have lost.
    std::size_t n = 1;
    for (hsize_t d : shape(name)) n *= d;
    return n;
}

void Location::read_raw(const std::string& name, hid_t type, void* data) const {
    silence_library_errors();
    const std::string failed = "cannot read " + child_path(name);
    Handle set(check_id(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(name)),
               H5Dclose);
    check(H5Dread(set.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file_path_, failed);
    set.close(file_path_, failed);
}

void Location::read_block_raw(const std::string& name, const Shape& start, const Shape& count,
                              hid_t type, void* data) const {
    silence_library_errors();
    const std::string failed = "cannot read " + child_path(name);
    if (std::any_of(count.begin(), count.end(), [](hsize_t d) { return d == 0; })) return;
    Handle set(check_id(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(name)),
               H5Dclose);
    Handle file_space(check_id(H5Dget_space(set.id()), file_path_, failed), H5Sclose);
    // A block past the dataset's extent (a damaged file) is an error, not a read.
    if (H5Sget_simple_extent_ndims(file_space.id()) != static_cast<int>(count.size())) {
        check(-1, file_path_, failed + ": not of rank " + std::to_string(count.size()));
    }
    check(H5Sselect_hyperslab(file_space.id(), H5S_SELECT_SET, start.data(), nullptr, count.data(),
                              nullptr),
          file_path_, failed);
    check(H5Sselect_valid(file_space.id()) > 0 ? 0 : -1, file_path_, failed);
    Handle memory_space = simple_space(count, file_path_, child_path(name));
    check(H5Dread(set.id(), type, memory_space.id(), file_space.id(), H5P_DEFAULT, data),
          file_path_, failed);
    set.close(file_path_, failed);
}

std::vector<std::string> Location::read_strings(const std::string& dataset) const {
    silence_library_errors();
    const std::string failed = "cannot read " + child_path(dataset);
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(dataset)),
               H5Dclose);
    const std::size_t n = element_count(dataset);
    std::vector<char*> raw(n, nullptr);
    Handle type = variable_string_type(file_path_, child_path(dataset));
    const herr_t read = H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data());
    std::vector<std::string> out;
    out.reserve(n);
    herr_t freed = 0;
    for (char* s : raw) {  // whatever was read is freed, even after a failure
        if (read >= 0) out.emplace_back(s ? s : "");
        if (s && H5free_memory(s) < 0) freed = -1;
    }
    check(read, file_path_, failed);
    check(freed, file_path_, failed);
    type.close(file_path_, failed);
    set.close(file_path_, failed);
    return out;
}

Location create_file(const std::string& path) {
    silence_library_errors();
    Handle access(check_id(H5Pcreate(H5P_FILE_ACCESS), path, "cannot create the file"), H5Pclose);
    // A close that returns success has closed (and flushed) everything in the
    // file, not merely given up this identifier while objects stay open.
    check(H5Pset_fclose_degree(access.id(), H5F_CLOSE_STRONG), path, "cannot create the file");
    Handle creation(check_id(H5Pcreate(H5P_FILE_CREATE), path, "cannot create the file"), H5Pclose);
    check(H5Pset_userblock(creation.id(), user_block_size), path, "cannot create the file");
    Handle file(check_id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, creation.id(), access.id()), path,
                         "cannot create the file"),
                H5Fclose);
    access.close(path, "cannot create the file");
    creation.close(path, "cannot create the file");
    Location root(std::move(file), "/", path);
    root.checksum_on_close_ = true;
    return root;
}

Location open_file(const std::string& path) {
    silence_library_errors();
    verify_checksum(path);
    Handle file(
        check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path, "cannot open the file"),
        H5Fclose);
    return Location(std::move(file), "/", path);
}

}  // namespace havens::h5
