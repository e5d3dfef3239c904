// Sweeps (the [sweep] table of a scenario): a grid crossing lists of values
// of any keys, a table listing its points value by value, or a sampling
// design over ranges of numeric keys (Latin hypercube; Saltelli for
// variance-based sensitivity analysis). A sweep
// expands into points: each a complete scenario, named NAME_pNNNN, that
// shares the scenario's seed, so that replicate r of every point draws the
// same random numbers (common random numbers).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/parameters.hpp"
#include "scenario/parameter_table.hpp"

namespace havens {

// A table lists the points themselves: point i takes the i-th value of every
// key's list (lists of one length, not crossed).
enum class SweepDesign { none, grid, latin_hypercube, saltelli, table };
inline constexpr std::array<std::string_view, 4> sweep_design_names{"grid", "latin_hypercube",
                                                                    "saltelli", "table"};

// Whether the design takes lists of values ([sweep.values]: grid, table)
// rather than ranges to sample ([sweep.ranges]).
inline bool takes_values(SweepDesign design) {
    return design == SweepDesign::grid || design == SweepDesign::table;
}

struct SweepAxis {
    std::string key;
    std::vector<ParameterValue> values;  // grid, table
    double low = 0, high = 0;            // sampling designs
};

struct SweepSpec {
    SweepDesign design = SweepDesign::none;
    std::int64_t samples = 0;  // Latin hypercube: points; Saltelli: base samples N
    std::vector<SweepAxis> axes;
};

struct SweepPoint {
    Scenario scenario;
    std::size_t index = 0;               // its place in the design (the NNNN of NAME_pNNNN)
    std::vector<ParameterValue> values;  // one per axis, in axis order
    char saltelli_matrix = 0;            // 'A', 'B', 'X' (AB_j); 0 outside Saltelli designs
    int saltelli_column = -1;
    int saltelli_row = -1;
};

// The number of points a sweep expands into, computed without expanding it
// (saturating at the largest std::uint64_t), so that a design too big to
// hold is refused before it is built.
std::uint64_t sweep_point_count(const SweepSpec& spec);

// The points of a sweep; a scenario without one is a single point of its own name.
std::vector<SweepPoint> expand_sweep(const Scenario& base, const SweepSpec& spec);

// The group name of point i of a sweep named `name`.
std::string point_name(const std::string& name, std::size_t i);

// A swept value as a reader sees it: numbers as printf's %g, true or false,
// text as it is.
std::string value_text(const ParameterValue& value);

// How each point of the sweep `sweep` is shown to a reader (havens info; the
// Python package names its points alike, havens_analysis.sweeps.point_labels):
// its values, NAME[threshold=20, dual_criminality=mandatory], each key by its
// last part unless two keys share it, then whole. `columns` holds each key's
// values as value_text gives them, one per point. A label two points share
// (a table may list a point twice) gets the point's group: "NAME[...] (NAME_p0003)".
std::vector<std::string> point_labels(const std::string& sweep,
                                      const std::vector<std::string>& keys,
                                      const std::vector<std::vector<std::string>>& columns,
                                      const std::vector<std::string>& groups);

}  // namespace havens
