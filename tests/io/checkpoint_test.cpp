#include "io/checkpoint.hpp"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>

#include "core/errors.hpp"
#include "engine/run.hpp"
#include "support/default_world.hpp"
#include "support/results_equal.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

ReplicateResult small_result() {
    Scenario s;
    s.months = 36;
    s.world.exiles = 5000;
    s.output.request_log = true;
    return run_replicate(testing::default_world(), s, 3);
}

const RunIdentity identity{"grid_p0001", 3, 42, 0x1234abcdu};

// Two points: their runs' identities.
std::vector<PointIdentity> two_points() {
    return {{"grid_p0000", 42, config_hash("{\"x\": 0}")},
            {"grid_p0001", 42, config_hash("{\"x\": 1}")}};
}

TEST(Checkpoint, RunFilesRoundTripExactly) {
    const ReplicateResult r = small_result();
    ASSERT_FALSE(r.events.empty());
    const auto back = deserialise(serialise(identity, r));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->first, identity);
    testing::expect_identical(r, back->second);
}

TEST(Checkpoint, DamagedBytesAreRejected) {
    std::string bytes = serialise(identity, small_result());
    bytes[bytes.size() / 2] ^= 0x5a;
    EXPECT_FALSE(deserialise(bytes).has_value());
    EXPECT_FALSE(deserialise(bytes.substr(0, bytes.size() - 9)).has_value());
    EXPECT_FALSE(deserialise("not a checkpoint").has_value());
}

TEST(Checkpoint, ResumeNeedsTheSameManifest) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const Checkpoint c = Checkpoint::start(out, "{\"a\": 1}", two_points());
    c.save({1, 1}, small_result());
    const Checkpoint again = Checkpoint::resume(out, "{\"a\": 1}", two_points());
    EXPECT_TRUE(again.has({1, 1}));
    EXPECT_FALSE(again.has({1, 0}));
    testing::expect_identical(again.load({1, 1}), small_result());
    testing::expect_error_mentions<InputError>(
        [&] { Checkpoint::resume(out, "{\"a\": 2}", two_points()); },
        {"--resume", "arguments differ"});
    testing::expect_error_mentions<InputError>(
        [&] { Checkpoint::resume(dir.path("other.h5"), "{}", {}); },
        {"--resume", "nothing to resume"});
    again.discard();
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

// A run file in the wrong slot (swapped, copied, or from another
// configuration) is refused when it is loaded, naming the file.
TEST(Checkpoint, ARunFileMustBelongToItsSlot) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const Checkpoint c = Checkpoint::start(out, "{}", two_points());
    const ReplicateResult r = small_result();
    c.save({0, 0}, r);
    c.save({1, 0}, r);
    c.save({0, 1}, r);
    const std::string folder = out + ".partial/";
    // Swap two points' runs, and a replicate's.
    std::filesystem::rename(folder + "p0_r0.run", folder + "tmp");
    std::filesystem::rename(folder + "p1_r0.run", folder + "p0_r0.run");
    std::filesystem::rename(folder + "tmp", folder + "p1_r0.run");
    std::filesystem::copy_file(folder + "p0_r1.run", folder + "p0_r2.run");
    const Checkpoint again = Checkpoint::resume(out, "{}", two_points());
    testing::expect_error_mentions<OutputError>(
        [&] {
            again.load({0, 0});
        },
        {"p0_r0.run", "holds another run", "group grid_p0001 replicate 0"});
    testing::expect_error_mentions<OutputError>(
        [&] {
            again.load({1, 0});
        },
        {"p1_r0.run", "group grid_p0000"});
    testing::expect_error_mentions<OutputError>(
        [&] {
            again.load({0, 2});
        },
        {"p0_r2.run", "replicate 1"});
    testing::expect_identical(again.load({0, 1}), r);
    // The same point under another configuration or seed.
    auto changed = two_points();
    changed[0].config_hash ^= 1;
    changed[1].seed = 43;
    const Checkpoint other = Checkpoint::resume(out, "{}", changed);
    testing::expect_error_mentions<OutputError>(
        [&] {
            other.load({0, 1});
        },
        {"p0_r1.run", "holds another run"});
    std::filesystem::remove(folder + "p0_r0.run");
    std::filesystem::remove(folder + "p1_r0.run");
    c.save({1, 0}, r);
    testing::expect_error_mentions<OutputError>(
        [&] {
            other.load({1, 0});
        },
        {"p1_r0.run", "seed 42"});
}

TEST(Checkpoint, AMissingOrDamagedManifestIsNotAnotherExperiment) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const std::string manifest = "{\"points\": [1, 2]}";
    Checkpoint::start(out, manifest, two_points()).save({0, 0}, small_result());
    const std::string file = out + ".partial/manifest.json";
    std::ofstream(file, std::ios::trunc) << "{\"points\": [1, 3]}";
    testing::expect_error_mentions<OutputError>(
        [&] { Checkpoint::resume(out, manifest, two_points()); }, {"manifest.json", "damaged"});
    std::filesystem::remove(file);
    testing::expect_error_mentions<OutputError>(
        [&] { Checkpoint::resume(out, manifest, two_points()); },
        {out + ".partial", "incomplete or damaged", "no manifest.json"});
    EXPECT_TRUE(std::filesystem::exists(out + ".partial/p0_r0.run"));  // kept
}

TEST(Checkpoint, OneWriterPerOutputPath) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    {
        const OutputLock held = OutputLock::acquire(out);
        EXPECT_TRUE(std::filesystem::exists(out + ".partial.lock"));
        testing::expect_error_mentions<OutputError>(
            [&] { OutputLock::acquire(out); }, {out, "another havens run is writing this file"});
        const OutputLock other = OutputLock::acquire(dir.path("s.h5"));  // another path: free
        EXPECT_TRUE(
            std::filesystem::exists(out + ".partial.lock"));  // the refused one removed nothing
    }
    EXPECT_FALSE(std::filesystem::exists(out + ".partial.lock"));  // given up: removed
    EXPECT_FALSE(std::filesystem::exists(dir.path("s.h5.partial.lock")));
    // A lock file left by a killed run is taken over.
    dir.write("r.h5.partial.lock", "");
    { const OutputLock again = OutputLock::acquire(out); }
    EXPECT_FALSE(std::filesystem::exists(out + ".partial.lock"));
}

// A short write (a full disk; here a file-size limit, with SIGXFSZ ignored
// so that the write fails with EFBIG) is an error, never a truncated run file.
TEST(Checkpoint, AShortWriteIsAnErrorNotATruncatedFile) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const Checkpoint c = Checkpoint::start(out, "{}", two_points());
    const ReplicateResult r = small_result();
    const std::size_t size =
        serialise(RunIdentity{"grid_p0000", 0, 42, two_points()[0].config_hash}, r).size();
    ASSERT_GT(size, 8192u);
    rlimit saved{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
    const auto previous = ::signal(SIGXFSZ, SIG_IGN);
    rlimit limit = saved;
    limit.rlim_cur = size / 2;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &limit), 0);
    testing::expect_error_mentions<OutputError>(
        [&] {
            c.save({0, 0}, r);
        },
        {"p0_r0.run", "cannot write the checkpoint", "File too large"});
    ::setrlimit(RLIMIT_FSIZE, &saved);
    ::signal(SIGXFSZ, previous);
    EXPECT_FALSE(c.has({0, 0}));
    for (const auto& e : std::filesystem::directory_iterator(out + ".partial")) {
        EXPECT_EQ(e.path().filename().string().find(".tmp-"), std::string::npos) << e.path();
    }
    c.save({0, 0}, r);  // with room, the same run is saved whole
    testing::expect_identical(c.load({0, 0}), r);
}

}  // namespace
}  // namespace havens
