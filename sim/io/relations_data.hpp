// Readers of the data files on relations between states: hostile pairs
// (data/hostile_relations.csv), INTERPOL's measures against a member's
// notices (data/interpol_measures.csv) and visa access
// (data/visa_access.csv). Every error names the file, the line and the column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/relations.hpp"
#include "model/states.hpp"

namespace havens {

// Columns a, b, relation (war, no_relations, severed, suspended), from and
// until (YYYY-MM[-DD]; until empty: ongoing). A state paired with itself, an
// until not after from, or two periods of one pair that overlap is an error.
std::vector<HostilePeriod> load_hostile_relations(const std::string& path,
                                                  const StateTable& states);

// Columns iso3, measure (heightened_review, refuse_movement), charges (all,
// terrorism_extremism), from, until (as above).
std::vector<InterpolMeasure> load_interpol_measures(const std::string& path,
                                                    const StateTable& states);

// Columns passport, destination, access (visa_free, visa_on_arrival, eta):
// the pairs listed have access, the rest need a visa. [passport * n + destination].
std::vector<std::uint8_t> load_visa_access(const std::string& path, const StateTable& states);

}  // namespace havens
