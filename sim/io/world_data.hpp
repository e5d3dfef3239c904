// Loading the default world's data files (or a user's) into the model's
// state table and regional blocs, with every value checked. Errors name the
// file, line and column; documented defaults stand in for 'unknown' values
// (docs/ODD.md, "Input data").
#pragma once

#include <string>

#include "model/cooperation_graph.hpp"
#include "model/states.hpp"

namespace havens {

// `expected_states` = 0 accepts any number of rows (small test worlds).
StateTable load_states(const std::string& path, std::size_t expected_states);

Blocs load_blocs(const std::string& path, const StateTable& states);

// Fills states.tnr_incidents and tnr_leading from the origin-incidents file
// (iso3, incidents, leading): states not listed keep NaN and 0.
void load_origin_incidents(const std::string& path, StateTable& states);

// Month index (0 = October 2025) of a date written as YYYY-MM or YYYY-MM-DD,
// with anything after the month ignored; nullopt if it does not start so.
std::optional<Month> month_of_date(const std::string& text);

}  // namespace havens
