#include "io/result_file.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>
#include <tbb/parallel_for.h>

#include <csignal>
#include <filesystem>

#include "core/errors.hpp"
#include "engine/ensemble.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/result_info.hpp"
#include "support/default_world.hpp"
#include "support/same_datasets.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

struct Written {
    testing::TempDir dir;
    Scenario scenario;
    std::vector<ReplicateResult> results;
    std::string path;
};

std::unique_ptr<Written> write_small_file() {
    auto w = std::make_unique<Written>();
    w->scenario.months = 48;
    w->scenario.replicates = 3;
    w->results = run_ensemble(testing::default_world(), w->scenario);
    w->path = w->dir.path("out/result.h5");
    write_result_file(w->path, make_provenance("havens run test", "months = 48", "{}", 1),
                      testing::default_world(),
                      {ScenarioOutput{w->scenario, w->results, "months = 48", nullptr, ""}});
    return w;
}

TEST(ResultFile, RoundTripsTheReplicates) {
    const auto w = write_small_file();
    const h5::Location root = h5::open_file(w->path);
    EXPECT_EQ(root.integer_attribute("schema_version"), schema::version);
    EXPECT_EQ(root.string_attribute("command_line"), "havens run test");
    EXPECT_EQ(root.string_attribute("scenario_toml"), "months = 48");
    const auto series =
        root.open_group("scenarios").open_group("baseline").open_group("timeseries");
    const auto info = series.info("parties");
    EXPECT_EQ(info.shape, (h5::Shape{3, 48}));
    EXPECT_EQ(info.dimensions, (std::vector<std::string>{"replicate", "month"}));
    const auto parties = series.read<std::int32_t>("parties");
    for (std::size_t r = 0; r < 3; ++r) {
        for (std::size_t m = 0; m < 48; ++m)
            EXPECT_EQ(parties[r * 48 + m], w->results[r].parties[m]);
    }
    const auto states = root.open_group("scenarios").open_group("baseline").open_group("states");
    EXPECT_EQ(states.read_strings("state"), testing::default_world().states.iso3);
    EXPECT_EQ(states.read_strings("article"), (std::vector<std::string>{"6(2)", "24", "40(22)"}));
    const auto ratified = states.read<std::int32_t>("ratified_month");
    EXPECT_EQ(ratified[193 + 5], w->results[1].ratified_month[5]);
    EXPECT_EQ(states.info("reservations").dimensions,
              (std::vector<std::string>{"replicate", "state", "article"}));
}

// A named scenario's runs streamed as they end (their compressed arrays
// chunked on the threads that ran them, the rest given at the end) make the
// same datasets as the same runs given whole; a run never streamed is
// chunked when its scenario is written.
TEST(ResultFile, StreamedRunsGiveTheDatasetsOfRunsGivenWhole) {
    const auto w = write_small_file();
    const std::string path = w->dir.path("streamed.h5");
    {
        ResultFileWriter writer(path, make_provenance("havens run test", "months = 48", "{}", 1),
                                testing::default_world());
        writer.expect_runs(w->scenario);
        const RunPlace place{w->scenario.name, nullptr};
        std::vector<ReplicateResult> given(w->results.size());
        tbb::parallel_for(std::size_t{1}, w->results.size(), [&](std::size_t r) {
            EXPECT_TRUE(writer.stream(place, r, w->results[r]));
            given[r] = without_streamed_arrays(w->results[r]);
            EXPECT_TRUE(given[r].flows_granted.empty());
        });
        given[0] = w->results[0];  // not streamed
        EXPECT_FALSE(writer.stream({"another", nullptr}, 0, w->results[0]));
        writer.add_scenario(ScenarioOutput{w->scenario, given, "months = 48", nullptr, ""});
        writer.commit();
    }
    testing::expect_same_datasets(h5::open_file(w->path).open_group("scenarios"),
                                  h5::open_file(path).open_group("scenarios"));
}

TEST(ResultFile, WorldTablesAreWritten) {
    const auto w = write_small_file();
    const h5::Location root = h5::open_file(w->path);
    const auto states = root.open_group("world").open_group("states");
    EXPECT_EQ(states.read_strings("iso3").size(), 193u);
    EXPECT_EQ(states.read<double>("repression"), testing::default_world().states.repression);
    const auto edges = root.open_group("world").open_group("edges");
    EXPECT_EQ(edges.read_strings("channel").size(),
              boost::num_edges(testing::default_world().network.graph));
}

TEST(ResultFile, NoPartialFileIsLeftBehind) {
    const auto w = write_small_file();
    for (const auto& entry : std::filesystem::directory_iterator(w->dir.path("out"))) {
        EXPECT_EQ(entry.path().filename(), "result.h5");
    }
}

TEST(ResultFile, AnUnwritablePathFailsWithoutLeavingAFile) {
    testing::TempDir dir;
    const std::string blocker = dir.write("file", "not a folder");
    const Scenario s;
    const std::vector<ReplicateResult> none;
    EXPECT_THROW(
        write_result_file(blocker + "/x.h5", make_provenance("", "", "{}", 1),
                          testing::default_world(), {ScenarioOutput{s, none, "", nullptr, ""}}),
        OutputError);
    EXPECT_FALSE(std::filesystem::exists(blocker + "/x.h5"));
}

TEST(ResultInfo, DescribesAFileAndRefusesOthers) {
    const auto w = write_small_file();
    const std::string text = describe_result_file(w->path);
    EXPECT_NE(text.find("scenario baseline: 3 replicates x 48 months"), std::string::npos) << text;
    const std::string junk = w->dir.write("junk.h5", "this is not HDF5");
    testing::expect_error_mentions<InputError>([&] { describe_result_file(junk); },
                                               {junk, "not an HDF5 file"});
    testing::expect_error_mentions<OutputError>(
        [&] { describe_result_file(w->dir.path("missing.h5")); }, {"missing.h5", "no such file"});
}

}  // namespace
}  // namespace havens

namespace havens {
namespace {

TEST(ResultFile, FlowsCanBeLeftOutOfLargeExperiments) {
    testing::TempDir dir;
    Scenario s;
    s.months = 24;
    s.replicates = 2;
    s.world.exiles = 2000;
    s.output.flows = false;
    const auto results = run_ensemble(testing::default_world(), s);
    EXPECT_TRUE(results[0].grant_probability.empty());  // not even computed
    const std::string path = dir.path("no_flows.h5");
    write_result_file(path, make_provenance("", "", "{}", 1), testing::default_world(),
                      {ScenarioOutput{s, results, "", nullptr, ""}});
    const auto group = h5::open_file(path).open_group("scenarios").open_group("baseline");
    EXPECT_FALSE(group.exists("flows"));
    EXPECT_TRUE(group.exists("timeseries"));
}

TEST(ResultFile, GrantProbabilityIsStoredInSinglePrecision) {
    const auto w = write_small_file();
    const auto flows =
        h5::open_file(w->path).open_group("scenarios").open_group("baseline").open_group("flows");
    const auto stored = flows.read<double>("grant_probability");
    ASSERT_EQ(stored.size(), w->results.size() * 193 * 193);
    for (std::size_t i = 0; i < stored.size(); i += 997) {
        const double exact = w->results[i / (193 * 193)].grant_probability[i % (193 * 193)];
        EXPECT_EQ(stored[i], static_cast<double>(static_cast<float>(exact)));
    }
}

// A full disk, simulated with RLIMIT_FSIZE (SIGXFSZ ignored: a write past
// the limit fails with EFBIG, as one on a full disk fails with ENOSPC).
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) : previous_signal_(std::signal(SIGXFSZ, SIG_IGN)) {
        getrlimit(RLIMIT_FSIZE, &previous_);
        rlimit limit = previous_;
        limit.rlim_cur = bytes;
        setrlimit(RLIMIT_FSIZE, &limit);
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &previous_);
        std::signal(SIGXFSZ, previous_signal_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

private:
    rlimit previous_{};
    void (*previous_signal_)(int);
};

struct Small {
    Scenario scenario;
    std::vector<ReplicateResult> results;
    Small() {
        scenario.months = 24;
        scenario.replicates = 1;
        scenario.world.exiles = 2000;
        results = run_ensemble(testing::default_world(), scenario);
    }
    ScenarioOutput output() const { return ScenarioOutput{scenario, results, "", nullptr, ""}; }
};

// Every dataset is written by now, but HDF5 still holds the file's metadata
// (the headers, the attribute written by commit()): the flush and close
// before the rename are what fail, and the file is never moved
// into place (it was, and a corrupt file was left at the output path).
TEST(ResultFile, AFailedCloseIsAnErrorAndNothingIsMovedIntoPlace) {
    testing::TempDir dir;
    const Small small;
    const std::string path = dir.path("r.h5"), partial = dir.path("r.h5.writing");
    {
        ResultFileWriter writer(path, make_provenance("", "", "{}", 1), testing::default_world(),
                                partial);
        writer.add_scenario(small.output());
        ASSERT_TRUE(std::filesystem::exists(partial));
        const FileSizeLimit full(0);  // no byte more can be written anywhere
        testing::expect_error_mentions<OutputError>([&] { writer.commit(); },
                                                    {partial, "File too large"});
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(partial));
    // HDF5 goes on working in this process (and its shutdown at exit must not crash).
    write_result_file(path, make_provenance("", "", "{}", 1), testing::default_world(),
                      {small.output()});
    EXPECT_EQ(h5::open_file(path)
                  .open_group("scenarios")
                  .open_group("baseline")
                  .open_group("timeseries")
                  .shape("parties"),
              (h5::Shape{1, 24}));
}

// A write that fails part way: one line naming the file, the dataset and the
// system's message, and no file left behind.
TEST(ResultFile, AFailedWriteIsOneLineAndLeavesNoFile) {
    testing::TempDir dir;
    const Small small;
    const std::string path = dir.path("r.h5"), partial = dir.path("r.h5.writing");
    {
        ResultFileWriter writer(path, make_provenance("", "", "{}", 1), testing::default_world(),
                                partial);
        const FileSizeLimit full(std::filesystem::file_size(partial) + 4096);
        testing::expect_error_mentions<OutputError>(
            [&] { writer.add_scenario(small.output()); },
            {partial, "cannot write dataset /scenarios/baseline/", "File too large"});
    }
    EXPECT_FALSE(std::filesystem::exists(path));
    EXPECT_FALSE(std::filesystem::exists(partial));
}

}  // namespace
}  // namespace havens
