#include "jobs/size_check.hpp"

#include <sys/statvfs.h>
#include <tbb/info.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <variant>

#include "core/errors.hpp"
#include "core/saturating.hpp"

namespace havens {

namespace {

// A count from a key's value, a rate rounded up; a double past the largest
// count saturates.
std::uint64_t count_of(double x) {
    if (!(x > 0)) return 0;
    x = std::ceil(x);
    return x >= 1.8e19 ? saturated : static_cast<std::uint64_t>(x);
}

std::uint64_t count_of(const ParameterValue& v, double otherwise) {
    if (const auto* i = std::get_if<std::int64_t>(&v)) return count_of(double(*i));
    if (const auto* d = std::get_if<double>(&v)) return count_of(*d);
    return count_of(otherwise);
}

const SweepAxis* axis_of(const LoadedScenario& l, const std::string& key) {
    for (const auto& axis : l.sweep.axes) {
        if (axis.key == key) return &axis;
    }
    return nullptr;
}

// The largest value `key` takes in a scenario, its own or a swept one, as a count.
std::uint64_t largest(const LoadedScenario& l, const std::string& key, double own) {
    std::uint64_t top = count_of(own);
    if (const SweepAxis* axis = axis_of(l, key)) {
        top = std::max(top, count_of(axis->high));
        for (const auto& v : axis->values) top = std::max(top, count_of(v, own));
    }
    return top;
}

// The point of a scenario with the most contact slots (exiles x contacts):
// a table sweep pairs its values row by row; the other designs cross them,
// so that the largest of each meet. `key` is what the file sets it with.
struct ContactSlots {
    std::uint64_t exiles = 0;
    std::uint64_t contacts = 0;
    std::string key = "world.exiles";
    std::uint64_t slots() const { return saturating_product(exiles, contacts); }
};

ContactSlots most_contact_slots(const LoadedScenario& l) {
    const Scenario& s = l.scenario;
    const SweepAxis* exiles = axis_of(l, "world.exiles");
    const SweepAxis* contacts = axis_of(l, "exiles.contacts");
    const std::string section = takes_values(l.sweep.design) ? "sweep.values." : "sweep.ranges.";
    ContactSlots most;
    const auto consider = [&](std::uint64_t e, std::uint64_t c) {
        if (saturating_product(e, c) <= most.slots()) return;
        most.exiles = e;
        most.contacts = c;
        most.key = exiles && e > count_of(double(s.world.exiles))        ? section + exiles->key
                   : contacts && c > count_of(double(s.exiles.contacts)) ? section + contacts->key
                                                                         : "world.exiles";
    };
    if (l.sweep.design == SweepDesign::table && (exiles || contacts)) {
        const auto row = [](const SweepAxis* axis, std::size_t i, double own) {
            return axis && i < axis->values.size() ? count_of(axis->values[i], own) : count_of(own);
        };
        for (std::size_t i = 0; i < l.sweep.axes.front().values.size(); ++i) {
            consider(row(exiles, i, static_cast<double>(s.world.exiles)),
                     row(contacts, i, s.exiles.contacts));
        }
        return most;
    }
    consider(largest(l, "world.exiles", static_cast<double>(s.world.exiles)),
             largest(l, "exiles.contacts", s.exiles.contacts));
    return most;
}

ExperimentShape shape_of_one(const LoadedScenario& l, std::uint64_t states,
                             std::uint64_t concurrent) {
    const Scenario& s = l.scenario;
    ExperimentShape shape;
    shape.points = sweep_point_count(l.sweep);
    shape.replicates_per_point = s.replication.automatic
                                     ? largest(l, "replication.max", s.replication.max)
                                     : static_cast<std::uint64_t>(s.replicates);
    shape.months = largest(l, "months", s.months);
    shape.states = states;
    shape.exiles = largest(l, "world.exiles", static_cast<double>(s.world.exiles));
    shape.contacts = largest(l, "exiles.contacts", s.exiles.contacts);
    shape.legitimate_per_month = largest(l, "requests.legitimate_rate", s.requests.legitimate_rate);
    shape.concurrent = concurrent;
    return shape;
}

// The key a scenario sets a sweep's size with.
std::string sweep_key(const LoadedScenario& l) {
    return takes_values(l.sweep.design) ? "sweep.values" : "sweep.samples";
}

}  // namespace

std::uint64_t machine_memory_bytes() {
    const long pages = ::sysconf(_SC_PHYS_PAGES);
    const long page = ::sysconf(_SC_PAGE_SIZE);
    std::uint64_t bytes = pages > 0 && page > 0
                              ? saturating_product(static_cast<std::uint64_t>(pages),
                                                   static_cast<std::uint64_t>(page))
                              : saturated;
    // cgroup v2: "max" or a number of bytes
    std::ifstream limit("/sys/fs/cgroup/memory.max");
    std::uint64_t cgroup = 0;
    if (limit >> cgroup && cgroup > 0) bytes = std::min(bytes, cgroup);
    return bytes;
}

std::optional<std::uint64_t> free_disk_bytes(const std::string& folder) {
    struct statvfs fs {};
    if (::statvfs(folder.c_str(), &fs) != 0) return std::nullopt;
    return saturating_product(fs.f_bavail, fs.f_frsize);
}

namespace {

// One job of several scenarios: their points add up; the rest is the largest.
ExperimentShape combined(const std::vector<ExperimentShape>& shapes) {
    ExperimentShape total = shapes.front();
    total.points = 0;
    for (const auto& one : shapes) {
        total.points = saturating_sum(total.points, one.points);
        total.replicates_per_point = std::max(total.replicates_per_point, one.replicates_per_point);
        total.months = std::max(total.months, one.months);
        total.exiles = std::max(total.exiles, one.exiles);
        total.contacts = std::max(total.contacts, one.contacts);
    }
    return total;
}

std::vector<ExperimentShape> shapes_of(const std::vector<LoadedScenario>& loaded,
                                       std::uint64_t states, std::uint64_t concurrent) {
    std::vector<ExperimentShape> shapes;
    shapes.reserve(loaded.size());
    for (const auto& l : loaded) shapes.push_back(shape_of_one(l, states, concurrent));
    return shapes;
}

}  // namespace

ExperimentShape shape_of(const std::vector<LoadedScenario>& loaded, std::uint64_t states,
                         std::uint64_t concurrent) {
    return combined(shapes_of(loaded, states, concurrent));
}

void check_calibration_fits(const LoadedCalibration& calibration, std::uint64_t states,
                            int threads) {
    const auto concurrent =
        static_cast<std::uint64_t>(threads > 0 ? threads : tbb::info::default_concurrency());
    LoadedScenario largest = calibration.scenario;
    for (const auto& p : calibration.problem.parameters) {
        if (p.key == "requests.legitimate_rate") {
            largest.scenario.requests.legitimate_rate = p.prior.high;
        }
    }
    Budget budget;
    budget.memory_bytes = machine_memory_bytes();
    budget.memory_source = "this machine's memory";
    try {
        check_fits({largest}, states, concurrent, budget);
    } catch (const InputError& e) {
        if (e.file() != "--set") throw;
        throw as_set_error(calibration, e);
    }
}

std::string readable_size(std::uint64_t bytes) {
    if (bytes == saturated) return "more than 10^10 GB";
    char text[64];
    const double gb = static_cast<double>(bytes) / 1e9;
    const char* unit = gb < 1e-3 ? "KB" : gb < 1 ? "MB" : "GB";
    const double x = gb < 1e-3 ? gb * 1e6 : gb < 1 ? gb * 1e3 : gb;
    std::snprintf(text, sizeof text, x < 10 ? "%.2g %s" : "%.0f %s", x, unit);
    return text;
}

std::string describe_footprint(const Footprint& f) {
    const std::string runs = f.runs == saturated ? "more than 1.8e19" : std::to_string(f.runs);
    return runs + (f.runs == 1 ? " run" : " runs") + "; about " + readable_size(f.memory_bytes()) +
           " of memory and " + readable_size(f.disk_bytes()) + " of disk";
}

void check_fits(const std::vector<LoadedScenario>& loaded, std::uint64_t states,
                std::uint64_t concurrent, const Budget& budget) {
    const std::vector<ExperimentShape> shapes = shapes_of(loaded, states, concurrent);
    // Every point's, not the base scenario's: a sweep can take either key far
    // above the value the file gives it.
    for (const auto& l : loaded) {
        const ContactSlots most = most_contact_slots(l);
        if (most.slots() > max_contact_slots) {
            refuse_key(l, most.key,
                       std::to_string(most.exiles) + " exiles x " + std::to_string(most.contacts) +
                           " contacts (exiles.contacts) make " + std::to_string(most.slots()) +
                           " contact slots, more than the 4e9 that 32-bit exile ids can index");
        }
    }
    // The file whose scenario drives a part of the footprint: the largest by `size`.
    const auto driving = [&](auto size) -> const LoadedScenario& {
        std::size_t best = 0;
        for (std::size_t i = 1; i < shapes.size(); ++i) {
            if (size(shapes[i]) > size(shapes[best])) best = i;
        }
        return loaded[best];
    };
    const LoadedScenario& most_points = driving([](const auto& s) { return s.points; });
    const LoadedScenario& most_replicates =
        driving([](const auto& s) { return s.replicates_per_point; });
    const LoadedScenario& most_exiles = driving(
        [](const auto& s) { return saturating_product(s.exiles, saturating_sum(s.contacts, 1)); });
    const LoadedScenario& most_legitimate =
        driving([](const auto& s) { return s.legitimate_per_month; });

    const ExperimentShape shape = combined(shapes);
    const Footprint f = footprint_of(shape);
    const std::uint64_t memory = f.memory_bytes();
    if (memory > budget.memory_bytes) {
        // Name what drives it: the points, the replicates gathered, the exiles.
        const std::uint64_t parts[] = {f.points_bytes, f.held_bytes, f.in_flight_bytes};
        const auto largest_part = std::max_element(std::begin(parts), std::end(parts)) - parts;
        // Within the runs in flight, the queue of legitimate requests or the exiles.
        const bool queue = largest_part == 2 && 2 * f.queue_bytes > f.in_flight_bytes;
        const LoadedScenario& l = largest_part == 0   ? most_points
                                  : largest_part == 1 ? most_replicates
                                  : queue             ? most_legitimate
                                                      : most_exiles;
        const std::string key =
            largest_part == 0 ? sweep_key(l)
            : largest_part == 1
                ? (l.scenario.replication.automatic ? "replication.max" : "replicates")
            : queue ? "requests.legitimate_rate"
                    : "world.exiles";
        const std::string what =
            largest_part == 0 ? std::to_string(shape.points) + " points at about " +
                                    readable_size(bytes_per_point) + " each"
            : largest_part == 1
                ? std::to_string(shape.replicates_per_point) +
                      " replicates of a point gathered to be written, " +
                      readable_size(result_bytes(shape.months, shape.states)) + " each"
            : queue ? std::to_string(f.runs_in_flight) + " runs in flight, each with " +
                          std::to_string(shape.legitimate_per_month) +
                          " legitimate requests a month awaiting answers"
                    : std::to_string(f.runs_in_flight) + " runs in flight of " +
                          std::to_string(shape.exiles) + " exiles";
        refuse_key(l, key,
                   "the job needs about " + readable_size(memory) + " of memory (" + what +
                       "), more than the budget of " + readable_size(budget.memory_bytes) + " (" +
                       budget.memory_source + ")");
    }
    if (budget.disk_bytes && f.disk_bytes() > *budget.disk_bytes) {
        const LoadedScenario& l = shape.points > 1 ? most_points : most_replicates;
        const std::string key =
            shape.points > 1
                ? sweep_key(l)
                : (l.scenario.replication.automatic ? "replication.max" : "replicates");
        refuse_key(l, key,
                   "the job needs about " + readable_size(f.disk_bytes()) + " of disk (" +
                       std::to_string(f.runs) +
                       " runs saved as they finish, then the result file)" +
                       ", more than the budget of " + readable_size(*budget.disk_bytes) + " (" +
                       budget.disk_source + ")");
    }
}

}  // namespace havens
