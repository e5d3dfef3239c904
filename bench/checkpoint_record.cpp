// The cost of a checkpoint's run record: its size, and the time to make it
// (serialise), to make and write it (serialise + write_atomically, as
// Checkpoint::save does), to read it back (read_all + deserialise, as
// Checkpoint::load does) and to decode it alone (deserialise). Each run is
// saved by the worker that ran it and read back by the one writer thread,
// so the last two sit on the serial path of a job.
//
// Three runs of the scenario, on one thread: the scenario as it is, a short
// run (12 months, 1,000 exiles) and the scenario with the request log. The
// records are written to a temporary folder under /tmp (page cache: the
// disk itself is not timed). Usage:
//   bench_checkpoint_record [SCENARIO.toml] [REPEATS] [--set KEY=VALUE]...
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "engine/run.hpp"
#include "io/checkpoint.hpp"
#include "io/load_world.hpp"
#include "io/scenario_file.hpp"
#include "scenario_args.hpp"

namespace havens {
namespace {

template <typename Work>
double seconds_of(Work work) {
    const auto start = std::chrono::steady_clock::now();
    work();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Summary {
    double median = 0.0, min = 0.0;
};
Summary summary(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return {v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2.0, v.front()};
}

// Times the four steps on `result`, `repeats` times each, interleaved.
void measure(const char* label, const ReplicateResult& result, int repeats,
             const std::filesystem::path& folder, std::uint64_t& sink) {
    const RunIdentity identity{"bench_p0000", 0, 1, 0x1234u};
    const std::filesystem::path file = folder / "p0_r0.run";
    std::vector<double> make, save, load, decode;
    std::size_t size = 0;
    for (int i = 0; i < repeats; ++i) {
        std::string bytes;
        make.push_back(seconds_of([&] { bytes = serialise(identity, result); }));
        size = bytes.size();
        sink += static_cast<unsigned char>(bytes[bytes.size() / 2]);
        save.push_back(seconds_of([&] { write_atomically(file, serialise(identity, result)); }));
        load.push_back(seconds_of([&] {
            const auto back = deserialise(read_all(file));
            if (!back) std::abort();
            sink += back->second.requests_issued.size();
        }));
        decode.push_back(seconds_of([&] {
            const auto back = deserialise(bytes);
            if (!back) std::abort();
            sink += back->second.requests_issued.size();
        }));
    }
    const Summary a = summary(make), b = summary(save), c = summary(load), d = summary(decode);
    std::printf("%-26s %10zu bytes\n", label, size);
    std::printf("  serialise                %9.3f %9.3f ms\n", a.median * 1e3, a.min * 1e3);
    std::printf("  serialise + write        %9.3f %9.3f ms\n", b.median * 1e3, b.min * 1e3);
    std::printf("  read + deserialise       %9.3f %9.3f ms\n", c.median * 1e3, c.min * 1e3);
    std::printf("  deserialise              %9.3f %9.3f ms\n", d.median * 1e3, d.min * 1e3);
}

int run(int argc, char** argv) {
    const bench::ScenarioArgs args = bench::scenario_args(argc, argv, 31);
    const int repeats = args.repeats;
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    const LoadedScenario loaded = load_scenario(args.path, args.overrides);
    const Scenario& scenario = loaded.scenario;  // its own parameters: a point run
    const World world = load_world(scenario.world);

    Scenario short_run = scenario;
    short_run.months = 12;
    short_run.world.exiles = 1000;
    Scenario logged = scenario;
    logged.output.request_log = true;

    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() /
        ("havens-checkpoint-bench-" +
         std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
    std::filesystem::create_directories(folder);
    std::uint64_t sink = 0;
    std::printf("%s, one thread, %d samples, ms (median, min)\n", args.path.c_str(), repeats);
    measure("scenario", run_replicate(world, scenario, 0), repeats, folder, sink);
    measure("12 months, 1,000 exiles", run_replicate(world, short_run, 0), repeats, folder, sink);
    measure("scenario, request log", run_replicate(world, logged, 0), repeats, folder, sink);
    std::filesystem::remove_all(folder);
    std::printf("checksum %llu\n", static_cast<unsigned long long>(sink));
    return 0;
}

}  // namespace
}  // namespace havens

int main(int argc, char** argv) {
    try {
        return havens::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_checkpoint_record: %s\n", e.what());
        return 1;
    }
}
