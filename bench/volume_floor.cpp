// The per-run cost of the baseline against a volume-matched floor: a loop
// that draws, routes and records as many requests each month as a baseline
// replicate sends, with no model. The ratio of the two says how much of a
// replicate's time the model's rules take over the bare bookkeeping of its
// requests.
//
// What the floor does, per request: one Philox stream keyed like a request's
// own (the generator the model uses), an origin, a requested state (both
// uniform over the world's states), a channel and an outcome drawn from it;
// then the counters a replicate keeps per request: issued and sent per
// month, sent and granted per month and channel, granted or refused per
// month, and the origin-requested flow. What it leaves out: the population,
// the treaty, target choice, the decision chain, the delays between sending
// and effect, and everything recorded per month rather than per request.
//
// Both sides run in this process on one thread, after the world and the
// scenario are loaded: neither reading the data nor writing a result file is
// timed. The replicate is also timed with no requests, to split its cost into
// the part that does not depend on the volume and the part that does. Usage: bench_volume_floor [SCENARIO.toml] [REPEATS] [--set KEY=VALUE]...
#include <tbb/global_control.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>
#include <vector>

#include "core/distributions.hpp"
#include "engine/run.hpp"
#include "io/load_world.hpp"
#include "io/scenario_file.hpp"
#include "scenario_args.hpp"

namespace havens {
namespace {

struct Floor {
    std::vector<std::int64_t> issued, sent, granted, refused;
    std::vector<std::int64_t> sent_by_channel, granted_by_channel;
    std::vector<std::int64_t> flows;
};

Floor volume_floor(const std::vector<std::int64_t>& per_month, std::size_t states, StreamKey key) {
    const std::size_t months = per_month.size();
    Floor f{std::vector<std::int64_t>(months),
            std::vector<std::int64_t>(months),
            std::vector<std::int64_t>(months),
            std::vector<std::int64_t>(months),
            std::vector<std::int64_t>(months * channel_count),
            std::vector<std::int64_t>(months * channel_count),
            std::vector<std::int64_t>(states * states)};
    for (std::size_t t = 0; t < months; ++t) {
        for (std::int64_t r = 0; r < per_month[t]; ++r) {
            RandomStream rng(key, Purpose::request_draw, static_cast<std::uint32_t>(t),
                             static_cast<std::uint64_t>(r));
            const auto origin = uniform_index(rng, states);
            const auto requested = uniform_index(rng, states);
            const auto channel = uniform_index(rng, channel_count);
            const bool granted = rng.next_u64() >> 63;
            ++f.issued[t];
            ++f.sent[t];
            ++f.sent_by_channel[t * channel_count + channel];
            if (granted) {
                ++f.granted[t];
                ++f.granted_by_channel[t * channel_count + channel];
                ++f.flows[origin * states + requested];
            } else {
                ++f.refused[t];
            }
        }
    }
    return f;
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Wall and CPU seconds of one call of `work`.
struct Sample {
    double wall = 0.0, cpu = 0.0;
};
template <typename Work>
Sample time_of(Work work) {
    const double c0 = cpu_seconds();
    const auto w0 = std::chrono::steady_clock::now();
    work();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count(),
            cpu_seconds() - c0};
}

struct Summary {
    double median = 0.0, min = 0.0;
};
Summary summary(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    const std::size_t m = v.size() / 2;
    return {v.size() % 2 ? v[m] : (v[m - 1] + v[m]) / 2.0, v.front()};
}

int run(int argc, char** argv) {
    const bench::ScenarioArgs args = bench::scenario_args(argc, argv, 21);
    const int repeats = args.repeats;
    // One thread: the floor is serial, and so is the replicate it is set against.
    tbb::global_control one_thread(tbb::global_control::max_allowed_parallelism, 1);
    const LoadedScenario loaded = load_scenario(args.path, args.overrides);
    const Scenario& scenario = loaded.scenario;  // its own parameters: a point run
    const World world = load_world(scenario.world);
    const std::size_t n = world.states.size();

    const ReplicateResult reference = run_replicate(world, scenario, 0);
    std::int64_t total = 0;
    for (std::int64_t c : reference.requests_issued) total += c;

    // The same replicate with no request at all: what a run costs whatever
    // its volume (the population, the treaty, the safe-haven map, the exile
    // risk, the horizon's grant probabilities), so that the rest is the
    // part that scales with the requests.
    Scenario silent = scenario;
    silent.requests.rate = 0.0;
    silent.requests.legitimate_rate = 0.0;

    // The three alternate, so that all meet the same load on a shared
    // machine; each floor sample is the mean of `floor_calls` calls.
    constexpr int floor_calls = 10;
    std::int64_t checksum = 0;
    std::vector<double> floor_wall, floor_cpu, run_wall, run_cpu, silent_wall, silent_cpu;
    for (int i = 0; i < repeats; ++i) {
        const Sample f = time_of([&] {
            for (int c = 0; c < floor_calls; ++c) {
                const Floor x =
                    volume_floor(reference.requests_issued, n,
                                 StreamKey{scenario.seed, static_cast<std::uint64_t>(c)});
                checksum += x.flows[n + 1] + x.granted.back();
            }
        });
        floor_wall.push_back(f.wall / floor_calls);
        floor_cpu.push_back(f.cpu / floor_calls);
        const Sample r = time_of([&] {
            const ReplicateResult x = run_replicate(world, scenario, 0);
            checksum += x.requests_issued.back();
        });
        run_wall.push_back(r.wall);
        run_cpu.push_back(r.cpu);
        const Sample z = time_of([&] {
            const ReplicateResult x = run_replicate(world, silent, 0);
            checksum += x.requests_issued.back();
        });
        silent_wall.push_back(z.wall);
        silent_cpu.push_back(z.cpu);
    }
    const Summary fw = summary(floor_wall), fc = summary(floor_cpu), rw = summary(run_wall),
                  rc = summary(run_cpu), zw = summary(silent_wall), zc = summary(silent_cpu);
    std::printf("scenario %s: %zu states, %zu months, %lld requests issued (replicate 0)\n",
                args.path.c_str(), n, reference.requests_issued.size(),
                static_cast<long long>(total));
    std::printf("%d samples, one thread, ms (median, min):\n", repeats);
    std::printf("  floor                      %8.3f %8.3f wall; %8.3f %8.3f CPU\n", fw.median * 1e3,
                fw.min * 1e3, fc.median * 1e3, fc.min * 1e3);
    std::printf("  replicate                  %8.2f %8.2f wall; %8.2f %8.2f CPU\n", rw.median * 1e3,
                rw.min * 1e3, rc.median * 1e3, rc.min * 1e3);
    std::printf("  replicate with no requests %8.2f %8.2f wall; %8.2f %8.2f CPU\n", zw.median * 1e3,
                zw.min * 1e3, zc.median * 1e3, zc.min * 1e3);
    std::printf("ratio replicate / floor (medians): %.1f wall, %.1f CPU\n", rw.median / fw.median,
                rc.median / fc.median);
    std::printf("ratio (replicate - no requests) / floor (medians): %.1f wall, %.1f CPU\n",
                (rw.median - zw.median) / fw.median, (rc.median - zc.median) / fc.median);
    std::printf("checksum %lld\n", static_cast<long long>(checksum));
    return 0;
}

}  // namespace
}  // namespace havens

int main(int argc, char** argv) {
    try {
        return havens::run(argc, argv);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "bench_volume_floor: %s\n", e.what());
        return 1;
    }
}
