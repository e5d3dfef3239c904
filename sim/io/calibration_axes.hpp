// The lengths of /calibration's axes, and the shape and dimension names the
// output registry gives each variable of that group: what the writer writes
// and `havens info` expects.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

#include "engine/output_registry.hpp"
#include "io/h5/file.hpp"

namespace havens {

struct CalibrationAxes {
    hsize_t generation = 0;
    hsize_t particle = 0;
    hsize_t replicate = 0;  // runs per particle
    hsize_t parameter = 0;
    hsize_t target = 0;

    hsize_t length(output::Dim d) const {
        switch (d) {
            case output::Dim::generation: return generation;
            case output::Dim::particle: return particle;
            case output::Dim::replicate: return replicate;
            case output::Dim::parameter: return parameter;
            case output::Dim::target: return target;
            default:
                throw std::logic_error("no axis of /calibration: " +
                                       std::string(output::name_of(d)));
        }
    }
};

inline h5::Shape shape_of(const output::Variable& v, const CalibrationAxes& axes) {
    h5::Shape shape;
    for (output::Dim d : v.dims()) shape.push_back(axes.length(d));
    return shape;
}

inline std::vector<std::string> dimension_names(const output::Variable& v) {
    std::vector<std::string> names;
    for (output::Dim d : v.dims()) names.emplace_back(output::name_of(d));
    return names;
}

}  // namespace havens
