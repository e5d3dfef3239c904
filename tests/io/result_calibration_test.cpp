// /calibration as the output registry describes it: every variable of its
// calibration table and nothing else, with the registry's axes, kind and
// attributes, read back by `havens info` and by a run over its posterior.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <set>

#include "calibration/abc_smc.hpp"
#include "calibration/statistics.hpp"
#include "engine/output_registry.hpp"
#include "io/calibration_axes.hpp"
#include "io/posterior_file.hpp"
#include "io/result_info_calibration.hpp"
#include "io/result_sections.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using output::Calibration;

// Two keys, a fitted target and a check; three particles of two runs each,
// over the prior sample and one generation.
struct Fixture {
    CalibrationProblem problem;
    CalibrationResult result;

    Fixture() {
        problem.settings.particles = 3;
        problem.settings.replicates = 2;
        problem.parameters = {{"ratification.base_hazard", {PriorKind::uniform, 0.01, 0.2}},
                              {"treaty.threshold", {PriorKind::normal, 20, 60, 40, 5}}};
        const StatisticSpec* statistic = &statistic_table().front();
        problem.targets = {{"first", statistic, 7, 12, 2, true, "a source"},
                           {"second", statistic, 9, 30, 4, false, "another source"}};
        const double inf = std::numeric_limits<double>::infinity();
        for (int g = 0; g < 2; ++g) {
            Generation gen;
            gen.particles = {{0.05, 30.0 + g}, {0.1, 40}, {0.15, 50}};
            gen.weights = g == 0 ? std::vector<double>{1.0 / 3, 1.0 / 3, 1.0 / 3}
                                 : std::vector<double>{0.5, 0.25, 0.25};
            gen.distances = {{1, 2}, {0.5, inf}, {3, 1}};
            gen.simulated = {{11, 31}, {12, std::nan("")}, {13, 29}};
            gen.tolerance = g == 0 ? inf : 2.5;
            gen.acceptance_rate = g == 0 ? std::nan("") : 0.4;
            gen.unique_particles = 3;
            gen.effective_sample_size = 2.7;
            gen.simulations = 6;
            gen.steps = g;
            result.generations.push_back(gen);
        }
        result.stopped = "generations";
    }

    std::string write(const testing::TempDir& dir) const {
        const std::string path = dir.path("calibration.h5");
        h5::Location root = h5::create_file(path);
        result_sections::write_calibration(root, {problem, result, "base.toml"});
        root.close();
        return path;
    }
};

TEST(ResultCalibration, HoldsTheRegistrysVariablesWithTheirAxesKindAndAttributes) {
    testing::TempDir dir;
    const Fixture fixture;
    const h5::Location root = h5::open_file(fixture.write(dir));
    const h5::Location group = root.open_group(schema::calibration);
    EXPECT_EQ(output::group_names[static_cast<std::size_t>(output::Group::calibration)],
              std::string(schema::calibration));
    const CalibrationAxes axes{2, 3, 2, 2, 2};
    std::set<std::string> expected;
    for (auto d : {output::Dim::generation, output::Dim::particle, output::Dim::replicate,
                   output::Dim::parameter, output::Dim::target})
        expected.emplace(output::name_of(d));
    for (const auto& v : output::calibration_variables()) {
        const std::string name(v.name);
        SCOPED_TRACE(name);
        expected.insert(name);
        ASSERT_TRUE(group.exists(name));
        const h5::DatasetInfo info = group.info(name);
        EXPECT_EQ(info.shape, shape_of(v, axes));
        EXPECT_EQ(info.dimensions, dimension_names(v));
        const bool integer = v.type == output::Type::int64 || v.type == output::Type::uint8;
        EXPECT_EQ(info.type, v.text ? "string" : integer ? "int" : "float");
        const h5::Location dataset = group.open_dataset(name);
        EXPECT_EQ(dataset.string_attribute("long_name"), v.long_name);
        EXPECT_EQ(dataset.has_attribute("units"), !v.units.empty());
        if (!v.units.empty()) EXPECT_EQ(dataset.string_attribute("units"), v.units);
        EXPECT_EQ(dataset.has_attribute("flag_meanings"), v.coding == output::Coding::flag);
    }
    const auto children = group.children();
    EXPECT_EQ(std::set<std::string>(children.begin(), children.end()), expected)
        << "/calibration holds exactly the registry's variables and axes";
    EXPECT_EQ(group.read<std::uint8_t>(std::string(output::name_of(Calibration::target_fitted))),
              (std::vector<std::uint8_t>{1, 0}));
    EXPECT_EQ(group.read_strings(std::string(output::name_of(Calibration::prior_kind))),
              (std::vector<std::string>{"uniform", "normal"}));
    EXPECT_EQ(group.read<std::int64_t>(std::string(output::name_of(Calibration::moves))),
              (std::vector<std::int64_t>{0, 1}));
    EXPECT_EQ(group.string_attribute(schema::calibration_attr::scenario), "base.toml");
    EXPECT_EQ(group.string_attribute(schema::calibration_attr::stopped), "generations");
}

TEST(ResultCalibration, ThePosteriorAndInfoReadWhatIsWritten) {
    testing::TempDir dir;
    const Fixture fixture;
    const std::string path = fixture.write(dir);
    const Posterior posterior = read_posterior(path);
    EXPECT_EQ(posterior.keys,
              (std::vector<std::string>{"ratification.base_hazard", "treaty.threshold"}));
    EXPECT_EQ(posterior.weights, fixture.result.generations.back().weights);
    EXPECT_EQ(posterior.particles, fixture.result.generations.back().particles);
    EXPECT_EQ(posterior.fitted_to, "base.toml");

    const std::string info = describe_calibration(h5::open_file(path), path);
    EXPECT_NE(info.find("1 generations after the prior sample, 3 particles"), std::string::npos)
        << info;
    EXPECT_NE(info.find("3 of 3 particles distinct after 1 move; stopped by generations"),
              std::string::npos)
        << info;
    EXPECT_NE(info.find("treaty.threshold: "), std::string::npos) << info;
    EXPECT_NE(info.find("second (check): 30 +- 4"), std::string::npos) << info;
}

}  // namespace
}  // namespace havens
