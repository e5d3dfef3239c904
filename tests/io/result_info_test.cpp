// `havens info` on damaged result files: each damage, made with the HDF5 C
// API on a copy of a small real result and checksummed again (as a file
// havens wrote that way), must give one line naming the file and the dataset
// (or attribute), exit code 2 and no crash.
#include "io/result_info.hpp"

#include <gtest/gtest.h>
#include <hdf5.h>

#include <algorithm>
#include <filesystem>
#include <functional>

#include "core/errors.hpp"
#include "io/h5/checksum.hpp"
#include "io/h5/file.hpp"
#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"
#include "support/world_files.hpp"

namespace havens {
namespace {

using testing::Outcome;

Outcome havens(const testing::TempDir& dir, const std::string& args) {
    return testing::run_havens(dir, args);
}

// Two small real results, written once for the suite: one scenario, and a
// sweep (so that the design tables exist).
class DamagedResult : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new testing::TempDir;
        const std::string small =
            " --replicates 1 --set months=12 --set world.exiles=1000 --quiet -o ";
        ASSERT_EQ(havens(*dir_, "run " + std::string(HAVENS_SCENARIOS_DIR) + "/baseline.toml" +
                                    small + dir_->path("baseline.h5"))
                      .exit_code,
                  0);
        ASSERT_EQ(havens(*dir_, "run " + std::string(HAVENS_SCENARIOS_DIR) + "/thresholds.toml" +
                                    small + dir_->path("sweep.h5"))
                      .exit_code,
                  0);
    }
    static void TearDownTestSuite() {
        delete dir_;
        dir_ = nullptr;
    }

    // A copy of `original` with `damage` applied to its root (opened read-write).
    std::string damaged(const std::string& original, const std::string& name,
                        const std::function<void(hid_t)>& damage) {
        const std::string path = dir_->path(name + ".h5");
        std::filesystem::copy_file(dir_->path(original), path,
                                   std::filesystem::copy_options::overwrite_existing);
        const hid_t file = H5Fopen(path.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
        EXPECT_GE(file, 0);
        damage(file);
        EXPECT_GE(H5Fclose(file), 0);
        // Checksummed again, so that the damage reaches the checks behind the checksum.
        h5::write_checksum(path);
        return path;
    }

    // `havens info` must refuse it: exit 2, one line naming the file and `object`.
    void expect_refused(const std::string& path, const std::string& object,
                        const std::string& problem) {
        const auto r = havens(*dir_, "info " + path);
        EXPECT_FALSE(r.signalled) << "crashed on " << path;
        EXPECT_EQ(r.exit_code, 2) << r.err << r.out;
        EXPECT_EQ(r.out, "");
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
        EXPECT_NE(r.err.find("havens: error: " + path + ": " + object + ": "), std::string::npos)
            << r.err;
        EXPECT_NE(r.err.find(problem), std::string::npos) << r.err;
        testing::expect_error_mentions<InputError>([&] { describe_result_file(path); },
                                                   {path, object, problem});
    }

    static testing::TempDir* dir_;
};

testing::TempDir* DamagedResult::dir_ = nullptr;

void remove(hid_t file, const char* object) { EXPECT_GE(H5Ldelete(file, object, H5P_DEFAULT), 0); }

template <typename T>
void write_dataset(hid_t file, const char* name, const std::vector<hsize_t>& shape, hid_t type,
                   const std::vector<T>& values) {
    const hid_t space = H5Screate_simple(static_cast<int>(shape.size()), shape.data(), nullptr);
    const hid_t set = H5Dcreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT);
    EXPECT_GE(set, 0) << name;
    if (!values.empty()) {
        EXPECT_GE(H5Dwrite(set, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values.data()), 0);
    }
    H5Dclose(set);
    H5Sclose(space);
}

void replace_int_attribute(hid_t file, const char* name, const std::vector<std::int64_t>& values,
                           bool scalar = true) {
    if (H5Aexists(file, name) > 0) EXPECT_GE(H5Adelete(file, name), 0);
    const hsize_t n = values.size();
    const hid_t space = scalar ? H5Screate(H5S_SCALAR) : H5Screate_simple(1, &n, nullptr);
    const hid_t attr = H5Acreate2(file, name, H5T_STD_I64LE, space, H5P_DEFAULT, H5P_DEFAULT);
    EXPECT_GE(H5Awrite(attr, H5T_NATIVE_INT64, values.data()), 0);
    H5Aclose(attr);
    H5Sclose(space);
}

void replace_string_attribute(hid_t file, const char* name, const std::string& value) {
    if (H5Aexists(file, name) > 0) EXPECT_GE(H5Adelete(file, name), 0);
    const hid_t type = H5Tcopy(H5T_C_S1);
    H5Tset_size(type, H5T_VARIABLE);
    H5Tset_cset(type, H5T_CSET_UTF8);
    const hid_t space = H5Screate(H5S_SCALAR);
    const hid_t attr = H5Acreate2(file, name, type, space, H5P_DEFAULT, H5P_DEFAULT);
    const char* text = value.c_str();
    EXPECT_GE(H5Awrite(attr, type, &text), 0);
    H5Aclose(attr);
    H5Sclose(space);
    H5Tclose(type);
}

const char* parties = "/scenarios/baseline/timeseries/parties";

TEST_F(DamagedResult, TheUndamagedFilesAreDescribed) {
    const auto r = havens(*dir_, "info " + dir_->path("baseline.h5"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("scenario baseline: 1 replicates x 12 months"), std::string::npos)
        << r.out;
    const auto s = havens(*dir_, "info " + dir_->path("sweep.h5"));
    EXPECT_EQ(s.exit_code, 0) << s.err;
    EXPECT_NE(s.out.find("sweep thresholds: 24 points, grid"), std::string::npos) << s.out;
}

TEST_F(DamagedResult, OneDimensionalPartiesIsRefusedNotOverrun) {
    const auto path = damaged("baseline.h5", "parties_1d", [](hid_t f) {
        remove(f, parties);
        write_dataset<std::int32_t>(f, parties, {5}, H5T_NATIVE_INT32, {1, 2, 3, 4, 5});
    });
    expect_refused(path, parties, "expected 2 dimensions, got 1");
}

TEST_F(DamagedResult, PartiesWithoutRowsOrOfTextAreRefused) {
    expect_refused(
        damaged("baseline.h5", "parties_empty",
                [](hid_t f) {
                    remove(f, parties);
                    write_dataset<std::int32_t>(f, parties, {0, 12}, H5T_NATIVE_INT32, {});
                }),
        parties, "at least one replicate");
    expect_refused(
        damaged("baseline.h5", "parties_text",
                [](hid_t f) {
                    remove(f, parties);
                    const hid_t type = H5Tcopy(H5T_C_S1);
                    H5Tset_size(type, 2);
                    write_dataset<char>(f, parties, {1, 12}, type, std::vector<char>(24, 'x'));
                    H5Tclose(type);
                }),
        parties, "expected numbers");
}

TEST_F(DamagedResult, ANumberWiderThanEightBytesIsRefusedBeforeItIsRead) {
    // Found by tests/fuzz/result_info_fuzz: a damaged float type of 4 GB per value
    // made HDF5 allocate gigabytes to read a series of two values.
    const char* share = "/scenarios/baseline/timeseries/share_exiles_in_safe_haven";
    const auto path = damaged("baseline.h5", "share_huge_type", [&](hid_t f) {
        remove(f, share);
        const hid_t type = H5Tcopy(H5T_IEEE_F64LE);
        EXPECT_GE(H5Tset_size(type, std::size_t{1} << 30), 0);
        write_dataset<double>(f, share, {1, 12}, type, {});
        H5Tclose(type);
    });
    expect_refused(path, share, "expected numbers");
}

TEST_F(DamagedResult, AShorterSeriesIsRefused) {
    const char* sent = "/scenarios/baseline/timeseries/requests_sent";
    const auto path = damaged("baseline.h5", "sent_short", [&](hid_t f) {
        remove(f, sent);
        write_dataset<std::int64_t>(f, sent, {1, 3}, H5T_NATIVE_INT64, {1, 2, 3});
    });
    expect_refused(path, sent, "expected shape (1, 12) [replicate, month], got (1, 3)");
}

TEST_F(DamagedResult, ANewerOrNonsenseSchemaVersionIsRefused) {
    expect_refused(damaged("baseline.h5", "schema_99",
                           [](hid_t f) { replace_int_attribute(f, "schema_version", {99}); }),
                   "attribute schema_version of /", "schema 99 is not one this havens reads");
    expect_refused(damaged("baseline.h5", "schema_0",
                           [](hid_t f) { replace_int_attribute(f, "schema_version", {0}); }),
                   "attribute schema_version of /", "schema 0");
    expect_refused(damaged("baseline.h5", "schema_text",
                           [](hid_t f) { replace_string_attribute(f, "schema_version", "2"); }),
                   "attribute schema_version of /", "expected an integer");
    // An array read into one integer would overrun it.
    expect_refused(damaged("baseline.h5", "schema_array",
                           [](hid_t f) {
                               replace_int_attribute(f, "schema_version",
                                                     std::vector<std::int64_t>(64, 2), false);
                           }),
                   "attribute schema_version of /", "expected an integer");
}

TEST_F(DamagedResult, ADeletedCoordinateIsRefused) {
    const char* month = "/scenarios/baseline/timeseries/month";
    expect_refused(damaged("baseline.h5", "no_month", [&](hid_t f) { remove(f, month); }), month,
                   "missing dataset");
    const char* replicate = "/scenarios/baseline/timeseries/replicate";
    expect_refused(damaged("baseline.h5", "no_replicate", [&](hid_t f) { remove(f, replicate); }),
                   replicate, "missing dataset");
}

TEST_F(DamagedResult, DeletedGroupsAndSummariesAreRefused) {
    expect_refused(damaged("baseline.h5", "no_timeseries",
                           [](hid_t f) { remove(f, "/scenarios/baseline/timeseries"); }),
                   "/scenarios/baseline/timeseries", "missing group");
    const char* entry = "/scenarios/baseline/summary/entry_into_force_month";
    expect_refused(damaged("baseline.h5", "no_entry", [&](hid_t f) { remove(f, entry); }), entry,
                   "missing dataset");
    expect_refused(damaged("baseline.h5", "no_world", [](hid_t f) { remove(f, "/world"); }),
                   "/world", "missing group");
    expect_refused(
        damaged("baseline.h5", "no_groups", [](hid_t f) { remove(f, "/scenarios/baseline"); }),
        "/scenarios", "no scenario group");
    expect_refused(damaged("baseline.h5", "no_version_text",
                           [](hid_t f) { EXPECT_GE(H5Adelete(f, "havens_version"), 0); }),
                   "attribute havens_version of /", "missing");
}

TEST_F(DamagedResult, GarbageScenarioOrderIsRefused) {
    const std::string where = "attribute scenario_order of /";
    expect_refused(
        damaged("baseline.h5", "order_garbage",
                [](hid_t f) { replace_string_attribute(f, "scenario_order", "{not json"); }),
        where, "expected a JSON list of scenario groups");
    expect_refused(
        damaged("baseline.h5", "order_object",
                [](hid_t f) { replace_string_attribute(f, "scenario_order", "{\"a\": 1}"); }),
        where, "expected a JSON list");
    expect_refused(
        damaged("baseline.h5", "order_unknown",
                [](hid_t f) { replace_string_attribute(f, "scenario_order", "[\"elsewhere\"]"); }),
        where, "'elsewhere', which is no group of /scenarios");
}

TEST_F(DamagedResult, DeletedSweepTablesAreRefused) {
    // The file holds the sweep alone.
    expect_refused(damaged("sweep.h5", "no_sweeps", [](hid_t f) { remove(f, "/sweeps"); }),
                   "/scenarios", "no scenario group and no sweep");
    expect_refused(
        damaged("sweep.h5", "no_sweep", [](hid_t f) { remove(f, "/sweeps/thresholds"); }),
        "/scenarios", "no scenario group and no sweep");
    for (const char* name : {"treaty.threshold", "point", "scenario", "replicates_run", "parties",
                             "outcome_value", "replicate"}) {
        const std::string object = std::string("/sweeps/thresholds/") + name;
        expect_refused(damaged("sweep.h5", std::string("no_") + name,
                               [&](hid_t f) { remove(f, object.c_str()); }),
                       object, "missing dataset");
    }
}

TEST_F(DamagedResult, TheHdf5LayerReadsNoArrayIntoOneValue) {
    const auto path = damaged("baseline.h5", "array_attributes", [](hid_t f) {
        replace_int_attribute(f, "seed", std::vector<std::int64_t>(64, 1), false);
    });
    const h5::Location root = h5::open_file(path);
    testing::expect_error_mentions<OutputError>([&] { root.integer_attribute("seed"); },
                                                {path, "attribute seed on /", "one value"});
    expect_refused(path, "attribute seed of /", "expected an integer");
}

// The places of `needles` in `text`, in the order given.
std::vector<std::size_t> places(const std::string& text, const std::vector<std::string>& needles) {
    std::vector<std::size_t> out;
    for (const auto& n : needles) {
        out.push_back(text.find(n));
        EXPECT_NE(out.back(), std::string::npos) << n << " in " << text;
    }
    return out;
}

// Scenarios and sweeps in the order of the command line (the file's
// scenario_order), as the report shows them; alphabetically without it.
TEST(ResultInfo, ScenariosAndSweepsFollowTheCommandLine) {
    testing::TempDir dir;
    const std::string shipped = HAVENS_SCENARIOS_DIR;
    for (const char* name : {"b", "a"}) {
        dir.write(std::string(name) + ".toml",
                  "[world]\n" + testing::shipped_world_keys() +
                      "[sweep]\ndesign = \"grid\"\n[sweep.values]\n\"treaty.threshold\" = [30, "
                      "50]\n");
    }
    const auto run = havens(dir, "run " + shipped + "/no-treaty.toml " + dir.path("b.toml") + " " +
                                     dir.path("a.toml") +
                                     " --posterior none --replicates 1 --set months=12 --set "
                                     "world.exiles=1000 --quiet -o " +
                                     dir.path("order.h5"));
    ASSERT_EQ(run.exit_code, 0) << run.err;
    // The record names each scenario and sweep once, in the command line's order.
    EXPECT_EQ(h5::open_file(dir.path("order.h5")).string_attribute("scenario_order"),
              "[\"no_treaty\",\"b\",\"a\"]");
    const std::vector<std::string> given{
        "sweep b:",   "sweep a:",   "scenario no_treaty:", "(b_p0000):",
        "(b_p0001):", "(a_p0000):", "(a_p0001):"};
    const auto info = describe_result_file(dir.path("order.h5"));
    // A point is shown by its values, then its group.
    EXPECT_NE(info.find("\n  scenario b[threshold=50] (b_p0001): 1 replicates x 12 months"),
              std::string::npos)
        << info;
    const auto in_file = places(info, given);
    EXPECT_TRUE(std::is_sorted(in_file.begin(), in_file.end())) << info;

    // A file without the record (written before it) lists them alphabetically.
    const std::string older = dir.path("older.h5");
    std::filesystem::copy_file(dir.path("order.h5"), older);
    const hid_t file = H5Fopen(older.c_str(), H5F_ACC_RDWR, H5P_DEFAULT);
    ASSERT_GE(file, 0);
    EXPECT_GE(H5Adelete(file, "scenario_order"), 0);
    EXPECT_GE(H5Fclose(file), 0);
    h5::write_checksum(older);
    const auto alphabetical = describe_result_file(older);
    const auto listed = places(alphabetical, {"sweep a:", "sweep b:", "(a_p0000):", "(a_p0001):",
                                              "(b_p0000):", "(b_p0001):", "scenario no_treaty:"});
    EXPECT_TRUE(std::is_sorted(listed.begin(), listed.end())) << alphabetical;
}

}  // namespace
}  // namespace havens
