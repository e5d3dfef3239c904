// CF-style attributes of the scenario groups' variables, copied from the
// output registry (engine/output_registry.hpp): long_name, units, the
// _FillValue of "never", flag_values and flag_meanings of codes, and the
// `date` coordinate of the month axis that xarray decodes to datetime64.
#pragma once

#include <string>
#include <vector>

#include "engine/output_registry.hpp"
#include "io/result_sections.hpp"

namespace havens::result_sections {

// The registry's attributes on the dataset v.name of `group`.
void describe(const h5::Location& group, const output::Variable& v);
// A coordinate's long_name, units and (for categorical axes) a JSON list of
// human labels in the order of its codes, as attribute `labels`.
void describe_coordinate(const h5::Location& group, const std::string& name,
                         const std::string& long_name, const std::string& units = {},
                         const std::vector<std::string>& human_labels = {});
// month (0, 1, ...) and date (days since 2025-10-01 of each month's first day).
void write_month_axis(const h5::Location& group, std::size_t months);

}  // namespace havens::result_sections
