// A posterior as a small CSV file: one row per particle of the calibration's
// last generation, its weight and its value of every fitted key, written
// with round-trip precision. This is how a posterior ships beside the data
// (scenarios/data/posterior.csv) and what a scenario's `posterior` key names.
#pragma once

#include <string>

#include "calibration/posterior.hpp"

namespace havens {

// The file's bytes: `comment` lines (each prefixed "# "), the header
// "weight,KEY,...", then one row per particle, numbers as %.17g so that
// reading them back gives the same doubles.
std::string posterior_csv_text(const Posterior& posterior, const std::string& comment);

// Reads a file written by posterior_csv_text. Every problem (a missing or
// repeated key, a field that is not a finite number, a negative weight,
// weights that do not sum to one within 1e-9, no particles) is one
// InputError naming the file, the line and the column.
Posterior read_posterior_csv(const std::string& path);

}  // namespace havens
