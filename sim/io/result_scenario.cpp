#include <numeric>

#include <nlohmann/json.hpp>

#include "core/quantile.hpp"
#include "engine/outcomes.hpp"
#include "engine/output_registry.hpp"
#include "io/result_arrays.hpp"
#include "io/result_attributes.hpp"
#include "io/result_sections.hpp"
#include "io/scenario_file.hpp"
#include "scenario/parameter_table.hpp"

namespace havens::result_sections {

namespace {

namespace dim = schema::dim;
using h5::Location;
using output::Dim;
using output::Group;

// The shape of a registry variable in a scenario's group.
h5::Shape shape_of(const output::Variable& v, std::size_t replicates, std::size_t months,
                   std::size_t states) {
    h5::Shape shape;
    for (Dim d : v.dims()) {
        shape.push_back(d == Dim::replicate ? replicates : output::dim_size(d, months, states));
    }
    return shape;
}

// One replicate per chunk, for the chunks of a replicate to be made when it ends.
h5::Shape chunk_of(const h5::Shape& shape) {
    h5::Shape chunk = shape;
    chunk[0] = 1;
    return chunk;
}

// A registry variable from the replicates' member of its name, or from its
// streamed chunks; the large state-by-state arrays are compressed (mostly
// zeros in sweeps).
void write_variable(const Location& group, const output::Variable& v,
                    std::span<const ReplicateResult> reps, std::size_t months, std::size_t states,
                    const StreamedArrays* streamed) {
    const h5::Shape shape = shape_of(v, reps.size(), months, states);
    std::vector<std::string> dimensions;
    for (Dim d : v.dims()) dimensions.emplace_back(output::dim_names[static_cast<std::size_t>(d)]);
    const std::string name(v.name);
    StreamedArray* chunks = nullptr;
    if (streamed) {
        for (const auto& s : *streamed) {
            if (s.variable == &v) chunks = s.array.get();
        }
    }
    with_type(v.type, [&]<typename T>() {
        if (chunks) {
            // Runs not streamed while they ran (a job joining ranks' runs at the end).
            for (hsize_t r = 0; r < reps.size(); ++r) {
                const hsize_t slot[] = {r};
                if (!chunks->has(slot)) add_run(*chunks, slot, v, reps[r]);
            }
            Location dataset = group.create_array<T>(name, shape, chunk_of(shape), T{});
            chunks->store_through(dataset, shape[0]);
            dataset.close();
            return;
        }
        const auto data = stacked<T>(reps, v.member_name());
        // A registry entry whose member is missing or mis-sized is refused by write.
        group.write<T>(name, shape, view(data), compressed(v));
    });
    group.attach_dimensions(name, dimensions);
    describe(group, v);
}

// Every registry variable of `g` that a replicate's result holds, in the
// registry's order.
void write_members(const Location& group, Group g, std::span<const ReplicateResult> reps,
                   std::size_t months, std::size_t states,
                   const StreamedArrays* streamed = nullptr) {
    for (const auto& v : output::variables()) {
        if (v.group == g && output::is_member(v)) {
            write_variable(group, v, reps, months, states, streamed);
        }
    }
}

void write_timeseries(const Location& group, const World& world, const Scenario& scenario,
                      std::span<const ReplicateResult> reps, const StreamedArrays* streamed) {
    const auto months = static_cast<std::size_t>(scenario.months);
    write_replicate_axis(group, reps.size());
    write_month_axis(group, months);
    write_category_axes(group, world);
    write_members(group, Group::timeseries, reps, months, world.states.size(), streamed);
}

void write_flows(const Location& group, const World& world, const Scenario& scenario,
                 std::span<const ReplicateResult> reps, const StreamedArrays* streamed) {
    write_replicate_axis(group, reps.size());
    group.write_coordinate_strings(dim::origin, world.states.iso3);
    describe_coordinate(group, dim::origin, "origin state (ISO 3166-1 alpha-3)");
    write_host_axis(group, world);
    write_members(group, Group::flows, reps, static_cast<std::size_t>(scenario.months),
                  world.states.size(), streamed);
}

// The request event log: one row per request, every replicate, compressed.
void write_events(const Location& group, std::span<const ReplicateResult> reps) {
    EventColumns log;
    log.add(reps);
    const hsize_t rows = log.rows();
    std::vector<std::int64_t> request(rows);
    std::iota(request.begin(), request.end(), 0);
    group.write_coordinate<std::int64_t>("request", view(request));
    log.each([&](const char* name, const auto& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        group.write<T>(name, {rows}, view(values), true);
        group.attach_dimensions(name, {"request"});
    });
    for (const auto& v : output::variables()) {
        if (v.group == Group::events) describe(group, v);
    }
    describe_coordinate(group, "request", "request (one row of the event log)");
}

void write_state_arrays(const Location& group, const World& world, const Scenario& scenario,
                        std::span<const ReplicateResult> reps, const StreamedArrays* streamed) {
    write_replicate_axis(group, reps.size());
    write_state_axes(group, world);
    write_members(group, Group::states, reps, static_cast<std::size_t>(scenario.months),
                  world.states.size(), streamed);
}

void write_summary(const Location& group, const Scenario& scenario,
                   std::span<const ReplicateResult> reps) {
    write_replicate_axis(group, reps.size());
    write_members(group, Group::summary, reps, static_cast<std::size_t>(scenario.months), 0);

    // Scalar outcomes per run and their summaries: the Monte Carlo error of
    // the mean, and the median and 90% interval every tool reports.
    write_outcome_axis(group);
    const OutcomeRows rows = outcome_rows(reps);
    auto derived = [&](const char* name, const h5::Shape& shape, std::span<const double> data,
                       const std::vector<std::string>& dimensions) {
        group.write<double>(name, shape, data);
        group.attach_dimensions(name, dimensions);
        describe(group, *output::find(Group::summary, name));
    };
    derived("outcome_value", {reps.size(), outcome_count}, view(rows.values),
            {dim::replicate, dim::outcome});
    each_summary(rows.summary, [&](const char* name, const Outcomes& row) {
        derived(name, {outcome_count}, row, {dim::outcome});
    });
    {
        Location half_width = group.open_dataset("outcome_half_width");
        half_width.set_attribute("confidence_level", mean_confidence_level);
        half_width.close();
    }
    group.set_attribute("interval_level", interval_level);
}

// posterior/: the particle each replicate drew and its parameter values.
void write_posterior(const Location& group, const PosteriorDraws& draws) {
    const hsize_t replicates = draws.draw.size();
    write_replicate_axis(group, replicates);
    write_parameter_axis(group, draws.keys);
    group.write<std::int64_t>("draw", {replicates}, view(draws.draw));
    group.attach_dimensions("draw", {dim::replicate});
    group.write<double>("parameters", {replicates, draws.keys.size()}, view(draws.parameters));
    group.attach_dimensions("parameters", {dim::replicate, dim::parameter});
    group.set_attribute("source", draws.source);
    describe_draws(group);
}

}  // namespace

StreamedArrays scenario_streams(const World& world, const Scenario& scenario) {
    StreamedArrays arrays;
    const auto replicates = static_cast<std::size_t>(scenario.replicates);
    const auto months = static_cast<std::size_t>(scenario.months);
    for (const auto& v : output::variables()) {
        if (!compressed(v) || !output::is_member(v) || v.dims().front() != Dim::replicate ||
            (v.group == Group::flows && !scenario.output.flows)) {
            continue;
        }
        const h5::Shape shape = shape_of(v, replicates, months, world.states.size());
        with_type(v.type, [&]<typename T>() {
            std::vector<unsigned char> zero(sizeof(T), 0);
            arrays.push_back({&v, std::make_unique<StreamedArray>(
                                      shape, chunk_of(shape), 1, std::move(zero),
                                      [](std::span<const hsize_t>) { return true; })});
        });
    }
    return arrays;
}

void stream_run(const StreamedArrays& arrays, std::uint64_t replicate, const ReplicateResult& run) {
    const hsize_t slot[] = {replicate};
    for (const auto& [v, array] : arrays) add_run(*array, slot, *v, run);
}

void write_scenario(const Location& scenarios, const World& world, const ScenarioOutput& out,
                    const StreamedArrays* streamed) {
    Location group = scenarios.create_group(out.scenario.name);
    // What was run: adaptive replication settles the number of replicates.
    Scenario resolved = out.scenario;
    resolved.replicates = static_cast<int>(out.replicates.size());
    write_options(group, resolved);
    group.set_attribute(schema::root_attr::scenario_toml, out.scenario_toml);
    group.set_attribute(schema::root_attr::config_json, scenario_to_json(resolved).dump());
    group.set_attribute("replicates_run", static_cast<std::int64_t>(out.replicates.size()));
    if (out.point) {
        group.set_attribute("sweep", out.sweep);
        group.set_attribute("point", static_cast<std::int64_t>(out.point->index));
    }
    // Each group is closed, checked, once written (destructors close quietly).
    auto section = [&](const char* name, const auto& write) {
        Location child = group.create_group(name);
        write(child);
        child.close();
    };
    section(schema::timeseries, [&](const Location& g) {
        write_timeseries(g, world, out.scenario, out.replicates, streamed);
    });
    section(schema::states, [&](const Location& g) {
        write_state_arrays(g, world, out.scenario, out.replicates, streamed);
    });
    if (out.scenario.output.flows) {
        section(schema::flows, [&](const Location& g) {
            write_flows(g, world, out.scenario, out.replicates, streamed);
        });
    }
    section(schema::summary,
            [&](const Location& g) { write_summary(g, out.scenario, out.replicates); });
    if (out.posterior) {
        section(schema::posterior, [&](const Location& g) { write_posterior(g, *out.posterior); });
    }
    if (out.scenario.output.request_log) {
        section(schema::events, [&](const Location& g) { write_events(g, out.replicates); });
    }
    group.close();
}

}  // namespace havens::result_sections
