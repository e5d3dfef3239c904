// Reading the posterior of a calibration from its result file: the last
// generation of /calibration (docs/CALIBRATION.md, "The result file").
#pragma once

#include <string>

#include "calibration/posterior.hpp"

namespace havens {

// A CSV file (by its .csv extension; io/posterior_csv.hpp) or a
// calibration's result file: the final generation's particles and weights, with the scenario keys
// they set. Every problem with the file (missing, not HDF5, no
// /calibration, a dataset missing or of the wrong rank, type or shape,
// weights that are negative, NaN or do not sum to one within 1e-9, NaN
// parameters) is one InputError naming the file and the object. The keys
// themselves are checked where they are used (with_parameters).
Posterior read_posterior(const std::string& path);

}  // namespace havens
