// Running the real havens binary from a test, as a user would: its exit
// code, what it printed on stdout and on stderr.
#pragma once

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

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

// The files in `folder` whose names end in `extension` (".run": the runs a
// checkpoint has saved); 0 if there is no such folder.
inline std::size_t files_ending_in(const std::string& folder, const std::string& extension) {
    std::size_t n = 0;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(folder, ec)) {
        n += e.path().extension() == extension;
    }
    return n;
}

// Starts `havens ARGS` in the background (stdout and stderr discarded): a
// child of this process, so that waitpid gives its exit status.
inline pid_t start_havens(const std::string& args) {
    const std::string command =
        "exec " + std::string(HAVENS_BINARY) + " " + args + " >/dev/null 2>&1";
    const pid_t pid = ::fork();
    if (pid == 0) {
        ::execl("/bin/sh", "sh", "-c", command.c_str(), static_cast<char*>(nullptr));
        ::_exit(127);
    }
    return pid;
}

// Starts `havens ARGS` (output discarded), waits until `ready()` holds (at
// most `seconds`), then kills it without warning, as a crash or kill -9
// would, and reaps it.
inline void kill_havens_when(const std::string& args, const std::function<bool()>& ready,
                             int seconds = 60) {
    const pid_t pid = start_havens(args);
    const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    while (!ready() && std::chrono::steady_clock::now() < until) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    ::kill(pid, SIGKILL);
    ::waitpid(pid, nullptr, 0);
}

}  // namespace havens::testing
