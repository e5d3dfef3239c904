// A calibration's result file as docs/CALIBRATION.md ("The result file")
// lays it out, reduced to what a run over its posterior reads: the
// parameter axis, every generation's particles and weights.
#pragma once

#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "io/h5/file.hpp"

namespace havens::testing {

// particles[g][p][k] and weights[g][p]: generation g, particle p, parameter k.
inline void write_posterior_fixture(const std::string& path, const std::vector<std::string>& keys,
                                    const std::vector<std::vector<std::vector<double>>>& particles,
                                    const std::vector<std::vector<double>>& weights,
                                    const std::string& fitted_to = "") {
    h5::Location root = h5::create_file(path);
    h5::Location calibration = root.create_group("calibration");
    const std::size_t generations = particles.size();
    const std::size_t count = generations ? particles.front().size() : 0;
    std::vector<std::int64_t> generation(generations), particle(count);
    std::iota(generation.begin(), generation.end(), 0);
    std::iota(particle.begin(), particle.end(), 0);
    calibration.write_coordinate<std::int64_t>("generation", {generation.data(), generations});
    calibration.write_coordinate<std::int64_t>("particle", {particle.data(), count});
    calibration.write_coordinate_strings("parameter", keys);
    std::vector<double> flat_particles, flat_weights;
    for (const auto& g : particles) {
        for (const auto& p : g) flat_particles.insert(flat_particles.end(), p.begin(), p.end());
    }
    for (const auto& g : weights) flat_weights.insert(flat_weights.end(), g.begin(), g.end());
    calibration.write<double>("particles", {generations, count, keys.size()},
                              {flat_particles.data(), flat_particles.size()});
    calibration.attach_dimensions("particles", {"generation", "particle", "parameter"});
    calibration.write<double>("weights", {generations, count},
                              {flat_weights.data(), flat_weights.size()});
    calibration.attach_dimensions("weights", {"generation", "particle"});
    if (!fitted_to.empty()) calibration.set_attribute("scenario", fitted_to);
    calibration.close();
    root.close();
}

// One generation: the posterior itself.
inline void write_posterior_fixture(const std::string& path, const std::vector<std::string>& keys,
                                    const std::vector<std::vector<double>>& particles,
                                    const std::vector<double>& weights,
                                    const std::string& fitted_to = "") {
    write_posterior_fixture(path, keys, std::vector<std::vector<std::vector<double>>>{particles},
                            std::vector<std::vector<double>>{weights}, fitted_to);
}

}  // namespace havens::testing
