#include <numeric>

#include "engine/outcomes.hpp"
#include "io/parameter_table.hpp"
#include "io/result_sections.hpp"
#include "io/scenario_file.hpp"

namespace havens::result_sections {

namespace {

namespace dim = schema::dim;
using h5::Location;

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

// Writes a [replicate, month, ...] array from one member of every replicate;
// the large state-by-state arrays are compressed (mostly zeros in sweeps).
template <typename Member>
void write_stacked(const Location& group, const char* name, std::span<const ReplicateResult> reps,
                   Member member, const h5::Shape& per_replicate,
                   const std::vector<std::string>& dimensions, bool compress = false) {
    using T = typename std::decay_t<decltype(member(reps[0]))>::value_type;
    const auto data = stack<T>(reps, member);
    h5::Shape shape{reps.size()};
    shape.insert(shape.end(), per_replicate.begin(), per_replicate.end());
    group.write<T>(name, shape, view(data), compress);
    group.attach_dimensions(name, dimensions);
}

#define HAVENS_MEMBER(m) \
    [](const ReplicateResult& r) -> auto& { return r.m; }

void write_timeseries(const Location& group, const World& world, const Scenario& scenario,
                      std::span<const ReplicateResult> reps) {
    const hsize_t months = static_cast<hsize_t>(scenario.months);
    write_replicate_axis(group, reps.size());
    std::vector<std::int32_t> month(months);
    std::iota(month.begin(), month.end(), 0);
    group.write_coordinate<std::int32_t>(dim::month, view(month));
    {
        Location month_set = group.open_dataset(dim::month);
        month_set.set_attribute("long_name", std::string("months since October 2025"));
        month_set.close();
    }
    group.write_coordinate_strings(dim::reason, labels(reason_names));
    group.write_coordinate_strings(dim::channel, labels(channel_names));
    group.write_coordinate_strings(dim::status, labels(status_names));
    group.write_coordinate_strings(dim::origin, world.states.iso3);
    const std::vector<std::string> rm{dim::replicate, dim::month};
    auto series = [&](const char* name, auto member) {
        write_stacked(group, name, reps, member, {months}, rm);
    };
    series("parties", HAVENS_MEMBER(parties));
    series("treaty_in_force", HAVENS_MEMBER(treaty_in_force));
    series("cosp_session", HAVENS_MEMBER(cosp_session));
    series("protocol_adopted", HAVENS_MEMBER(protocol_adopted));
    series("protocol_parties", HAVENS_MEMBER(protocol_parties));
    series("protocol_in_force", HAVENS_MEMBER(protocol_in_force));
    series("requests_issued", HAVENS_MEMBER(requests_issued));
    series("requests_sent", HAVENS_MEMBER(requests_sent));
    series("requests_not_sent", HAVENS_MEMBER(requests_not_sent));
    series("requests_granted", HAVENS_MEMBER(requests_granted));
    series("requests_refused", HAVENS_MEMBER(requests_refused));
    series("requests_pending", HAVENS_MEMBER(requests_pending));
    series("requests_lapsed", HAVENS_MEMBER(requests_lapsed));
    series("granted_pretextual", HAVENS_MEMBER(granted_pretextual));
    series("granted_legitimate", HAVENS_MEMBER(granted_legitimate));
    series("refused_pretextual", HAVENS_MEMBER(refused_pretextual));
    series("refused_legitimate", HAVENS_MEMBER(refused_legitimate));
    series("share_exiles_in_safe_haven", HAVENS_MEMBER(share_exiles_in_safe_haven));
    series("exile_risk", HAVENS_MEMBER(exile_risk));
    write_stacked(group, "refused_by_reason", reps, HAVENS_MEMBER(refused_by_reason),
                  {months, reason_count}, {dim::replicate, dim::month, dim::reason});
    write_stacked(group, "granted_by_channel", reps, HAVENS_MEMBER(granted_by_channel),
                  {months, channel_count}, {dim::replicate, dim::month, dim::channel});
    write_stacked(group, "sent_by_channel", reps, HAVENS_MEMBER(sent_by_channel),
                  {months, channel_count}, {dim::replicate, dim::month, dim::channel});
    write_stacked(group, "exiles_by_status", reps, HAVENS_MEMBER(exiles_by_status),
                  {months, status_count}, {dim::replicate, dim::month, dim::status});
    write_stacked(group, "safe_havens", reps, HAVENS_MEMBER(safe_havens),
                  {months, world.states.size()}, {dim::replicate, dim::month, dim::origin}, true);
    write_stacked(group, "exile_risk_by_origin", reps, HAVENS_MEMBER(exile_risk_by_origin),
                  {months, world.states.size()}, {dim::replicate, dim::month, dim::origin}, true);
}

void write_flows(const Location& group, const World& world, std::span<const ReplicateResult> reps) {
    const hsize_t n = world.states.size();
    write_replicate_axis(group, reps.size());
    group.write_coordinate_strings(dim::origin, world.states.iso3);
    group.write_coordinate_strings(dim::host, world.states.iso3);
    const std::vector<std::string> roh{dim::replicate, dim::origin, dim::host};
    write_stacked(group, "granted", reps, HAVENS_MEMBER(flows_granted), {n, n}, roh, true);
    // Single precision: a probability needs no more, and it halves the largest
    // array of a sweep's file.
    std::vector<float> probability;
    for (const auto& r : reps) {
        probability.insert(probability.end(), r.grant_probability.begin(),
                           r.grant_probability.end());
    }
    group.write<float>("grant_probability", {reps.size(), n, n}, view(probability), true);
    group.attach_dimensions("grant_probability", roh);
    write_stacked(group, "safe_haven", reps, HAVENS_MEMBER(safe_haven), {n, n}, roh, true);
}

// The request event log: one row per request, every replicate, compressed.
void write_events(const Location& group, std::span<const ReplicateResult> reps) {
    std::vector<std::int32_t> replicate, sent, completed, arrested;
    std::vector<std::uint32_t> target;
    std::vector<std::uint16_t> origin, requested;
    std::vector<std::uint8_t> kind, offence, pretextual, dual_criminality, channel, outcome, reason;
    std::vector<float> penalty;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        for (const RequestEvent& e : reps[r].events) {
            replicate.push_back(static_cast<std::int32_t>(r));
            sent.push_back(e.month_sent);
            completed.push_back(e.month_completed);
            arrested.push_back(e.month_arrested);
            target.push_back(e.target);
            origin.push_back(e.origin);
            requested.push_back(e.requested);
            kind.push_back(e.kind);
            offence.push_back(e.offence);
            pretextual.push_back(e.pretextual);
            dual_criminality.push_back(e.dual_criminality);
            channel.push_back(e.channel);
            outcome.push_back(e.outcome);
            reason.push_back(e.reason);
            penalty.push_back(e.penalty_years);
        }
    }
    const hsize_t rows = replicate.size();
    std::vector<std::int64_t> request(rows);
    std::iota(request.begin(), request.end(), 0);
    group.write_coordinate<std::int64_t>("request", view(request));
    auto column = [&](const char* name, const auto& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        group.write<T>(name, {rows}, view(values), true);
        group.attach_dimensions(name, {"request"});
    };
    column("replicate", replicate);
    column("month_sent", sent);
    column("month_completed", completed);
    column("month_arrested", arrested);
    column("target", target);
    column("origin", origin);
    column("requested", requested);
    column("kind", kind);
    column("offence", offence);
    column("pretextual", pretextual);
    column("dual_criminality", dual_criminality);
    column("channel", channel);
    column("outcome", outcome);
    column("reason", reason);
    column("penalty_years", penalty);
    // Codes of the categorical columns, as attributes: "0=preservation,1=...".
    auto codes = [](auto const& names) {
        std::string out;
        for (std::size_t i = 0; i < names.size(); ++i) {
            out += (i ? "," : "") + std::to_string(i) + "=" + std::string(names[i]);
        }
        return out;
    };
    group.set_attribute("kind_codes", codes(request_kind_names));
    group.set_attribute("offence_codes", codes(offence_names));
    group.set_attribute("channel_codes",
                        codes(channel_names) + "," + std::to_string(channel_count) + "=none");
    group.set_attribute("outcome_codes", codes(request_outcome_names));
    group.set_attribute("reason_codes",
                        codes(reason_names) + "," + std::to_string(reason_count) + "=none");
    group.set_attribute("dual_criminality_codes",
                        "0=not an offence where requested,1=an offence there too");
    group.set_attribute("pretextual_codes", "0=legitimate,1=pretextual");
    group.set_attribute("target_codes",
                        "exile index; 4294967295=a legitimate-stream suspect, not an exile");
    group.set_attribute("origin_requested_codes", "indices into /world/states/iso3");
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
    per_state("signed_month", HAVENS_MEMBER(signed_month));
    per_state("ratified_month", HAVENS_MEMBER(ratified_month));
    per_state("treaty_in_force_month", HAVENS_MEMBER(treaty_in_force_month));
    per_state("protocol_ratified_month", HAVENS_MEMBER(protocol_ratified_month));
    const std::vector<std::string> rs{dim::replicate, dim::state};
    write_stacked(group, "legitimate_sent", reps, HAVENS_MEMBER(legitimate_sent), {n_states}, rs);
    write_stacked(group, "legitimate_refused", reps, HAVENS_MEMBER(legitimate_refused), {n_states},
                  rs);
    std::vector<std::uint8_t> reservations;
    for (const auto& r : reps) {
        for (const auto& row : r.reservations)
            reservations.insert(reservations.end(), row.begin(), row.end());
    }
    group.write<std::uint8_t>("reservations", {n_rep, n_states, article_count}, view(reservations));
    group.attach_dimensions("reservations", {dim::replicate, dim::state, dim::article});
}

#undef HAVENS_MEMBER

void write_summary(const Location& group, std::span<const ReplicateResult> reps) {
    write_replicate_axis(group, reps.size());
    auto scalar = [&](const char* name, auto member) {
        std::vector<std::int32_t> v;
        for (const auto& r : reps) v.push_back(member(r));
        group.write<std::int32_t>(name, {v.size()}, view(v));
        group.attach_dimensions(name, {dim::replicate});
    };
    scalar("entry_into_force_month",
           [](const ReplicateResult& r) { return r.entry_into_force_month; });
    scalar("cosp_first_month", [](const ReplicateResult& r) { return r.cosp_first_month; });
    scalar("protocol_draft_month", [](const ReplicateResult& r) { return r.protocol_draft_month; });
    scalar("protocol_first_vote_month",
           [](const ReplicateResult& r) { return r.protocol_first_vote_month; });
    scalar("protocol_adopted_month",
           [](const ReplicateResult& r) { return r.protocol_adopted_month; });
    scalar("protocol_votes", [](const ReplicateResult& r) { return r.protocol_votes; });
    scalar("exiles", [](const ReplicateResult& r) { return static_cast<std::int32_t>(r.exiles); });

    // Scalar outcomes per run, their mean and the half-width of its 95%
    // interval: the Monte Carlo error beside every summary.
    group.write_coordinate_strings(dim::outcome, labels(outcome_names));
    std::vector<Outcomes> runs;
    std::vector<double> values;
    for (const auto& r : reps) {
        runs.push_back(outcomes_of(r));
        values.insert(values.end(), runs.back().begin(), runs.back().end());
    }
    group.write<double>("outcome_value", {reps.size(), outcome_count}, view(values));
    group.attach_dimensions("outcome_value", {dim::replicate, dim::outcome});
    const OutcomeSummary summary = summarise(runs);
    group.write<double>("outcome_mean", {outcome_count}, {summary.mean.data(), outcome_count});
    group.write<double>("outcome_half_width", {outcome_count},
                        {summary.half_width.data(), outcome_count});
    group.attach_dimensions("outcome_mean", {dim::outcome});
    group.attach_dimensions("outcome_half_width", {dim::outcome});
}

// posterior/: the particle each replicate drew and its parameter values.
void write_posterior(const Location& group, const PosteriorDraws& draws) {
    const hsize_t replicates = draws.draw.size();
    write_replicate_axis(group, replicates);
    group.write_coordinate_strings(dim::parameter, draws.keys);
    group.write<std::int64_t>("draw", {replicates}, view(draws.draw));
    group.attach_dimensions("draw", {dim::replicate});
    group.write<double>("parameters", {replicates, draws.keys.size()}, view(draws.parameters));
    group.attach_dimensions("parameters", {dim::replicate, dim::parameter});
    group.set_attribute("source", draws.source);
}

}  // namespace

void write_scenario(const Location& scenarios, const World& world, const ScenarioOutput& out) {
    Location group = scenarios.create_group(out.scenario.name);
    // What was run: adaptive replication settles the number of replicates.
    Scenario resolved = out.scenario;
    resolved.replicates = static_cast<int>(out.replicates.size());
    for (const auto& spec : parameter_table()) {
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                // Strings and reals as they are; booleans and integers as int64.
                if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, double>)
                    group.set_attribute(spec.key, v);
                else
                    group.set_attribute(spec.key, static_cast<std::int64_t>(v));
            },
            spec.get(resolved));
    }
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
    section(schema::timeseries,
            [&](const Location& g) { write_timeseries(g, world, out.scenario, out.replicates); });
    section(schema::states,
            [&](const Location& g) { write_state_arrays(g, world, out.replicates); });
    if (out.scenario.output.flows) {
        section(schema::flows, [&](const Location& g) { write_flows(g, world, out.replicates); });
    }
    section(schema::summary, [&](const Location& g) { write_summary(g, out.replicates); });
    if (out.posterior) {
        section(schema::posterior, [&](const Location& g) { write_posterior(g, *out.posterior); });
    }
    if (out.scenario.output.request_log) {
        section(schema::events, [&](const Location& g) { write_events(g, out.replicates); });
    }
    group.close();
}

}  // namespace havens::result_sections
