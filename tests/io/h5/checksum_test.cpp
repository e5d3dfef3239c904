// Issue class F6, a damaged result file: a flipped byte, a zeroed 512-byte
// sector or a cut anywhere in a file havens wrote must give one line naming
// the file and exit code 2, never a crash or a hang, from every command that
// reads one (`havens info`, `havens run --posterior`). The checksum in the
// user block (io/h5/checksum.hpp) refuses the damage before libhdf5 reads it.
#include "io/h5/checksum.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <vector>

#include "core/errors.hpp"
#include "core/fnv1a.hpp"
#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

using testing::Outcome;

std::string read_bytes(const std::string& path) { return testing::slurp(path); }

void write_bytes(const std::string& path, const std::string& bytes) {
    std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

// A small file made through the h5 layer, as every result file is.
void write_small(const std::string& path) {
    h5::Location root = h5::create_file(path);
    root.set_attribute("schema_version", std::int64_t{3});
    const std::vector<double> values = {1, 2, 3, 4};
    root.write<double>("values", {2, 2}, {values.data(), values.size()});
    root.close();
}

void expect_refused(const std::string& path, const std::string& problem) {
    testing::expect_error_mentions<InputError>([&] { h5::verify_checksum(path); },
                                               {path + ": ", problem});
}

TEST(Checksum, AFileHavensWroteCarriesAMatchingRecordAndStaysHdf5) {
    testing::TempDir dir;
    const auto path = dir.path("small.h5");
    write_small(path);
    const std::string bytes = read_bytes(path);
    ASSERT_GT(bytes.size(), h5::user_block_size);
    EXPECT_EQ(bytes.substr(0, 18), "havens-checksum 2\n");
    EXPECT_EQ(bytes.substr(h5::user_block_size, 4), "\x89HDF");
    EXPECT_NO_THROW(h5::verify_checksum(path));
    const auto root = h5::open_file(path);
    EXPECT_EQ(root.integer_attribute("schema_version"), 3);
}

// Files written by havens before record 2 carry record 1 (FNV-1a of every
// byte): still read, and still refused when a byte differs.
TEST(Checksum, AFileWithTheFirstRecordIsStillCheckedAndRead) {
    testing::TempDir dir;
    const auto path = dir.path("small.h5");
    write_small(path);
    std::string bytes = read_bytes(path);
    const std::uint64_t h = fnv1a(std::string_view(bytes).substr(h5::user_block_size), fnv1a_start);
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
    std::string record =
        "havens-checksum 1\nlength " + std::to_string(bytes.size()) + "\nfnv1a64 " + hex + "\n";
    record.resize(h5::user_block_size, '\0');
    bytes.replace(0, h5::user_block_size, record);
    write_bytes(path, bytes);
    EXPECT_NO_THROW(h5::verify_checksum(path));
    bytes[h5::user_block_size + 100] = static_cast<char>(bytes[h5::user_block_size + 100] ^ 1);
    write_bytes(path, bytes);
    expect_refused(path, "checksum does not match");
}

TEST(Checksum, ClosingQuietlyWritesNoRecord) {
    testing::TempDir dir;
    const auto path = dir.path("abandoned.h5");
    { h5::Location root = h5::create_file(path); }  // the error path: no close()
    expect_refused(path, "checksum record is missing");
}

TEST(Checksum, EveryBitFlippedInTheUserBlockIsRefused) {
    testing::TempDir dir;
    const auto path = dir.path("small.h5");
    write_small(path);
    const std::string good = read_bytes(path);
    const auto flipped = dir.path("flipped.h5");
    for (std::size_t at = 0; at < h5::user_block_size; ++at) {
        for (int bit = 0; bit < 8; ++bit) {
            std::string bytes = good;
            bytes[at] = static_cast<char>(bytes[at] ^ (1 << bit));
            write_bytes(flipped, bytes);
            EXPECT_THROW(h5::verify_checksum(flipped), InputError)
                << "byte " << at << " bit " << bit;
        }
    }
}

TEST(Checksum, EveryByteFlippedAfterTheUserBlockIsRefused) {
    testing::TempDir dir;
    const auto path = dir.path("small.h5");
    write_small(path);
    const std::string good = read_bytes(path);
    const auto flipped = dir.path("flipped.h5");
    for (std::size_t at = h5::user_block_size; at < good.size(); ++at) {
        std::string bytes = good;
        bytes[at] = static_cast<char>(bytes[at] ^ 0x10);
        write_bytes(flipped, bytes);
        EXPECT_THROW(h5::verify_checksum(flipped), InputError) << "byte " << at;
    }
}

TEST(Checksum, ACutOrAnExtensionIsRefusedByItsLength) {
    testing::TempDir dir;
    const auto path = dir.path("small.h5");
    write_small(path);
    const std::string good = read_bytes(path);
    const auto cut = dir.path("cut.h5");
    for (std::size_t keep : {good.size() - 1, good.size() / 2, std::size_t{600}}) {
        write_bytes(cut, good.substr(0, keep));
        expect_refused(cut, "bytes where havens wrote " + std::to_string(good.size()));
    }
    write_bytes(cut, good.substr(0, 100));  // the record itself cut short
    expect_refused(cut, "checksum record is unreadable");
    write_bytes(cut, good + std::string(512, '\0'));
    expect_refused(cut, "cut short or extended since");
    write_bytes(cut, "");
    expect_refused(cut, "not an HDF5 file");
}

TEST(Checksum, AFileWithoutTheRecordIsRefusedWithTheReason) {
    testing::TempDir dir;
    const auto path = dir.path("older.h5");
    // As havens wrote result files before the checksum: no user block.
    const hid_t file = H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    ASSERT_GE(H5Fclose(file), 0);
    expect_refused(path, "written without a checksum (by an older havens)");
    testing::expect_error_mentions<InputError>([&] { h5::open_file(path); },
                                               {path, "write it again with this havens"});
    // Not even a regular file, or missing: refused at once, without waiting on it.
    expect_refused(dir.path(""), "not an HDF5 file");
    testing::expect_error_mentions<OutputError>([&] { h5::verify_checksum(dir.path("none.h5")); },
                                                {"none.h5", "no such file"});
}

// Real result files of each kind, damaged and read by the havens binary.
class DamagedResultF6 : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new testing::TempDir;
        const std::string small =
            " --replicates 1 --set months=12 --set world.exiles=1000 --quiet -o ";
        const std::string scenarios = HAVENS_SCENARIOS_DIR;
        ASSERT_EQ(run("run " + scenarios + "/baseline.toml" + small + path("run.h5")).exit_code, 0);
        ASSERT_EQ(run("run " + scenarios + "/thresholds.toml" + small + path("sweep.h5")).exit_code,
                  0);
        std::ofstream(path("calibration.toml"))
            << "scenario = \"" << scenarios << R"(/baseline.toml"
set = ["treaty.observed_deposits=false", "world.exiles=0", "requests.legitimate_rate=0",
       "months=60"]
[sampler]
particles = 20
max_generations = 1
moves = 1
seed = 3
[parameters."ratification.base_hazard"]
prior = "log_uniform"
low = 0.001
high = 0.02
[targets.fortieth]
statistic = "month_of_parties"
count = 40
observed = 30.6
sd = 6
source = "UNTOC"
)";
        const auto calibrated =
            run("calibrate " + path("calibration.toml") + " --quiet -o " + path("calibration.h5"));
        ASSERT_EQ(calibrated.exit_code, 0) << calibrated.err;
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }
    static std::string path(const std::string& name) { return dir_->path(name); }
    // At most 10 s: a hang is a failure (exit code 124), not a stuck test.
    static Outcome run(const std::string& args) {
        return testing::run_havens(*dir_, args, "timeout 10 ");
    }

    // A copy of `original` with `damage` applied to its bytes.
    static std::string damaged(const std::string& original, const std::string& name,
                               const std::function<void(std::string&)>& damage) {
        std::string bytes = read_bytes(path(original));
        damage(bytes);
        write_bytes(path(name), bytes);
        return path(name);
    }

    static void expect_one_line(const Outcome& r, const std::string& file,
                                const std::string& problem) {
        EXPECT_EQ(r.exit_code, 2) << r.err << r.out;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_EQ(r.err.rfind("havens: error: " + file + ": ", 0), 0u) << r.err;
        EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
    }

    static void expect_info_refuses(const std::string& file, const std::string& problem) {
        SCOPED_TRACE(file);
        expect_one_line(run("info " + file), file, problem);
    }

    static testing::TempDir* dir_;
};

testing::TempDir* DamagedResultF6::dir_ = nullptr;

const char* kinds[] = {"run.h5", "sweep.h5", "calibration.h5"};

TEST_F(DamagedResultF6, TheUndamagedFilesAreRead) {
    for (const char* kind : kinds) EXPECT_EQ(run("info " + path(kind)).exit_code, 0) << kind;
}

TEST_F(DamagedResultF6, AFlippedByteAnywhereIsOneLine) {
    for (const char* kind : kinds) {
        const std::size_t size = read_bytes(path(kind)).size();
        // The record, the superblock, the root's object header, the middle, the end.
        for (std::size_t at : {std::size_t{20}, std::size_t{512}, std::size_t{600},
                               std::size_t{900}, size / 2, size - 1}) {
            const auto file = damaged(kind, "flip.h5", [&](std::string& b) { b[at] ^= 0x04; });
            expect_info_refuses(file, "damaged");
        }
    }
}

TEST_F(DamagedResultF6, AZeroedSectorIsOneLine) {
    for (const char* kind : kinds) {
        const std::size_t sectors = read_bytes(path(kind)).size() / 512;
        for (std::size_t sector : {std::size_t{0}, std::size_t{1}, std::size_t{2}, sectors / 2}) {
            const auto file = damaged(kind, "zeroed.h5", [&](std::string& b) {
                std::fill_n(b.begin() + static_cast<std::ptrdiff_t>(sector * 512), 512, '\0');
            });
            expect_info_refuses(file, "damaged");
        }
    }
}

TEST_F(DamagedResultF6, ACutFileIsOneLine) {
    for (const char* kind : kinds) {
        const auto file = damaged(kind, "cut.h5", [](std::string& b) { b.resize(b.size() / 3); });
        expect_info_refuses(file, "cut short or extended since");
    }
}

TEST_F(DamagedResultF6, AFileWithoutItsUserBlockIsRefusedWithTheReason) {
    const auto file = damaged("run.h5", "older.h5", [](std::string& b) { b.erase(0, 512); });
    expect_info_refuses(file, "written without a checksum");
}

TEST_F(DamagedResultF6, ADamagedPosteriorIsOneLine) {
    const auto file =
        damaged("calibration.h5", "posterior.h5", [](std::string& b) { b[b.size() / 2] ^= 1; });
    const std::string scenario = std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml";
    const auto r = run("run " + scenario + " --replicates 2 --set months=12 --quiet --posterior " +
                       file + " -o " + path("over.h5"));
    expect_one_line(r, file, "its checksum does not match");
    EXPECT_FALSE(std::filesystem::exists(path("over.h5")));
}

}  // namespace
}  // namespace havens
