#include "io/h5/file.hpp"

#include <H5DSpublic.h>

#include <algorithm>
#include <filesystem>

#include "core/errors.hpp"

namespace havens::h5 {

namespace {

Handle variable_string_type() {
    Handle type(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(type.id(), H5T_VARIABLE);
    H5Tset_cset(type.id(), H5T_CSET_UTF8);
    return type;
}

Handle scalar_space() { return Handle(H5Screate(H5S_SCALAR), H5Sclose); }

// Reading an attribute of several values into one would overrun the buffer.
void require_one_value(hid_t attribute, const std::string& file, const std::string& what) {
    Handle space(H5Aget_space(attribute), H5Sclose);
    if (!space || H5Sget_simple_extent_npoints(space.id()) != 1) {
        throw OutputError(file, what + " does not hold one value");
    }
}

}  // namespace

std::string Location::child_path(const std::string& name) const {
    return path_ == "/" ? "/" + name : path_ + "/" + name;
}

Location Location::create_group(const std::string& name) const {
    const std::string where = child_path(name);
    Handle g(check_id(H5Gcreate2(id(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
                      file_path_, "cannot create group " + where),
             H5Gclose);
    return Location(std::move(g), where, file_path_);
}

Location Location::open_dataset(const std::string& name) const {
    const std::string where = child_path(name);
    Handle d(check_id(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                      "cannot open dataset " + where),
             H5Dclose);
    return Location(std::move(d), where, file_path_);
}

Location Location::open_group(const std::string& name) const {
    const std::string where = child_path(name);
    if (!exists(name)) throw OutputError(file_path_, "no group " + where);
    Handle g(check_id(H5Gopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                      "cannot open group " + where),
             H5Gclose);
    return Location(std::move(g), where, file_path_);
}

bool Location::exists(const std::string& name) const {
    return H5Lexists(id(), name.c_str(), H5P_DEFAULT) > 0;
}

std::vector<std::string> Location::children() const {
    std::vector<std::string> names;
    auto collect = [](hid_t, const char* name, const H5L_info_t*, void* out) -> herr_t {
        static_cast<std::vector<std::string>*>(out)->emplace_back(name);
        return 0;
    };
    check(H5Literate(id(), H5_INDEX_NAME, H5_ITER_INC, nullptr, collect, &names), file_path_,
          "cannot list " + path_);
    return names;
}

void Location::write_raw(const std::string& name, const Shape& shape, hid_t type,
                         const void* data, bool compress) const {
    const std::string where = child_path(name);
    Handle space(H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr),
                 H5Sclose);
    Handle props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
    const bool nonempty = std::all_of(shape.begin(), shape.end(), [](hsize_t d) { return d > 0; });
    if (compress && nonempty && !shape.empty()) {
        Shape chunk = shape;
        // Chunks of about a megabyte along the first axis.
        hsize_t row = 1;
        for (std::size_t i = 1; i < chunk.size(); ++i) row *= chunk[i];
        chunk[0] = std::clamp<hsize_t>((1u << 17) / std::max<hsize_t>(row, 1), 1, shape[0]);
        check(H5Pset_chunk(props.id(), static_cast<int>(chunk.size()), chunk.data()), file_path_,
              "cannot chunk " + where);
        check(H5Pset_shuffle(props.id()), file_path_, "cannot shuffle " + where);
        // Level 1: most of the gain on these sparse arrays for a fraction of the time.
        check(H5Pset_deflate(props.id(), 1), file_path_, "cannot compress " + where);
    }
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type, space.id(), H5P_DEFAULT, props.id(),
                                   H5P_DEFAULT),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    if (nonempty) {
        check(H5Dwrite(set.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file_path_,
              "cannot write dataset " + where);
    }
}

void Location::write_strings(const std::string& name,
                             const std::vector<std::string>& values) const {
    const std::string where = child_path(name);
    std::vector<const char*> pointers;
    pointers.reserve(values.size());
    for (const auto& v : values) pointers.push_back(v.c_str());
    const hsize_t n = values.size();
    Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
    Handle type = variable_string_type();
    Handle set(check_id(H5Dcreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                   H5P_DEFAULT, H5P_DEFAULT),
                        file_path_, "cannot create dataset " + where),
               H5Dclose);
    if (n > 0) {
        check(H5Dwrite(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, pointers.data()),
              file_path_, "cannot write dataset " + where);
    }
}

void Location::make_scale(const std::string& dimension) const {
    Handle set(check_id(H5Dopen2(id(), dimension.c_str(), H5P_DEFAULT), file_path_,
                        "cannot open " + child_path(dimension)),
               H5Dclose);
    check(H5DSset_scale(set.id(), dimension.c_str()), file_path_,
          "cannot make " + child_path(dimension) + " a dimension scale");
}

void Location::attach_dimensions(const std::string& dataset,
                                 const std::vector<std::string>& dimensions) const {
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "cannot open " + child_path(dataset)),
               H5Dclose);
    for (std::size_t axis = 0; axis < dimensions.size(); ++axis) {
        Handle scale(check_id(H5Dopen2(id(), dimensions[axis].c_str(), H5P_DEFAULT), file_path_,
                              "no dimension scale " + child_path(dimensions[axis])),
                     H5Dclose);
        check(H5DSattach_scale(set.id(), scale.id(), static_cast<unsigned>(axis)), file_path_,
              "cannot attach " + dimensions[axis] + " to " + child_path(dataset));
    }
}

void Location::set_attribute(const std::string& name, const std::string& value) const {
    // Variable-length UTF-8, so that h5py and xarray read a str, not bytes.
    Handle type = variable_string_type();
    Handle space = scalar_space();
    Handle attr(check_id(H5Acreate2(id(), name.c_str(), type.id(), space.id(), H5P_DEFAULT,
                                    H5P_DEFAULT),
                         file_path_, "cannot create attribute " + name + " on " + path_),
                H5Aclose);
    const char* text = value.c_str();
    check(H5Awrite(attr.id(), type.id(), &text), file_path_,
          "cannot write attribute " + name + " on " + path_);
}

void Location::set_scalar_attribute(const std::string& name, hid_t file_type, hid_t memory_type,
                                    const void* value) const {
    Handle space = scalar_space();
    Handle attr(check_id(H5Acreate2(id(), name.c_str(), file_type, space.id(), H5P_DEFAULT,
                                    H5P_DEFAULT),
                         file_path_, "cannot create attribute " + name + " on " + path_),
                H5Aclose);
    check(H5Awrite(attr.id(), memory_type, value), file_path_, "cannot write attribute " + name);
}

void Location::set_attribute(const std::string& name, std::int64_t value) const {
    set_scalar_attribute(name, H5T_STD_I64LE, H5T_NATIVE_INT64, &value);
}

void Location::set_attribute(const std::string& name, double value) const {
    set_scalar_attribute(name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

bool Location::has_attribute(const std::string& name) const {
    return H5Aexists(id(), name.c_str()) > 0;
}

std::string Location::string_attribute(const std::string& name) const {
    Handle attr(check_id(H5Aopen(id(), name.c_str(), H5P_DEFAULT), file_path_,
                         "no attribute " + name + " on " + path_),
                H5Aclose);
    require_one_value(attr.id(), file_path_, "attribute " + name + " on " + path_);
    Handle type(H5Aget_type(attr.id()), H5Tclose);
    if (H5Tget_class(type.id()) != H5T_STRING) {
        throw OutputError(file_path_, "attribute " + name + " on " + path_ + " is not a string");
    }
    if (H5Tis_variable_str(type.id()) > 0) {
        char* text = nullptr;
        Handle memtype = variable_string_type();
        check(H5Aread(attr.id(), memtype.id(), &text), file_path_, "cannot read attribute " + name);
        std::string out = text ? text : "";
        H5free_memory(text);
        return out;
    }
    std::string out(H5Tget_size(type.id()), '\0');
    check(H5Aread(attr.id(), type.id(), out.data()), file_path_, "cannot read attribute " + name);
    out.erase(std::find(out.begin(), out.end(), '\0'), out.end());
    return out;
}

std::int64_t Location::integer_attribute(const std::string& name) const {
    Handle attr(check_id(H5Aopen(id(), name.c_str(), H5P_DEFAULT), file_path_,
                         "no attribute " + name + " on " + path_),
                H5Aclose);
    require_one_value(attr.id(), file_path_, "attribute " + name + " on " + path_);
    std::int64_t value = 0;
    check(H5Aread(attr.id(), H5T_NATIVE_INT64, &value), file_path_,
          "cannot read attribute " + name);
    return value;
}

DatasetInfo Location::info(const std::string& dataset) const {
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(dataset)),
               H5Dclose);
    Handle space(H5Dget_space(set.id()), H5Sclose);
    DatasetInfo info;
    info.shape.resize(static_cast<std::size_t>(H5Sget_simple_extent_ndims(space.id())));
    H5Sget_simple_extent_dims(space.id(), info.shape.data(), nullptr);
    Handle type(H5Dget_type(set.id()), H5Tclose);
    switch (H5Tget_class(type.id())) {
        case H5T_INTEGER: info.type = "int"; break;
        case H5T_FLOAT: info.type = "float"; break;
        case H5T_STRING: info.type = "string"; break;
        default: info.type = "other";
    }
    for (unsigned axis = 0; axis < info.shape.size(); ++axis) {
        std::string name;
        auto visit = [](hid_t, unsigned, hid_t scale, void* out) -> herr_t {
            char buffer[256] = {0};
            H5DSget_scale_name(scale, buffer, sizeof buffer);
            *static_cast<std::string*>(out) = buffer;
            return 1;
        };
        if (H5DSis_scale(set.id()) > 0) {
            name = dataset;
        } else if (H5DSget_num_scales(set.id(), axis) > 0) {
            H5DSiterate_scales(set.id(), axis, nullptr, visit, &name);
        }
        info.dimensions.push_back(name);
    }
    return info;
}

Shape Location::shape(const std::string& dataset) const {
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(dataset)),
               H5Dclose);
    Handle space(check_id(H5Dget_space(set.id()), file_path_,
                          "cannot read the shape of " + child_path(dataset)),
                 H5Sclose);
    const int rank = H5Sget_simple_extent_ndims(space.id());
    check(rank, file_path_, "cannot read the shape of " + child_path(dataset));
    Shape out(static_cast<std::size_t>(rank));
    check(H5Sget_simple_extent_dims(space.id(), out.data(), nullptr), file_path_,
          "cannot read the shape of " + child_path(dataset));
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
    Handle set(check_id(H5Dopen2(id(), name.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(name)),
               H5Dclose);
    check(H5Dread(set.id(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data), file_path_,
          "cannot read " + child_path(name));
}

std::vector<std::string> Location::read_strings(const std::string& dataset) const {
    Handle set(check_id(H5Dopen2(id(), dataset.c_str(), H5P_DEFAULT), file_path_,
                        "no dataset " + child_path(dataset)),
               H5Dclose);
    const std::size_t n = element_count(dataset);
    std::vector<char*> raw(n, nullptr);
    Handle type = variable_string_type();
    check(H5Dread(set.id(), type.id(), H5S_ALL, H5S_ALL, H5P_DEFAULT, raw.data()), file_path_,
          "cannot read " + child_path(dataset));
    std::vector<std::string> out;
    out.reserve(n);
    for (char* s : raw) {
        out.emplace_back(s ? s : "");
        H5free_memory(s);
    }
    return out;
}

Location create_file(const std::string& path) {
    silence_library_errors();
    Handle file(check_id(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT), path,
                         "cannot create the file"),
                H5Fclose);
    return Location(std::move(file), "/", path);
}

Location open_file(const std::string& path) {
    silence_library_errors();
    if (!std::filesystem::exists(path)) throw OutputError(path, "no such file");
    if (H5Fis_hdf5(path.c_str()) <= 0) {
        throw OutputError(path, "not an HDF5 file (or it is corrupt)");
    }
    Handle file(check_id(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), path,
                         "cannot open the file"),
                H5Fclose);
    return Location(std::move(file), "/", path);
}

}  // namespace havens::h5
