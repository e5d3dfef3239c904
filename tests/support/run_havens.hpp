// Running the real havens binary from a test, as a user would: its exit
// code, what it printed on stdout and on stderr.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "support/temp_dir.hpp"

namespace havens::testing {

inline std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Outcome {
    int exit_code = -1;      // 128 + N when the process died of signal N
    bool signalled = false;  // the process itself was killed by a signal
    std::string out, err;
};

// Runs `command` through the shell with its stdout and stderr captured in
// files of `dir`.
inline Outcome run_command(const TempDir& dir, const std::string& command) {
    const std::string out = dir.path("stdout.txt"), err = dir.path("stderr.txt");
    const int status = std::system((command + " >" + out + " 2>" + err).c_str());
    Outcome r{-1, WIFSIGNALED(status), slurp(out), slurp(err)};
    if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) r.exit_code = 128 + WTERMSIG(status);
    return r;
}

// Runs havens with `args`; `prefix` (environment variables, say) goes before it.
inline Outcome run_havens(const TempDir& dir, const std::string& args,
                          const std::string& prefix = "") {
    return run_command(dir, prefix + std::string(HAVENS_BINARY) + " " + args);
}

}  // namespace havens::testing
