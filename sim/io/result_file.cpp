#include "io/result_file.hpp"

#include <unistd.h>

#include <filesystem>
#include <numeric>

#include "core/errors.hpp"
#include "io/h5/file.hpp"
#include "io/h5/schema.hpp"
#include "io/parameter_table.hpp"
#include "io/scenario_file.hpp"

namespace havens {

namespace {

namespace dim = schema::dim;
using h5::Location;

template <typename T>
std::span<const T> view(const std::vector<T>& v) {
    return {v.data(), v.size()};
}

std::vector<std::string> labels(auto const& names) {
    return std::vector<std::string>(names.begin(), names.end());
}

void write_root(const Location& root, const Provenance& p) {
    namespace a = schema::root_attr;
    root.set_attribute(a::havens_version, p.havens_version);
    root.set_attribute(a::schema_version, schema::version);
    root.set_attribute(a::git_revision, p.git_revision);
    root.set_attribute(a::created_utc, p.created_utc);
    root.set_attribute(a::command_line, p.command_line);
    root.set_attribute(a::scenario_toml, p.scenario_toml);
    root.set_attribute(a::config_json, p.config_json);
    root.set_attribute(a::seed, static_cast<std::int64_t>(p.seed));
}

void write_states_table(const Location& group, const StateTable& s) {
    group.write_coordinate_strings(dim::state, s.iso3);
    auto column = [&](const std::string& name, auto const& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) {
            group.write_strings(name, values);
        } else {
            group.write<T>(name, {values.size()}, view(values));
        }
        group.attach_dimensions(name, {dim::state});
    };
    auto names_of = [](auto const& values, auto const& names) {
        std::vector<std::string> out;
        for (auto v : values) out.emplace_back(names[idx(v)]);
        return out;
    };
    column("iso3", s.iso3);
    column("name", s.name);
    column("region", names_of(s.region, region_names));
    column("stance", names_of(s.stance, stance_names));
    column("budapest_party", s.budapest_party);
    column("signed_month", s.signed_month);
    column("observed_deposit_month", s.observed_deposit_month);
    column("fh_score", s.fh_score);
    column("fh_status", names_of(s.fh_status, freedom_status_names));
    column("repression", s.repression);
    column("rule_of_law", s.rule_of_law);
}

void write_edges(const Location& group, const World& world) {
    std::vector<std::string> source, target, channel;
    std::vector<double> alignment;
    for (auto [it, end] = boost::edges(world.network.graph); it != end; ++it) {
        const auto& e = world.network.graph[*it];
        source.push_back(world.states.iso3[boost::source(*it, world.network.graph)]);
        target.push_back(world.states.iso3[boost::target(*it, world.network.graph)]);
        channel.emplace_back(channel_names[idx(e.channel)]);
        alignment.push_back(e.alignment);
    }
    std::vector<std::int64_t> edge(source.size());
    std::iota(edge.begin(), edge.end(), 0);
    group.write_coordinate<std::int64_t>(dim::edge, view(edge));
    group.write_strings("source", source);
    group.write_strings("target", target);
    group.write_strings("channel", channel);
    group.write<double>("alignment", {alignment.size()}, view(alignment));
    for (const char* name : {"source", "target", "channel", "alignment"}) {
        group.attach_dimensions(name, {dim::edge});
    }
}

void write_world(const Location& root, const World& world) {
    const Location group = root.create_group(schema::world);
    write_states_table(group.create_group(schema::world_states), world.states);
    write_edges(group.create_group(schema::world_edges), world);
}

// Stacks one member of every replicate into a [replicate, ...] array.
template <typename T, typename Member>
std::vector<T> stack(std::span<const ReplicateResult> reps, Member member) {
    std::vector<T> out;
    for (const auto& r : reps) {
        const auto& v = member(r);
        out.insert(out.end(), v.begin(), v.end());
    }
    return out;
}

void write_replicate_axis(const Location& group, std::size_t replicates) {
    std::vector<std::int64_t> r(replicates);
    std::iota(r.begin(), r.end(), 0);
    group.write_coordinate<std::int64_t>(dim::replicate, view(r));
}

void write_timeseries(const Location& group, const Scenario& scenario,
                      std::span<const ReplicateResult> reps) {
    const hsize_t n_rep = reps.size();
    const hsize_t months = static_cast<hsize_t>(scenario.months);
    write_replicate_axis(group, n_rep);
    std::vector<std::int32_t> month(months);
    std::iota(month.begin(), month.end(), 0);
    group.write_coordinate<std::int32_t>(dim::month, view(month));
    auto series = [&](const char* name, auto member) {
        using T = typename std::decay_t<decltype(member(reps[0]))>::value_type;
        const auto data = stack<T>(reps, member);
        group.write<T>(name, {n_rep, months}, view(data));
        group.attach_dimensions(name, {dim::replicate, dim::month});
    };
    series("parties", [](const ReplicateResult& r) -> auto& { return r.parties; });
    series("treaty_in_force", [](const ReplicateResult& r) -> auto& { return r.treaty_in_force; });
    series("protocol_adopted", [](const ReplicateResult& r) -> auto& { return r.protocol_adopted; });
    series("protocol_parties", [](const ReplicateResult& r) -> auto& { return r.protocol_parties; });
    series("protocol_in_force", [](const ReplicateResult& r) -> auto& { return r.protocol_in_force; });
}

void write_state_arrays(const Location& group, const World& world,
                        std::span<const ReplicateResult> reps) {
    const hsize_t n_rep = reps.size();
    const hsize_t n_states = world.states.size();
    write_replicate_axis(group, n_rep);
    group.write_coordinate_strings(dim::state, world.states.iso3);
    group.write_coordinate_strings(dim::article, labels(article_names));
    auto per_state = [&](const char* name, auto member) {
        const auto data = stack<Month>(reps, member);
        group.write<Month>(name, {n_rep, n_states}, view(data));
        group.attach_dimensions(name, {dim::replicate, dim::state});
    };
    per_state("ratified_month", [](const ReplicateResult& r) -> auto& { return r.ratified_month; });
    per_state("treaty_in_force_month",
              [](const ReplicateResult& r) -> auto& { return r.treaty_in_force_month; });
    per_state("protocol_ratified_month",
              [](const ReplicateResult& r) -> auto& { return r.protocol_ratified_month; });
    std::vector<std::uint8_t> reservations;
    for (const auto& r : reps) {
        for (const auto& row : r.reservations) reservations.insert(reservations.end(), row.begin(), row.end());
    }
    group.write<std::uint8_t>("reservations", {n_rep, n_states, article_count}, view(reservations));
    group.attach_dimensions("reservations", {dim::replicate, dim::state, dim::article});
}

void write_summary(const Location& group, std::span<const ReplicateResult> reps) {
    write_replicate_axis(group, reps.size());
    auto scalar = [&](const char* name, auto member) {
        std::vector<std::int32_t> v;
        for (const auto& r : reps) v.push_back(member(r));
        group.write<std::int32_t>(name, {v.size()}, view(v));
        group.attach_dimensions(name, {dim::replicate});
    };
    scalar("entry_into_force_month", [](const ReplicateResult& r) { return r.entry_into_force_month; });
    scalar("protocol_adopted_month", [](const ReplicateResult& r) { return r.protocol_adopted_month; });
    scalar("protocol_votes", [](const ReplicateResult& r) { return r.protocol_votes; });
}

void write_scenario(const Location& scenarios, const World& world, const ScenarioOutput& out) {
    const Location group = scenarios.create_group(out.scenario.name);
    for (const auto& spec : parameter_table()) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string>) group.set_attribute(spec.key, v);
                else if constexpr (std::is_same_v<T, bool>) group.set_attribute(spec.key, std::int64_t{v});
                else if constexpr (std::is_same_v<T, double>) group.set_attribute(spec.key, v);
                else group.set_attribute(spec.key, static_cast<std::int64_t>(v));
            },
            spec.get(out.scenario));
    }
    write_timeseries(group.create_group(schema::timeseries), out.scenario, out.replicates);
    write_state_arrays(group.create_group(schema::states), world, out.replicates);
    write_summary(group.create_group(schema::summary), out.replicates);
}

}  // namespace

void write_result_file(const std::string& path, const Provenance& provenance, const World& world,
                       const std::vector<ScenarioOutput>& scenarios) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    if (target.has_parent_path()) {
        std::error_code ec;
        fs::create_directories(target.parent_path(), ec);
        if (ec) throw OutputError(path, "cannot create its folder: " + ec.message());
    }
    const std::string partial = path + ".partial-" + std::to_string(::getpid());
    try {
        {
            const Location root = h5::create_file(partial);
            write_root(root, provenance);
            write_world(root, world);
            const Location group = root.create_group(schema::scenarios);
            for (const auto& s : scenarios) write_scenario(group, world, s);
        }  // closed (and flushed) before the rename
        std::error_code ec;
        fs::rename(partial, target, ec);
        if (ec) throw OutputError(path, "cannot move the finished file into place: " + ec.message());
    } catch (...) {
        std::error_code ignored;
        fs::remove(partial, ignored);
        throw;
    }
}

}  // namespace havens
