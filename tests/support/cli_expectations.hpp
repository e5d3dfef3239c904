// What a refused command looks like to a user, as the CLI tests check it.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>

#include "support/run_havens.hpp"
#include "support/temp_dir.hpp"

namespace havens::testing {

// A usage or input error: exit 2 (or `exit_code`), nothing on stdout, and
// exactly one line on stderr, "havens: error: ..." holding `message`.
inline void expect_one_line_error(const Outcome& r, const std::string& message, int exit_code = 2) {
    EXPECT_EQ(r.exit_code, exit_code) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_EQ(r.err.rfind("havens: error: ", 0), 0u) << r.err;
    EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
}

// A scenario that the loader must refuse up front: `validate` fails, and
// `run` writes nothing at all (no result file, no checkpoint folder).
inline void expect_refused_up_front(const TempDir& dir, const std::string& args,
                                    const std::string& message) {
    SCOPED_TRACE(args);
    expect_one_line_error(run_havens(dir, "validate " + args), message);
    expect_one_line_error(run_havens(dir, "run " + args + " --quiet -o " + dir.path("out.h5")),
                          message);
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5")));
    EXPECT_FALSE(std::filesystem::exists(dir.path("out.h5.partial")));
}

}  // namespace havens::testing
