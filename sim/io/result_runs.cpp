#include "io/result_runs.hpp"

#include "io/h5/schema.hpp"

namespace havens {

RunsOf RunsOf::scenario(h5::Location group) {
    return RunsOf(std::make_shared<const h5::Location>(std::move(group)), std::nullopt, 0);
}

RunsOf RunsOf::point(std::shared_ptr<const h5::Location> sweep, hsize_t point, hsize_t replicates) {
    return RunsOf(std::move(sweep), point, replicates);
}

bool RunsOf::has(const char* section, const std::string& name) const {
    if (point_) return location().exists(name);
    return location().exists(section) && location().open_group(section).exists(name);
}

std::string RunsOf::where(const char* section, const std::string& name) const {
    return location().path() + "/" + (point_ ? name : std::string(section) + "/" + name);
}

h5::Shape RunsOf::shape(const char* section, const std::string& name) const {
    if (!point_) return location().open_group(section).shape(name);
    const auto [start, count] = block(name);
    return h5::Shape(count.begin() + 1, count.end());
}

std::vector<std::string> RunsOf::labels(const char* section, const std::string& name) const {
    return point_ ? location().read_strings(name)
                  : location().open_group(section).read_strings(name);
}

// The point's slab: its row of the point axis and, along the replicate
// axis (the second, where a variable has one), its runs only.
std::pair<h5::Shape, h5::Shape> RunsOf::block(const std::string& name) const {
    const h5::DatasetInfo info = location().info(name);
    h5::Shape start(info.shape.size(), 0), count = info.shape;
    start[0] = *point_;
    count[0] = 1;
    if (info.dimensions.size() > 1 && info.dimensions[1] == schema::dim::replicate) {
        count[1] = std::min(count[1], replicates_);
    }
    return {start, count};
}

}  // namespace havens
