#include "core/sampling.hpp"

#include <boost/random/sobol.hpp>
#include <numeric>

#include "core/distributions.hpp"

namespace havens {

UnitPoints latin_hypercube(std::size_t n, std::size_t dimensions, StreamKey key) {
    UnitPoints points(n, std::vector<double>(dimensions, 0.0));
    for (std::size_t d = 0; d < dimensions; ++d) {
        RandomStream rng(key, Purpose::sweep_design, 0, d);
        std::vector<std::size_t> strata(n);
        std::iota(strata.begin(), strata.end(), 0);
        for (std::size_t i = n; i > 1; --i) {  // Fisher-Yates
            std::swap(strata[i - 1], strata[uniform_index(rng, i)]);
        }
        for (std::size_t i = 0; i < n; ++i) {
            points[i][d] =
                (static_cast<double>(strata[i]) + rng.uniform()) / static_cast<double>(n);
        }
    }
    return points;
}

UnitPoints sobol_points(std::size_t n, std::size_t dimensions) {
    boost::random::sobol engine(dimensions);
    engine.discard(dimensions);  // the first point is the origin: uninformative
    const double scale = 1.0 / (static_cast<double>(engine.max()) + 1.0);
    UnitPoints points(n, std::vector<double>(dimensions, 0.0));
    for (auto& p : points) {
        for (auto& x : p) x = static_cast<double>(engine()) * scale;
    }
    return points;
}

SaltelliDesign saltelli(std::size_t n, std::size_t d) {
    const UnitPoints base = sobol_points(n, 2 * d);
    SaltelliDesign design;
    auto add = [&](std::vector<double> p, char matrix, int column, std::size_t row) {
        design.points.push_back(std::move(p));
        design.matrix.push_back(matrix);
        design.column.push_back(column);
        design.row.push_back(static_cast<int>(row));
    };
    for (std::size_t i = 0; i < n; ++i) add({base[i].begin(), base[i].begin() + d}, 'A', -1, i);
    for (std::size_t i = 0; i < n; ++i) add({base[i].begin() + d, base[i].end()}, 'B', -1, i);
    for (std::size_t j = 0; j < d; ++j) {
        for (std::size_t i = 0; i < n; ++i) {
            std::vector<double> p(base[i].begin(), base[i].begin() + d);
            p[j] = base[i][d + j];
            add(std::move(p), 'X', static_cast<int>(j), i);
        }
    }
    return design;
}

}  // namespace havens
