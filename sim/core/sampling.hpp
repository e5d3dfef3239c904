// Sampling designs over the unit cube for sweeps: Latin hypercube and the
// Saltelli (2010) design built on a Sobol' sequence. Points are rows of
// values in [0, 1); scenario/sweep maps them onto parameter ranges.
#pragma once

#include <cstddef>
#include <vector>

#include "core/random.hpp"

namespace havens {

using UnitPoints = std::vector<std::vector<double>>;  // [point][dimension]

// n points, one in each of n equal strata per dimension, strata permuted
// independently per dimension and jittered within the stratum.
UnitPoints latin_hypercube(std::size_t n, std::size_t dimensions, StreamKey key);

// The first n points of a Sobol' sequence in `dimensions` dimensions
// (Boost.Random), skipping the origin.
UnitPoints sobol_points(std::size_t n, std::size_t dimensions);

// The Saltelli design for d parameters and n base samples: matrices A and B
// (the two halves of a 2d-dimensional Sobol' sequence), then AB_j (A with
// column j from B) for each j: n * (d + 2) points, in that order.
struct SaltelliDesign {
    UnitPoints points;
    std::vector<char> matrix;  // 'A', 'B' or 'X' (an AB_j row) per point
    std::vector<int> column;   // j for AB_j rows, -1 otherwise
    std::vector<int> row;      // the base sample index, 0 .. n - 1
};
SaltelliDesign saltelli(std::size_t n, std::size_t dimensions);

}  // namespace havens
