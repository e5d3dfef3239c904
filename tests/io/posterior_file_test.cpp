// Reading a calibration's posterior: the last generation, and every kind of
// damage refused in one line naming the file and the object.
#include "io/posterior_file.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <limits>

#include "core/errors.hpp"
#include "io/h5/file.hpp"
#include "support/posterior_fixture.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

const std::vector<std::string> keys = {"ratification.base_hazard", "treaty.threshold"};

TEST(PosteriorFile, ReadsTheLastGeneration) {
    testing::TempDir dir;
    const auto path = dir.path("c.h5");
    testing::write_posterior_fixture(path, keys,
                                     {{{0.1, 10}, {0.2, 20}, {0.3, 30}},  // the prior sample
                                      {{0.4, 40}, {0.5, 50}, {0.6, 60}}},
                                     {{0.2, 0.3, 0.5}, {0.6, 0.0, 0.4}});
    const Posterior p = read_posterior(path);
    EXPECT_EQ(p.source, path);
    EXPECT_EQ(p.keys, keys);
    const std::vector<std::vector<double>> particles = {{0.4, 40}, {0.5, 50}, {0.6, 60}};
    EXPECT_EQ(p.particles, particles);
    EXPECT_EQ(p.weights, (std::vector<double>{0.6, 0.0, 0.4}));
}

// A posterior file damaged by `damage` (given the path of a good one) is
// refused with one line naming the file and `object`.
void expect_refused(const std::function<void(const std::string&)>& damage,
                    const std::string& object, const std::string& message) {
    SCOPED_TRACE(object + ": " + message);
    testing::TempDir dir;
    const auto path = dir.path("c.h5");
    damage(path);
    testing::expect_error_mentions<InputError>([&] { read_posterior(path); },
                                               {path + ": ", object, message});
}

void write_good(const std::string& path, std::vector<double> weights = {0.25, 0.75},
                std::vector<std::vector<double>> particles = {{0.1, 10}, {0.2, 20}}) {
    testing::write_posterior_fixture(path, keys, particles, weights);
}

// A file whose /calibration holds what `fill` writes.
std::function<void(const std::string&)> with_group(
    const std::function<void(const h5::Location&)>& fill) {
    return [fill](const std::string& path) {
        h5::Location root = h5::create_file(path);
        h5::Location group = root.create_group("calibration");
        fill(group);
        group.close();
        root.close();
    };
}

TEST(PosteriorFile, DamageIsOneLineNamingTheFileAndTheObject) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<double> two = {0.5, 0.5};
    const std::vector<double> four = {0.1, 10, 0.2, 20};
    expect_refused([](const std::string&) {}, "", "no such file");
    expect_refused([](const std::string& p) { std::ofstream(p) << "not hdf5"; }, "",
                   "not an HDF5 file");
    expect_refused(
        [](const std::string& p) {
            h5::Location root = h5::create_file(p);
            root.create_group("scenarios").close();
            root.close();
        },
        "/calibration", "missing group");
    expect_refused(
        [&](const std::string& p) {
            h5::Location root = h5::create_file(p);
            root.write<double>("calibration", {2}, {two.data(), 2});
            root.close();
        },
        "/calibration", "cannot open group");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", keys);
                       g.write<double>("weights", {1, 2}, {two.data(), 2});
                   }),
                   "/calibration/particles", "missing dataset");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", keys);
                       g.write<double>("particles", {2, 2}, {four.data(), 4});
                       g.write<double>("weights", {1, 2}, {two.data(), 2});
                   }),
                   "/calibration/particles", "expected 3 dimensions, got 2");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", keys);
                       g.write<double>("particles", {1, 2, 2}, {four.data(), 4});
                       g.write<double>("weights", {2}, {two.data(), 2});
                   }),
                   "/calibration/weights", "expected 2 dimensions, got 1");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", keys);
                       g.write<double>("particles", {1, 2, 2}, {four.data(), 4});
                       g.write<double>("weights", {2, 1}, {two.data(), 2});
                   }),
                   "/calibration/weights", "expected shape (1, 2)");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", {"ratification.base_hazard"});
                       g.write<double>("particles", {1, 2, 2}, {four.data(), 4});
                       g.write<double>("weights", {1, 2}, {two.data(), 2});
                   }),
                   "/calibration/particles", "expected 1 parameters");
    expect_refused(with_group([&](const h5::Location& g) {
                       const std::vector<std::int64_t> ints = {1, 2};
                       g.write<std::int64_t>("parameter", {2}, {ints.data(), 2});
                       g.write<double>("particles", {1, 2, 2}, {four.data(), 4});
                       g.write<double>("weights", {1, 2}, {two.data(), 2});
                   }),
                   "/calibration/parameter", "expected string values");
    expect_refused(with_group([&](const h5::Location& g) {
                       g.write_strings("parameter", {"treaty.threshold", "treaty.threshold"});
                       g.write<double>("particles", {1, 2, 2}, {four.data(), 4});
                       g.write<double>("weights", {1, 2}, {two.data(), 2});
                   }),
                   "/calibration/parameter", "twice");
    expect_refused(
        [](const std::string& p) {
            write_good(p, {0.25, 0.70});
        },
        "/calibration/weights", "not to 1");
    expect_refused(
        [](const std::string& p) {
            write_good(p, {1.25, -0.25});
        },
        "/calibration/weights", "particle 1");
    expect_refused(
        [&](const std::string& p) {
            write_good(p, {nan, 1.0});
        },
        "/calibration/weights", "particle 0");
    expect_refused(
        [&](const std::string& p) {
            write_good(p, two, {{0.1, 10}, {nan, 20}});
        },
        "/calibration/particles", "ratification.base_hazard = nan");
}

TEST(PosteriorFile, OnlyTheLastGenerationIsCheckedForWeights) {
    // Earlier generations are the sampler's history, not the posterior.
    testing::TempDir dir;
    const auto path = dir.path("c.h5");
    testing::write_posterior_fixture(path, keys, {{{0.1, 10}, {0.2, 20}}, {{0.3, 30}, {0.4, 40}}},
                                     {{0.9, 0.9}, {0.5, 0.5}});
    EXPECT_EQ(read_posterior(path).weights, (std::vector<double>{0.5, 0.5}));
}

}  // namespace
}  // namespace havens
