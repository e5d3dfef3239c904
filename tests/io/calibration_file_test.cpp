// Reading calibration files: the shipped one loads; every mistake is one
// line naming the file, the line and the key.
#include "io/calibration_file.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/errors.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

const std::string scenarios = HAVENS_SOURCE_DIR "/scenarios";

// A calibration file in a temporary folder whose scenario is the shipped baseline.
std::string write_calibration(const testing::TempDir& dir, const std::string& body) {
    const std::string path = dir.path("c.toml");
    std::ofstream(path) << "scenario = \"" << scenarios << "/baseline.toml\"\n" << body;
    return path;
}

const std::string one_of_each = R"(
[parameters."ratification.base_hazard"]
prior = "log_uniform"
low = 0.001
high = 0.02

[targets.early]
statistic = "parties_at_month"
month = 7
observed = 3
sd = 1
source = "the record"
)";

// The message of the InputError `path` raises.
std::string error_of(const std::string& path) {
    try {
        load_calibration(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}

TEST(CalibrationFile, TheShippedCalibrationLoads) {
    const auto c = load_calibration(scenarios + "/calibration.toml");
    EXPECT_EQ(c.problem.parameters.size(), 10u);
    EXPECT_GE(c.problem.settings.particles, 400);
    EXPECT_GT(c.problem.settings.move_probability, 0.5);
    EXPECT_FALSE(c.scenario.scenario.treaty.observed_deposits);
    EXPECT_EQ(c.scenario.scenario.posterior, "");  // it makes the posterior, never draws
    int fitted = 0;
    for (const auto& t : c.problem.targets) {
        fitted += t.fitted;
        EXPECT_FALSE(t.source.empty()) << t.name;
        EXPECT_GT(t.sd, 0) << t.name;
    }
    EXPECT_GE(fitted, 9);
}

TEST(CalibrationFile, ReadsPriorsTargetsAndTheSampler) {
    testing::TempDir dir;
    const auto c = load_calibration(write_calibration(dir, R"(
set = ["months=120"]
[sampler]
particles = 64
replicates = 2
seed = 9
[parameters.decision.grant_intercept]
prior = "normal"
mean = 2
sd = 1
)" + one_of_each + R"(
[targets.eif]
statistic = "entry_into_force_month"
observed = 33.5
sd = 6
fit = false
source = "UNTOC"
)"));
    EXPECT_EQ(c.scenario.scenario.months, 120);
    EXPECT_EQ(c.problem.settings.particles, 64);
    EXPECT_EQ(c.problem.settings.replicates, 2);
    EXPECT_EQ(c.problem.settings.seed, 9u);
    ASSERT_EQ(c.problem.parameters.size(), 2u);
    EXPECT_EQ(c.problem.parameters[0].key, "decision.grant_intercept");  // dotted form
    EXPECT_EQ(c.problem.parameters[0].prior.kind, PriorKind::normal);
    EXPECT_EQ(c.problem.parameters[0].prior.low, -100);  // the key's range
    EXPECT_EQ(c.problem.parameters[1].prior.kind, PriorKind::log_uniform);
    ASSERT_EQ(c.problem.targets.size(), 2u);
    EXPECT_EQ(c.problem.targets[0].argument, 7);
    EXPECT_FALSE(c.problem.targets[1].fitted);
}

TEST(CalibrationFile, MistakesNameTheFileLineAndKey) {
    testing::TempDir dir;
    const std::vector<std::pair<std::string, std::string>> cases{
        {"colour = 1\n" + one_of_each, "c.toml:2: colour: unknown key"},
        {one_of_each + "[targets.x]\nstatistic = \"parties_at_noon\"\nobserved = 1\nsd = 1\n"
                       "source = \"s\"\n",
         "targets.x.statistic: unknown statistic 'parties_at_noon'"},
        {one_of_each + "[targets.x]\nstatistic = \"parties_at_month\"\nmonth = 240\nobserved = "
                       "1\nsd = 1\nsource = \"s\"\n",
         "targets.x.month: expected an integer in [0, 239]"},
        {one_of_each + "[targets.x]\nstatistic = \"entry_into_force_month\"\nobserved = 1\nsd "
                       "= 0\nsource = \"s\"\n",
         "targets.x.sd: must be positive"},
        {one_of_each + "[targets.x]\nstatistic = \"entry_into_force_month\"\nobserved = 1\nsd "
                       "= 1\n",
         "targets.x.source: missing"},
        {one_of_each + "[parameters.\"ratification.base_hazard_typo\"]\nprior = \"uniform\"\nlow "
                       "= 0\nhigh = 1\n",
         "parameters.ratification.base_hazard_typo: unknown scenario key"},
        {one_of_each + "[parameters.\"decision.review_strength\"]\nprior = \"uniform\"\nlow = "
                       "0\nhigh = 2\n",
         "the prior's support leaves the key's range [0, 1]"},
        {one_of_each + "[parameters.\"decision.review_strength\"]\nprior = \"log_uniform\"\nlow "
                       "= 0\nhigh = 1\n",
         "a log-uniform prior needs low > 0"},
        {one_of_each + "[parameters.\"safeguards.scope\"]\nprior = \"uniform\"\nlow = 0\nhigh = "
                       "1\n",
         "only numeric keys can be calibrated"},
        {one_of_each + "[targets.x]\nstatistic = \"detentions_per_year\"\nobserved = 1\nsd = 1\n"
                       "source = \"s\"\n",
         "targets.x.population: missing"},
        {one_of_each + "[targets.x]\nstatistic = \"detentions_per_year\"\npopulation = 0\n"
                       "observed = 1\nsd = 1\nsource = \"s\"\n",
         "c.toml:16: targets.x.population: must be positive"},
        {one_of_each + "[targets.x]\nstatistic = \"parties_at_month\"\nmonth = 3\n"
                       "population = 5\nobserved = 1\nsd = 1\nsource = \"s\"\n",
         "targets.x.population: statistic 'parties_at_month' takes no population"},
        {one_of_each + "[sampler]\nmoves = 3\nmax_moves = 2\n",
         "sampler.max_moves: fewer than sampler.moves (3)"},
        {one_of_each + "[sampler]\nmove_probability = 1\n",
         "sampler.move_probability: expected a number in [0, 0.999]"},
        {one_of_each + "[sampler]\nparticles = 1\n",
         "sampler.particles: expected an integer in [2,"},
        {"paramters = 1\n" + one_of_each,
         "c.toml:2: paramters: unknown key (did you mean 'parameters'?)"},
        {one_of_each + "[sampler]\nparticle = 64\n",
         "c.toml:15: sampler.particle: unknown key (did you mean 'sampler.particles'?)"},
        {one_of_each + "[targets.x]\nstatistc = \"parties_at_month\"\n",
         "c.toml:15: targets.x.statistc: unknown key (did you mean 'targets.x.statistic'?)"},
        {one_of_each + "[parameters.\"ratification.base_hazzard\"]\nprior = \"uniform\"\nlow "
                       "= 0\nhigh = 1\n",
         "parameters.ratification.base_hazzard: unknown scenario key (did you mean "
         "'ratification.base_hazard'?)"},
        {"set = [\"treaty.treshold=30\"]\n" + one_of_each,
         "c.toml:2: set: treaty.treshold: unknown key (did you mean 'treaty.threshold'?)"},
        {"set = [\"treaty.threshold=0\"]\n" + one_of_each, "c.toml:2: set: treaty.threshold"},
        {"[targets.early]\nstatistic = \"parties_at_month\"\nmonth = 7\nobserved = 3\nsd = "
         "1\nsource = \"r\"\n",
         "parameters: missing"},
    };
    for (const auto& [body, expected] : cases) {
        const std::string message = error_of(write_calibration(dir, body));
        EXPECT_NE(message.find(expected), std::string::npos)
            << "expected '" << expected << "' in: " << message;
        EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
}

TEST(CalibrationFile, AFileWhoseTargetsAreAllChecksHasNothingToFit) {
    testing::TempDir dir;
    std::string body = one_of_each;
    body.insert(body.find("source"), "fit = false\n");
    EXPECT_NE(error_of(write_calibration(dir, body)).find("nothing to fit"), std::string::npos);
}

// A NUL ends the name in the result file's target coordinate ("a\0x" and
// "a\0y" would both be "a"); a newline or an escape breaks the lines that
// show names and sources.
TEST(CalibrationFile, ATargetsNameOrSourceWithAControlCharacterIsRefused) {
    testing::TempDir dir;
    const auto target = [&](const std::string& name, const std::string& source) {
        std::string body = one_of_each;
        body.replace(body.find("early"), 5, name);
        body.replace(body.find("\"the record\""), 12, source);
        return error_of(write_calibration(dir, body));
    };
    EXPECT_NE(target("\"a\\u0000x\"", "\"the record\"")
                  .find(":8: targets: a target's name cannot contain a control character "
                        "(U+0000 at byte 1)"),
              std::string::npos);
    EXPECT_NE(target("\"\"", "\"the record\"").find(":8: targets: a target needs a name"),
              std::string::npos);
    const std::string escape = target("early", "\"the \\u001b[31mrecord\"");
    EXPECT_NE(escape.find(":13: targets.early.source: cannot contain a control character "
                          "(U+001B at byte 4)"),
              std::string::npos)
        << escape;
    EXPECT_EQ(escape.find('\x1b'), std::string::npos);
    EXPECT_NE(target("early", "\"\"\"two\nlines\"\"\"").find("U+000A"), std::string::npos);
    EXPECT_EQ(target("early", "\"the record\""), "(no error)");
}

}  // namespace
}  // namespace havens
