#include "io/result_arrays.hpp"

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

#include "engine/outcomes.hpp"
#include "io/result_attributes.hpp"
#include "scenario/parameter_table.hpp"

namespace havens::result_sections {

namespace dim = schema::dim;
using h5::Location;

bool compressed(const output::Variable& v) {
    for (output::Dim d : v.dims()) {
        if (d == output::Dim::origin || d == output::Dim::host) return true;
    }
    return false;
}

void add_run(StreamedArray& array, std::span<const hsize_t> slot, const output::Variable& v,
             const ReplicateResult& run) {
    with_type(v.type, [&]<typename T>() {
        const auto data = stacked<T>({&run, 1}, v.member_name());
        array.add(slot,
                  {reinterpret_cast<const unsigned char*>(data.data()), data.size() * sizeof(T)});
    });
}

void write_options(const Location& group, const Scenario& scenario,
                   const std::vector<std::string>& skip) {
    const auto set_option = [&](const std::string& key, const ParameterValue& value) {
        if (std::find(skip.begin(), skip.end(), key) != skip.end()) return;
        std::visit(
            [&](const auto& v) {
                using T = std::decay_t<decltype(v)>;
                if constexpr (std::is_same_v<T, std::string> || std::is_same_v<T, double>)
                    group.set_attribute(key, v);
                else
                    group.set_attribute(key, static_cast<std::int64_t>(v));
            },
            value);
    };
    for (const auto& spec : parameter_table()) set_option(spec.key, spec.get(scenario));
    // Only the states a scenario names: interventions.ACTION.STATE.
    for (const auto& [key, value] : intervention_entries(scenario)) set_option(key, value);
}

void write_replicate_axis(const Location& group, std::size_t replicates) {
    std::vector<std::int64_t> r(replicates);
    std::iota(r.begin(), r.end(), 0);
    group.write_coordinate<std::int64_t>(dim::replicate, view(r));
    describe_coordinate(group, dim::replicate, "replicate (an independent run)");
}

void write_category_axes(const Location& group, const World& world) {
    group.write_coordinate_strings(dim::reason, labels(reason_names));
    describe_coordinate(group, dim::reason, "reason for a refusal", {}, output::reason_labels());
    group.write_coordinate_strings(dim::channel, labels(channel_names));
    describe_coordinate(group, dim::channel, "channel of a request", {}, output::channel_labels());
    group.write_coordinate_strings(dim::status, labels(status_names));
    describe_coordinate(group, dim::status, "status of an exile", {}, output::status_labels());
    group.write_coordinate_strings(dim::origin, world.states.iso3);
    describe_coordinate(group, dim::origin, "origin state (ISO 3166-1 alpha-3)");
}

void write_state_axes(const Location& group, const World& world) {
    group.write_coordinate_strings(dim::state, world.states.iso3);
    describe_coordinate(group, dim::state, "state (ISO 3166-1 alpha-3)");
    group.write_coordinate_strings(dim::article, labels(article_names));
    describe_coordinate(group, dim::article, "article a state may reserve", {},
                        output::article_labels());
}

void write_host_axis(const Location& group, const World& world) {
    group.write_coordinate_strings(dim::host, world.states.iso3);
    describe_coordinate(group, dim::host, "host state (ISO 3166-1 alpha-3)");
}

void write_parameter_axis(const Location& group, const std::vector<std::string>& keys) {
    group.write_coordinate_strings(dim::parameter, keys);
    describe_coordinate(group, dim::parameter, "scenario key drawn from the posterior");
}

void describe_draws(const Location& group) {
    describe_coordinate(group, "draw", "particle of the posterior's last generation drawn");
    describe_coordinate(group, "parameters", "the drawn particle's value of each key");
}

void write_outcome_axis(const Location& group) {
    group.write_coordinate_strings(dim::outcome, labels(outcome_names));
    describe_coordinate(group, dim::outcome, "scalar outcome of a run", {},
                        labels(outcome_long_names));
    Location axis = group.open_dataset(dim::outcome);
    axis.set_attribute("units", nlohmann::json(labels(outcome_units)).dump());
    axis.close();
}

OutcomeRows outcome_rows(std::span<const ReplicateResult> reps) {
    std::vector<Outcomes> runs;
    OutcomeRows out;
    for (const auto& r : reps) {
        runs.push_back(outcomes_of(r));
        out.values.insert(out.values.end(), runs.back().begin(), runs.back().end());
    }
    out.summary = summarise(runs);
    return out;
}

void EventColumns::add(std::span<const ReplicateResult> reps) {
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
}

}  // namespace havens::result_sections
