// A full disk, simulated without root: RLIMIT_FSIZE (ulimit -f) with SIGXFSZ
// ignored makes every write past the limit fail with EFBIG, as a full disk
// fails with ENOSPC. Whichever write fails (the world tables, a scenario's
// arrays, the last dataset), `havens run` must exit 3 with one line on
// stderr, never crash, and leave nothing at the output path: only the
// checkpoint folder, which `--resume` completes.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

namespace fs = std::filesystem;

using testing::Outcome;

const std::string baseline = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";
const std::string small_run = " --replicates 1 --set months=12 --set world.exiles=2000 --quiet";

// Runs havens with a file-size limit of `kib` KiB (0: none).
Outcome havens(const testing::TempDir& dir, const std::string& args, int kib = 0) {
    const std::string limit =
        kib > 0 ? "trap \"\" XFSZ; ulimit -f " + std::to_string(kib) + "; " : "";
    return testing::run_command(
        dir, "bash -c '" + limit + "exec " + std::string(HAVENS_BINARY) + " " + args + "'");
}

std::set<std::string> entries(const std::string& folder) {
    std::set<std::string> found;
    for (const auto& e : fs::directory_iterator(folder)) found.insert(e.path().filename().string());
    return found;
}

// The size of the full result of `small_run`, measured, so that the limits
// below stay below it as the file's layout changes.
std::uintmax_t full_size() {
    static const std::uintmax_t size = [] {
        testing::TempDir dir;
        const auto r = havens(dir, "run " + baseline + small_run + " -o " + dir.path("full.h5"));
        EXPECT_EQ(r.exit_code, 0) << r.err;
        return fs::exists(dir.path("full.h5")) ? fs::file_size(dir.path("full.h5")) : 0;
    }();
    return size;
}

// One run under a limit: exit 3, one line naming the file and "File too
// large", no HDF5 diagnostic, nothing at the output path; what is left is
// the checkpoint folder alone, without the half-written HDF5 file.
void expect_clean_failure(const testing::TempDir& dir, int kib) {
    SCOPED_TRACE("ulimit -f " + std::to_string(kib));
    const std::string out = dir.path("o.h5");
    const auto r = havens(dir, "run " + baseline + small_run + " -o " + out, kib);
    EXPECT_EQ(r.exit_code, 3) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("havens: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find("File too large"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("o.h5"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("HDF5-DIAG"), std::string::npos) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_FALSE(fs::exists(out));
    EXPECT_EQ(entries(dir.path("")),
              (std::set<std::string>{"o.h5.partial", "stdout.txt", "stderr.txt"}));
    if (fs::is_directory(out + ".partial")) {
        for (const auto& name : entries(out + ".partial")) {
            EXPECT_EQ(name.find(".h5"), std::string::npos) << "left in the checkpoint: " << name;
            EXPECT_EQ(name.find(".tmp"), std::string::npos) << "left in the checkpoint: " << name;
        }
    }
}

TEST(DiskFull, EveryLimitIsOneLineExitThreeAndNoFile) {
    const std::uintmax_t full = full_size();
    ASSERT_GT(full, 1100u * 1024u);
    // The world tables (16, 64 KiB), the edges (256, 1024), a scenario's
    // arrays after its run was saved (full - 64 KiB) and the last dataset
    // (full - 1 KiB): each fails a different write.
    const int near_end = static_cast<int>(full / 1024) - 64;
    const int at_end = static_cast<int>(full / 1024) - 1;
    for (int kib : {16, 64, 256, 1024, near_end, at_end}) {
        testing::TempDir dir;
        expect_clean_failure(dir, kib);
    }
}

TEST(DiskFull, TheCheckpointLeftBehindIsResumed) {
    testing::TempDir dir;
    const std::string out = dir.path("o.h5");
    expect_clean_failure(dir, static_cast<int>(full_size() / 1024) - 64);
    const auto resumed = havens(dir, "run " + baseline + small_run + " --resume -o " + out);
    ASSERT_EQ(resumed.exit_code, 0) << resumed.err;
    EXPECT_EQ(resumed.err, "");
    EXPECT_FALSE(fs::exists(out + ".partial"));
    const h5::Location root = h5::open_file(out);
    EXPECT_EQ(root.open_group("scenarios")
                  .open_group("baseline")
                  .open_group("timeseries")
                  .shape("parties"),
              (h5::Shape{1, 12}));
}

}  // namespace
}  // namespace havens
