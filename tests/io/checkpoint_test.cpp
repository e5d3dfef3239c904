#include "io/checkpoint.hpp"

#include <gtest/gtest.h>

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

TEST(Checkpoint, RunFilesRoundTripExactly) {
    const ReplicateResult r = small_result();
    ASSERT_FALSE(r.events.empty());
    const auto back = deserialise(serialise(r));
    ASSERT_TRUE(back.has_value());
    testing::expect_identical(r, *back);
}

TEST(Checkpoint, DamagedBytesAreRejected) {
    std::string bytes = serialise(small_result());
    bytes[bytes.size() / 2] ^= 0x5a;
    EXPECT_FALSE(deserialise(bytes).has_value());
    EXPECT_FALSE(deserialise(bytes.substr(0, bytes.size() - 9)).has_value());
    EXPECT_FALSE(deserialise("not a checkpoint").has_value());
}

TEST(Checkpoint, ResumeNeedsTheSameManifest) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const Checkpoint c = Checkpoint::start(out, "{\"a\": 1}");
    c.save({2, 1}, small_result());
    const Checkpoint again = Checkpoint::resume(out, "{\"a\": 1}");
    EXPECT_TRUE(again.has({2, 1}));
    EXPECT_FALSE(again.has({2, 0}));
    testing::expect_error_mentions<InputError>([&] { Checkpoint::resume(out, "{\"a\": 2}"); },
                                               {"--resume", "arguments differ"});
    testing::expect_error_mentions<InputError>(
        [&] { Checkpoint::resume(dir.path("other.h5"), "{}"); }, {"--resume", "nothing to resume"});
    again.discard();
    EXPECT_FALSE(std::filesystem::exists(out + ".partial"));
}

}  // namespace
}  // namespace havens
