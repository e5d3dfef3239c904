// The posterior as CSV: what havens calibrate --posterior-csv writes reads
// back as the same doubles, and every kind of damage is one line naming the
// file, the line and the column.
#include "io/posterior_csv.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "core/errors.hpp"
#include "io/posterior_file.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

Posterior example() {
    Posterior p;
    p.keys = {"ratification.base_hazard", "treaty.threshold"};
    // Values that a short decimal would not round-trip.
    p.particles = {{0.1 + 0.2, 40}, {std::nextafter(0.003, 1.0), 41}, {1e-7 / 3, 39}};
    p.weights = {1.0 / 3, 1.0 / 3, 1.0 - 2.0 / 3};
    return p;
}

TEST(PosteriorCsv, WhatIsWrittenReadsBackBitForBit) {
    testing::TempDir dir;
    const Posterior p = example();
    const auto path = dir.write("p.csv", posterior_csv_text(p, "line one\nline two"));
    const Posterior back = read_posterior(path);  // by its extension
    EXPECT_EQ(back.source, path);
    EXPECT_EQ(back.keys, p.keys);
    EXPECT_EQ(back.particles, p.particles);
    EXPECT_EQ(back.weights, p.weights);
    // The same posterior gives the same bytes: the comment is all there is besides.
    EXPECT_EQ(posterior_csv_text(back, "line one\nline two"),
              posterior_csv_text(p, "line one\nline two"));
    EXPECT_EQ(posterior_csv_text(p, "x").rfind("# x\nweight,ratification.base_hazard,", 0), 0u);
}

TEST(PosteriorCsv, DamageIsOneLineNamingTheFileLineAndColumn) {
    const std::pair<std::string, std::vector<std::string>> bad[] = {
        {"w,a\n1,2\n", {"weight", "the first column must be 'weight'"}},
        {"weight,ratification.b_peer\n", {"no particles"}},
        {"weight\n1\n", {"no parameter columns"}},
        {"weight,a,a\n1,2,3\n", {":1: a: a column named twice (columns 2 and 3)"}},
        {"weight,a\n1,x\n", {":2: a: expected a finite number, got 'x'"}},
        {"weight,a\n1,inf\n", {":2: a: expected a finite number, got 'inf'"}},
        {"weight,a\n1,1e999\n", {":2: a: expected a finite number, got '1e999'"}},
        {"weight,a\n-0.5,1\n1.5,2\n", {":2: weight: a negative weight"}},
        {"weight,a\n0.5,1\n0.4,2\n", {"weight: the weights sum to 0.9"}},
        {"weight,a\n1,2,3\n", {":2:", "expected 2 fields"}},
    };
    for (const auto& [text, parts] : bad) {
        SCOPED_TRACE(text);
        testing::TempDir dir;
        const auto path = dir.write("p.csv", text);
        try {
            read_posterior(path);
            ADD_FAILURE() << "accepted";
        } catch (const InputError& e) {
            const std::string what = e.what();
            EXPECT_EQ(what.rfind(path + ":", 0), 0u) << what;
            EXPECT_EQ(what.find('\n'), std::string::npos) << what;
            for (const auto& part : parts) EXPECT_NE(what.find(part), std::string::npos) << what;
        }
    }
}

}  // namespace
}  // namespace havens
