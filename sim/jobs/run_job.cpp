#include "jobs/run_job.hpp"

#include <chrono>
#include <exception>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <optional>

#include "core/clocks.hpp"
#include "core/errors.hpp"
#include "engine/experiment.hpp"
#include "io/checkpoint.hpp"
#include "io/result_file.hpp"
#include "jobs/writer_thread.hpp"

namespace havens {

namespace {

// Every sweep's design and arrays (before any of its points is written),
// and the order of the command line: scenarios and sweeps by name.
void add_sweeps(const RunJob& job, ResultFileWriter& writer) {
    std::vector<std::string> order;
    for (std::size_t f = 0; f < job.loaded.size(); ++f) {
        const LoadedScenario& loaded = job.loaded[f];
        if (loaded.sweep.design == SweepDesign::none) {
            for (const auto& p : job.plan.points_of[f]) order.push_back(p.scenario.name);
            continue;
        }
        order.push_back(loaded.scenario.name);
        SweepTable table{loaded.scenario.name,
                         loaded.sweep,
                         job.plan.points_of[f],
                         loaded.scenario,
                         loaded.text,
                         {},
                         {}};
        if (job.plan.posterior) {
            table.posterior_keys = job.plan.posterior->posterior.keys;
            table.posterior_source = job.plan.posterior->posterior.source;
        }
        writer.add_sweep(table);
    }
    writer.set_scenario_order(order);
}

// Where point `flat` is written: its sweep's arrays, or its own group.
RunPlace place_of(const RunJob& job, std::size_t flat) {
    const Plan& plan = job.plan;
    const std::size_t f = plan.file_of[flat];
    if (job.loaded[f].sweep.design == SweepDesign::none) return {plan.points[flat].name, nullptr};
    return {job.loaded[f].scenario.name, &plan.points_of[f][plan.index_in_file[flat]]};
}

// The named scenarios among `mine` whose runs are streamed: those with a
// fixed number of replicates (an adaptive one settles its own at the end).
void expect_named_runs(const RunJob& job, const std::vector<std::size_t>& mine,
                       ResultFileWriter& writer) {
    for (std::size_t flat : mine) {
        const Scenario& s = job.plan.points[flat];
        if (!place_of(job, flat).point && !s.replication.automatic) writer.expect_runs(s);
    }
}

// What the writer still needs of the runs it streamed, until their point is
// written (the compressed arrays went to their chunks).
class HeldRuns {
public:
    void put(RunId id, ReplicateResult run) {
        std::lock_guard lock(mutex_);
        runs_.insert_or_assign({id.point, id.replicate}, std::move(run));
    }
    std::optional<ReplicateResult> take(RunId id) {
        std::lock_guard lock(mutex_);
        const auto it = runs_.find({id.point, id.replicate});
        if (it == runs_.end()) return std::nullopt;
        ReplicateResult run = std::move(it->second);
        runs_.erase(it);
        return run;
    }

private:
    std::mutex mutex_;
    std::map<std::pair<std::size_t, std::uint64_t>, ReplicateResult> runs_;
};

// Writes a point from its held runs, or from those saved in a checkpoint.
void write_point(const RunJob& job, std::size_t flat, const Checkpoint& checkpoint,
                 std::size_t local, std::size_t replicates, ResultFileWriter& writer,
                 HeldRuns& held) {
    const Plan& plan = job.plan;
    const std::size_t f = plan.file_of[flat];
    const bool swept = job.loaded[f].sweep.design != SweepDesign::none;
    std::vector<ReplicateResult> results;
    results.reserve(replicates);
    for (std::uint64_t r = 0; r < replicates; ++r) {
        if (auto run = held.take({local, r})) {
            results.push_back(std::move(*run));
            continue;
        }
        results.push_back(checkpoint.load({local, r}));
    }
    std::optional<PosteriorDraws> draws;
    if (plan.posterior) draws = draws_of(*plan.posterior, plan.points[flat], replicates);
    writer.add_scenario(
        ScenarioOutput{plan.points[flat], results, job.loaded[f].text,
                       swept ? &plan.points_of[f][plan.index_in_file[flat]] : nullptr,
                       job.loaded[f].scenario.name, draws ? &*draws : nullptr});
}

// Points written in the plan's order as they complete, on the writer thread:
// a sweep's points reach its arrays in the design's order whatever order
// the runs finish in, so the file is the same for every thread count.
class InOrder {
public:
    explicit InOrder(std::size_t points) : ready_(points) {}
    // Point `local` is complete with `replicates` runs: it and every later
    // point that is complete too are written, if no earlier one is missing.
    void complete(std::size_t local, std::size_t replicates,
                  const std::function<void(std::size_t, std::size_t)>& write) {
        ready_[local] = replicates;
        for (; next_ < ready_.size() && ready_[next_]; ++next_) write(next_, *ready_[next_]);
    }

private:
    std::vector<std::optional<std::size_t>> ready_;
    std::size_t next_ = 0;
};

// Runs the points `mine`, each run saved to the checkpoint as it finishes
// and then given to `keep` on the thread that ran it (a run saved before, by
// a resumed job, is given to it when found). `point_done(local,
// replicates)` is called (serialised) as soon as a point's last replicate is
// saved, or at the end for adaptive points, whose number of replicates is
// settled only then.
void run_points(const RunJob& job, const std::vector<std::size_t>& mine,
                const Checkpoint& checkpoint, const RunJobHooks* shown,
                const std::function<void(RunId, const ReplicateResult&)>& keep,
                const std::function<void(std::size_t, std::size_t)>& point_done) {
    std::vector<Scenario> points;
    points.reserve(mine.size());
    for (std::size_t flat : mine) points.push_back(job.plan.points[flat]);
    std::vector<std::size_t> saved(points.size(), 0);
    std::vector<bool> done(points.size(), false);
    auto note_saved = [&](std::size_t local) {
        const Scenario& s = points[local];
        if (++saved[local] == static_cast<std::size_t>(s.replicates) && !s.replication.automatic) {
            point_done(local, saved[local]);
            done[local] = true;
        }
    };
    ExperimentHooks hooks;
    hooks.completed = [&](RunId id) -> std::optional<Outcomes> {
        if (!checkpoint.has(id)) return std::nullopt;
        const ReplicateResult run = checkpoint.load(id);
        if (keep) keep(id, run);
        const Outcomes outcomes = outcomes_of(run);
        note_saved(id.point);
        return outcomes;
    };
    hooks.store = [&](RunId id, const ReplicateResult& r) {
        checkpoint.save(id, r);
        if (keep) keep(id, r);
    };
    hooks.finished = [&](RunId id, const ReplicateResult&) { note_saved(id.point); };
    if (shown && shown->progress) hooks.progress = shown->progress;
    if (job.plan.posterior) {
        hooks.scenario_of = [&](const Scenario& point, std::uint64_t replicate) {
            return replicate_scenario(*job.plan.posterior, point, replicate);
        };
    }
    const std::vector<std::size_t> replicates = run_experiment(job.world, points, hooks);
    if (shown && shown->runs_done) shown->runs_done();
    for (std::size_t local = 0; local < points.size(); ++local) {
        if (!done[local]) point_done(local, replicates[local]);
    }
}

Checkpoint open_checkpoint(const RunJob& job, const std::string& output,
                           const std::string& manifest, std::vector<PointIdentity> identities) {
    return job.resume ? Checkpoint::resume(output, manifest, std::move(identities))
                      : Checkpoint::start(output, manifest, std::move(identities));
}

// Wall and CPU seconds since `start`, as a phase.
PhaseTime phase_since(const char* phase, double wall_start, double cpu_start) {
    return PhaseTime{phase, wall_seconds() - wall_start, process_cpu_seconds() - cpu_start};
}

void run_alone(const RunJob& job, const RunJobHooks& hooks) {
    const OutputLock lock = OutputLock::acquire(job.output);
    const std::vector<std::size_t> mine = points_of_rank(job.plan, 1, 0);
    const Checkpoint checkpoint = open_checkpoint(job, job.output, manifest_for(job.plan, 1, 0),
                                                  identities_of(job.plan, mine));
    ResultFileWriter writer(job.output, job.provenance, job.world,
                            (checkpoint.folder() / "result.h5").string());
    add_sweeps(job, writer);
    expect_named_runs(job, mine, writer);
    JobTimes times = job.times;
    const double wall_start = wall_seconds(), cpu_start = process_cpu_seconds();
    InOrder in_order(mine.size());
    HeldRuns held;
    WriterThread writing;
    const auto write = [&](std::size_t local, std::size_t replicates) {
        write_point(job, mine[local], checkpoint, local, replicates, writer, held);
    };
    // A run's compressed arrays are chunked on the thread that ran it; the
    // writer thread then only stores them, and takes the rest of the run
    // from memory. A run with an event log (as large as its requests are
    // many) is not held: the writer reads it back from the checkpoint.
    const auto keep = [&](RunId id, const ReplicateResult& run) {
        if (writer.stream(place_of(job, mine[id.point]), id.replicate, run) && run.events.empty()) {
            held.put(id, without_streamed_arrays(run));
        }
    };
    run_points(job, mine, checkpoint, &hooks, keep, [&](std::size_t local, std::size_t replicates) {
        writing.post([&, local, replicates] { in_order.complete(local, replicates, write); });
    });
    PhaseTime runs = phase_since("runs", wall_start, cpu_start);
    // The writer's time alongside the runs is its own phase, not the runs';
    // what it writes after the last run belongs to the phase after them.
    const PhaseTime alongside{"writing", writing.busy_wall_seconds(), writing.busy_cpu_seconds()};
    runs.cpu_seconds -= alongside.cpu_seconds;
    const double wall_end = wall_seconds(), cpu_end = process_cpu_seconds();
    writing.finish();
    times.phases.push_back(runs);
    times.phases.push_back(alongside);
    // Up to the file's closing: the record is written before the checksum.
    times.phases.push_back(PhaseTime{"writing after the runs", wall_seconds() - wall_end,
                                     process_cpu_seconds() - cpu_end});
    writer.set_times(times);
    writer.commit();
    checkpoint.discard();
}

// Every rank must reach each collective: a failure is carried to it, and
// there the rank that failed rethrows its own error while the others say
// that one failed.
void agree(const Ranks& ranks, const std::exception_ptr& failure, const std::string& output) {
    if (ranks.all(!failure)) return;
    if (failure) std::rethrow_exception(failure);
    throw OutputError(output, "another rank failed; its error is above");
}

// Runs the other ranks have saved: their checkpoints' run files on the
// shared file system, counted at most once a second.
class OtherRanksRuns {
public:
    OtherRanksRuns(const RunJob& job, int ranks) {
        for (int k = 1; k < ranks; ++k) {
            folders_.push_back(checkpoint_folder(rank_file(job.output, k)));
            for (std::size_t flat : points_of_rank(job.plan, ranks, k)) {
                planned_ += static_cast<std::size_t>(job.plan.points[flat].replicates);
            }
        }
    }
    std::size_t planned() const { return planned_; }
    std::size_t saved() {
        const auto now = std::chrono::steady_clock::now();
        if (now - counted_at_ < std::chrono::seconds(1)) return saved_;
        counted_at_ = now;
        std::size_t n = 0;
        for (const auto& folder : folders_) {
            std::error_code ec;
            for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
                 it.increment(ec)) {
                n += it->path().extension() == ".run";
            }
        }
        saved_ = std::max(saved_, n);
        return saved_;
    }

private:
    std::vector<std::filesystem::path> folders_;
    std::size_t planned_ = 0, saved_ = 0;
    std::chrono::steady_clock::time_point counted_at_{};
};

void run_across_ranks(const RunJob& job, const Ranks& ranks, const RunJobHooks& hooks) {
    std::exception_ptr failure;
    const std::string mine_output = rank_file(job.output, ranks.rank());
    // Every rank locks its checkpoint and rank 0 the result file too, before
    // any rank touches a checkpoint: one writer per path, and rank 0 holds
    // the result file's lock until it has joined every rank's runs.
    std::optional<OutputLock> lock, joined_lock;
    try {
        if (ranks.rank() == 0) joined_lock.emplace(OutputLock::acquire(job.output));
        lock.emplace(OutputLock::acquire(mine_output));
    } catch (...) {
        failure = std::current_exception();
    }
    agree(ranks, failure, job.output);
    try {
        const auto mine = points_of_rank(job.plan, ranks.size(), ranks.rank());
        const Checkpoint checkpoint =
            open_checkpoint(job, mine_output, manifest_for(job.plan, ranks.size(), ranks.rank()),
                            identities_of(job.plan, mine));
        // Rank 0 shows the progress of every rank: its own runs and those
        // the others have saved.
        RunJobHooks shown = hooks;
        if (hooks.progress && ranks.rank() == 0) {
            auto others = std::make_shared<OtherRanksRuns>(job, ranks.size());
            shown.progress = [others, &hooks](std::size_t done, std::size_t total) {
                hooks.progress(done + others->saved(), total + others->planned());
            };
        }
        run_points(job, mine, checkpoint, ranks.rank() == 0 ? &shown : nullptr, {},
                   [](std::size_t, std::size_t) {});
    } catch (...) {
        failure = std::current_exception();
    }
    agree(ranks, failure, job.output);
    if (ranks.rank() != 0) return;
    const double wall_start = wall_seconds(), cpu_start = process_cpu_seconds();
    ResultFileWriter writer(job.output, job.provenance, job.world);
    add_sweeps(job, writer);
    std::vector<std::size_t> every(job.plan.points.size());
    std::iota(every.begin(), every.end(), 0);
    expect_named_runs(job, every, writer);
    HeldRuns none;
    // The points in the plan's order, each from the checkpoint of its rank.
    std::vector<Checkpoint> checkpoints;
    std::vector<std::pair<std::size_t, std::size_t>> where(job.plan.points.size());
    for (int k = 0; k < ranks.size(); ++k) {
        const auto mine = points_of_rank(job.plan, ranks.size(), k);
        checkpoints.push_back(Checkpoint::resume(rank_file(job.output, k),
                                                 manifest_for(job.plan, ranks.size(), k),
                                                 identities_of(job.plan, mine)));
        for (std::size_t local = 0; local < mine.size(); ++local) {
            where[mine[local]] = {static_cast<std::size_t>(k), local};
        }
    }
    for (std::size_t flat = 0; flat < where.size(); ++flat) {
        const auto [k, local] = where[flat];
        std::size_t replicates = 0;  // as many as were run: adaptive points vary
        while (checkpoints[k].has({local, replicates})) ++replicates;
        write_point(job, flat, checkpoints[k], local, replicates, writer, none);
    }
    JobTimes times = job.times;
    times.phases.push_back(phase_since("writing after the runs", wall_start, cpu_start));
    writer.set_times(times);
    writer.commit();
    for (const auto& c : checkpoints) c.discard();
}

}  // namespace

void run_job(const RunJob& job, const Ranks& ranks, const RunJobHooks& hooks) {
    if (ranks.size() == 1) {
        run_alone(job, hooks);
    } else {
        run_across_ranks(job, ranks, hooks);
    }
}

}  // namespace havens
