// A scenario's or a sweep point's runs in a result file, read alike (by
// `havens info`): a scenario group keeps its variables in sections
// (timeseries/, summary/, posterior/), a sweep (schema 4) keeps every
// point's in arrays whose first axis is the point, its runs in the first
// replicates_run slots of the replicate axis.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "io/h5/file.hpp"

namespace havens {

class RunsOf {
public:
    static RunsOf scenario(h5::Location group);
    // The points of one sweep share its open group.
    static RunsOf point(std::shared_ptr<const h5::Location> sweep, hsize_t point,
                        hsize_t replicates);

    // The scenario group, or the sweep (the attributes its points share).
    const h5::Location& location() const { return *location_; }
    bool is_point() const { return point_.has_value(); }

    bool has(const char* section, const std::string& name) const;
    // The variable's path in the file, to name it in an error.
    std::string where(const char* section, const std::string& name) const;
    // The variable's shape without the point axis, its replicate axis as
    // long as the runs.
    h5::Shape shape(const char* section, const std::string& name) const;
    template <typename T>
    std::vector<T> read(const char* section, const std::string& name) const {
        if (!point_) return location_->open_group(section).read<T>(name);
        const auto [start, count] = block(name);
        return location_->read_block<T>(name, start, count);
    }
    // A coordinate of labels (outcome names, say).
    std::vector<std::string> labels(const char* section, const std::string& name) const;

private:
    RunsOf(std::shared_ptr<const h5::Location> location, std::optional<hsize_t> point,
           hsize_t replicates)
        : location_(std::move(location)), point_(point), replicates_(replicates) {}
    std::pair<h5::Shape, h5::Shape> block(const std::string& name) const;

    std::shared_ptr<const h5::Location> location_;
    std::optional<hsize_t> point_;
    hsize_t replicates_ = 0;
};

}  // namespace havens
