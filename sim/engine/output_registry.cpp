#include "engine/output_registry.hpp"

#include <algorithm>

#include "core/vocabulary.hpp"
#include "engine/outcomes.hpp"
#include "engine/replicate_result.hpp"

namespace havens::output {

namespace {

using enum Dim;
using enum Type;
using enum Group;

constexpr Variable var(Group g, std::string_view name, std::initializer_list<Dim> dims, Type type,
                       std::string_view units, std::string_view long_name,
                       Coding coding = Coding::plain, std::string_view meanings = {}) {
    Variable v{g, name, {}, dims.size(), type, units, long_name, coding, meanings};
    std::copy(dims.begin(), dims.end(), v.dim_storage.begin());
    return v;
}

constexpr Variable from_member(Variable v, std::string_view member) {
    v.member = member;
    return v;
}

constexpr std::string_view count = "count", share = "1", months = "month";

const std::array registry{
    // [replicate, month]
    var(timeseries, "parties", {replicate, month}, int32, count, "parties to the convention"),
    var(timeseries, "treaty_in_force", {replicate, month}, uint8, "", "the convention is in force",
        Coding::flag, "not_in_force in_force"),
    var(timeseries, "cosp_session", {replicate, month}, uint8, "",
        "the Conference of the States Parties sits", Coding::flag, "no_session session"),
    var(timeseries, "protocol_adopted", {replicate, month}, uint8, "",
        "the protocol has been adopted", Coding::flag, "not_adopted adopted"),
    var(timeseries, "protocol_parties", {replicate, month}, int32, count,
        "parties to the protocol"),
    var(timeseries, "protocol_in_force", {replicate, month}, uint8, "", "the protocol is in force",
        Coding::flag, "not_in_force in_force"),
    var(timeseries, "requests_issued", {replicate, month}, int64, count,
        "requests an origin issued this month"),
    var(timeseries, "requests_sent", {replicate, month}, int64, count,
        "requests sent through a channel this month"),
    var(timeseries, "requests_not_sent", {replicate, month}, int64, count,
        "requests issued with no channel to send them through"),
    var(timeseries, "requests_granted", {replicate, month}, int64, count,
        "requests granted this month"),
    var(timeseries, "requests_refused", {replicate, month}, int64, count,
        "requests refused this month"),
    var(timeseries, "requests_pending", {replicate, month}, int64, count,
        "requests awaiting a decision at the end of the month"),
    var(timeseries, "requests_lapsed", {replicate, month}, int64, count,
        "provisional arrests that found the target already in custody"),
    var(timeseries, "requests_removed", {replicate, month}, int64, count,
        "extraditions answered by a removal outside the law this month"),
    var(timeseries, "granted_pretextual", {replicate, month}, int64, count,
        "pretextual requests granted this month"),
    var(timeseries, "granted_legitimate", {replicate, month}, int64, count,
        "legitimate requests granted this month"),
    var(timeseries, "refused_pretextual", {replicate, month}, int64, count,
        "pretextual requests refused this month"),
    var(timeseries, "refused_legitimate", {replicate, month}, int64, count,
        "legitimate requests refused this month"),
    var(timeseries, "share_exiles_in_safe_haven", {replicate, month}, float64, share,
        "share of exiles living in a safe haven (a threshold measure: "
        "decision.safe_haven_epsilon)"),
    var(timeseries, "exile_risk", {replicate, month}, float64, share,
        "chance that a typical pretextual request against an exile is granted"),
    var(timeseries, "exile_risk_data", {replicate, month}, float64, share,
        "data part of the exile risk: evidence requests granted"),
    var(timeseries, "exile_risk_bodily", {replicate, month}, float64, share,
        "bodily part of the exile risk: extraditions ending in surrender or removal"),
    // [replicate, month, category]
    var(timeseries, "refused_by_reason", {replicate, month, reason}, int64, count,
        "requests refused this month, by the first reason that refused them"),
    var(timeseries, "granted_by_channel", {replicate, month, channel}, int64, count,
        "requests granted this month, by channel"),
    var(timeseries, "sent_by_channel", {replicate, month, channel}, int64, count,
        "requests sent this month, by channel"),
    var(timeseries, "exiles_by_status", {replicate, month, status}, int64, count,
        "exiles by status at the end of the month"),
    var(timeseries, "safe_havens", {replicate, month, origin}, int32, count,
        "hosts that are a safe haven for the origin's exiles (a threshold measure)"),
    var(timeseries, "exile_risk_by_origin", {replicate, month, origin}, float32, share,
        "exile risk of the origin's exiles"),
    // [replicate, state]
    var(states, "signed_month", {replicate, state}, int32, months,
        "month the state signed the convention", Coding::never),
    var(states, "ratified_month", {replicate, state}, int32, months,
        "month the state deposited its instrument", Coding::never),
    var(states, "treaty_in_force_month", {replicate, state}, int32, months,
        "month the convention entered into force for the state", Coding::never),
    var(states, "protocol_ratified_month", {replicate, state}, int32, months,
        "month the state ratified the protocol", Coding::never),
    var(states, "reservations", {replicate, state, article}, uint8, "",
        "the state reserved the article", Coding::flag, "no_reservation reserved"),
    var(states, "legitimate_sent", {replicate, state}, int64, count,
        "legitimate requests the state sent over the run"),
    var(states, "legitimate_refused", {replicate, state}, int64, count,
        "legitimate requests of the state refused over the run"),
    // [replicate, origin, host] at the horizon
    from_member(var(flows, "granted", {replicate, origin, host}, int64, count,
                    "requests granted over the run, from origin to host"),
                "flows_granted"),
    from_member(var(flows, "relocated", {replicate, origin, host}, int64, count,
                    "moves of the origin's exiles into the host over the run"),
                "flows_relocated"),
    var(flows, "grant_probability", {replicate, origin, host}, float32, share,
        "chance that the host grants a typical data request of the origin, at the horizon"),
    var(flows, "safe_haven", {replicate, origin, host}, uint8, "",
        "the host is a safe haven for the origin's exiles at the horizon", Coding::flag,
        "not_safe_haven safe_haven"),
    // [replicate]
    var(summary, "entry_into_force_month", {replicate}, int32, months,
        "month the convention entered into force", Coding::never),
    var(summary, "cosp_first_month", {replicate}, int32, months,
        "month of the first session of the Conference of the States Parties", Coding::never),
    var(summary, "protocol_draft_month", {replicate}, int32, months,
        "month a negotiated protocol draft exists", Coding::never),
    var(summary, "protocol_first_vote_month", {replicate}, int32, months,
        "month of the first vote on the protocol", Coding::never),
    var(summary, "protocol_adopted_month", {replicate}, int32, months,
        "month the protocol was adopted", Coding::never),
    var(summary, "protocol_votes", {replicate}, int32, count, "votes held on the protocol"),
    var(summary, "exiles", {replicate}, int64, count, "exiles simulated"),
    // Derived: the scalar outcomes (engine/outcomes.hpp); their units are in
    // the outcome coordinate's `units` attribute.
    var(summary, "outcome_value", {replicate, outcome}, float64, "",
        "each replicate's scalar outcomes (NaN: never)"),
    var(summary, "outcome_mean", {outcome}, float64, "", "mean of each outcome over replicates"),
    var(summary, "outcome_half_width", {outcome}, float64, "",
        "half-width of the 95% confidence interval of the mean (Student's t)"),
    var(summary, "outcome_median", {outcome}, float64, "",
        "median of each outcome over replicates (inverse empirical distribution)"),
    var(summary, "outcome_low", {outcome}, float64, "",
        "5th percentile of each outcome over replicates"),
    var(summary, "outcome_high", {outcome}, float64, "",
        "95th percentile of each outcome over replicates"),
    // [request]: the optional event log, one row per request.
    var(events, "replicate", {request}, int32, "", "replicate of the request"),
    var(events, "month_sent", {request}, int32, months, "month the request was issued"),
    var(events, "month_completed", {request}, int32, months,
        "month the request was decided (never: pending at the horizon)", Coding::never),
    var(events, "month_arrested", {request}, int32, months,
        "month of the provisional arrest (never: none)", Coding::never),
    var(events, "target", {request}, uint32, "",
        "index of the exile targeted (missing: a legitimate-stream suspect)", Coding::no_exile),
    var(events, "origin", {request}, uint16, "",
        "requesting state (index into /world/states/state)"),
    var(events, "requested", {request}, uint16, "",
        "requested state (index into /world/states/state)"),
    var(events, "kind", {request}, uint8, "", "kind of request", Coding::request_kind),
    var(events, "offence", {request}, uint8, "", "offence alleged", Coding::offence),
    var(events, "pretextual", {request}, uint8, "", "the request is a pretext", Coding::flag,
        "legitimate pretextual"),
    var(events, "dual_criminality", {request}, uint8, "",
        "the conduct is an offence in the requested state too", Coding::flag,
        "not_an_offence_there an_offence_there"),
    var(events, "channel", {request}, uint8, "", "channel the request travelled through",
        Coding::channel),
    var(events, "outcome", {request}, uint8, "", "what became of the request",
        Coding::request_outcome),
    var(events, "reason", {request}, uint8, "", "first reason for a refusal", Coding::reason),
    var(events, "penalty_years", {request}, float32, "year",
        "maximum penalty for the offence alleged"),
};

// /calibration (`havens calibrate`, docs/CALIBRATION.md). The units of the
// particles, the priors and the targets differ by key and target (the keys'
// are `havens params`'s), so those carry none.
constexpr Variable text(Variable v) {
    v.text = true;
    return v;
}

struct CalibrationEntry {
    Calibration id;
    Variable variable;
};

constexpr CalibrationEntry cal(Calibration id, std::string_view name,
                               std::initializer_list<Dim> dims, Type type, std::string_view units,
                               std::string_view long_name, Coding coding = Coding::plain,
                               std::string_view meanings = {}) {
    return {id, var(calibration, name, dims, type, units, long_name, coding, meanings)};
}

constexpr CalibrationEntry cal_text(Calibration id, std::string_view name, Dim dim,
                                    std::string_view long_name) {
    return {id, text(var(calibration, name, {dim}, uint8, "", long_name))};
}

using C = Calibration;

constexpr std::array calibration_entries{
    cal(C::particles, "particles", {generation, particle, parameter}, float64, "",
        "each particle's value of each key at the end of the generation"),
    cal(C::weights, "weights", {generation, particle}, float64, share,
        "importance weight of each particle (each generation's sum to one)"),
    cal(C::distances, "distances", {generation, particle, replicate}, float64, share,
        "root mean square of (simulated - observed) / sd over the fitted targets, "
        "per replicate of the particle (inf: no fitted target defined)"),
    cal(C::simulated, "simulated", {generation, particle, target}, float64, "",
        "each target's statistic, mean over the particle's replicates "
        "(NaN: undefined in every replicate)"),
    cal(C::tolerances, "tolerances", {generation}, float64, share,
        "tolerance of the generation's weights (inf for the prior sample)"),
    cal(C::acceptance_rates, "acceptance_rates", {generation}, float64, share,
        "share of proposed moves accepted (NaN for the prior sample)"),
    cal(C::effective_sample_sizes, "effective_sample_sizes", {generation}, float64, count,
        "effective sample size of the weights (1 / sum of squared weights)"),
    cal(C::simulations, "simulations", {generation}, int64, count,
        "model runs made in the generation"),
    cal(C::unique_particles, "unique_particles", {generation}, int64, count,
        "distinct parameter sets among the particles (resampling copies particles; moves make "
        "them distinct again)"),
    cal(C::moves, "moves", {generation}, int64, count,
        "Metropolis-Hastings steps each particle took in the generation "
        "(0 for the prior sample)"),
    cal_text(C::prior_kind, "prior_kind", parameter,
             "prior distribution (uniform, log_uniform, normal or truncated_normal)"),
    cal(C::prior_low, "prior_low", {parameter}, float64, "",
        "prior's lower bound (the key's lowest value where the prior is unbounded)"),
    cal(C::prior_high, "prior_high", {parameter}, float64, "",
        "prior's upper bound (the key's highest value where the prior is unbounded)"),
    cal(C::prior_mean, "prior_mean", {parameter}, float64, "",
        "normal prior's mean (NaN: not normal)"),
    cal(C::prior_sd, "prior_sd", {parameter}, float64, "",
        "normal prior's standard deviation (NaN: not normal)"),
    cal_text(C::target_statistic, "target_statistic", target,
             "statistic of the target (docs/CALIBRATION.md, Statistics)"),
    cal_text(C::target_source, "target_source", target, "where the observed value comes from"),
    cal(C::target_argument, "target_argument", {target}, float64, "",
        "month, count or population the statistic takes (NaN: none)"),
    cal(C::target_observed, "target_observed", {target}, float64, "", "observed value"),
    cal(C::target_sd, "target_sd", {target}, float64, "",
        "standard deviation of the observation's error, the scale of its term in the distance"),
    cal(C::target_fitted, "target_fitted", {target}, uint8, "",
        "the target is fitted (in the distance), not only checked", Coding::flag, "checked fitted"),
};
static_assert(calibration_entries.size() == calibration_count);

// Entry i is enumerator i, so that variable(c) is an index.
constexpr bool in_enum_order() {
    for (std::size_t i = 0; i < calibration_entries.size(); ++i)
        if (static_cast<std::size_t>(calibration_entries[i].id) != i) return false;
    return true;
}
static_assert(in_enum_order(), "calibration_entries must follow the order of Calibration");

constexpr std::array<Variable, calibration_count> calibration_registry = [] {
    std::array<Variable, calibration_count> out{};
    for (std::size_t i = 0; i < calibration_count; ++i) out[i] = calibration_entries[i].variable;
    return out;
}();

template <std::size_t N>
std::string joined(const std::array<std::string_view, N>& names, std::string_view extra = {}) {
    std::string out;
    for (auto n : names) out += (out.empty() ? "" : " ") + std::string(n);
    if (!extra.empty()) out += " " + std::string(extra);
    return out;
}

std::vector<std::int64_t> codes(std::size_t n) {
    std::vector<std::int64_t> out(n);
    for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<std::int64_t>(i);
    return out;
}

}  // namespace

std::span<const Variable> variables() { return registry; }

const Variable* find(Group group, std::string_view name) {
    for (const auto& v : group == Group::calibration ? calibration_variables() : variables())
        if (v.group == group && v.name == name) return &v;
    return nullptr;
}

const Variable* find(std::string_view name) {
    for (const auto& v : registry)
        if (v.name == name) return &v;
    for (const auto& v : calibration_registry)
        if (v.name == name) return &v;
    return nullptr;
}

std::span<const Variable> calibration_variables() { return calibration_registry; }

const Variable& variable(Calibration c) {
    return calibration_registry[static_cast<std::size_t>(c)];
}

bool is_member(const Variable& v) {
    if (v.group == Group::events || v.group == Group::calibration) return false;
    static const std::vector<std::string_view> members = [] {
        std::vector<std::string_view> names;
        ReplicateResult r;
        visit_fields([&](std::string_view name, const auto&) { names.push_back(name); }, r);
        return names;
    }();
    return std::find(members.begin(), members.end(), v.member_name()) != members.end();
}

std::size_t dim_size(Dim d, std::size_t months_count, std::size_t states) {
    switch (d) {
        case Dim::replicate:
        case Dim::request:
        case Dim::generation:
        case Dim::particle:
        case Dim::parameter:
        case Dim::target: return 0;
        case Dim::month: return months_count;
        case Dim::state:
        case Dim::origin:
        case Dim::host: return states;
        case Dim::reason: return reason_count;
        case Dim::channel: return channel_count;
        case Dim::status: return status_count;
        case Dim::article: return article_count;
        case Dim::outcome: return outcome_count;
    }
    return 0;
}

const Variable* find_member(std::string_view member) {
    for (const auto& v : registry)
        if (v.group != Group::events && v.member_name() == member) return &v;
    return nullptr;
}

std::size_t per_replicate_size(const Variable& v, std::size_t months_count, std::size_t states) {
    std::size_t size = 1;
    for (Dim d : v.dims()) {
        if (d != Dim::replicate && d != Dim::request) size *= dim_size(d, months_count, states);
    }
    return size;
}

Flags flags_of(const Variable& v) {
    switch (v.coding) {
        case Coding::flag: return {codes(2), std::string(v.meanings)};
        case Coding::request_kind: return {codes(request_kind_count), joined(request_kind_names)};
        case Coding::offence: return {codes(offence_names.size()), joined(offence_names)};
        case Coding::channel: return {codes(channel_count + 1), joined(channel_names, "none")};
        case Coding::reason: return {codes(reason_count + 1), joined(reason_names, "none")};
        case Coding::request_outcome:
            return {codes(request_outcome_names.size()), joined(request_outcome_names)};
        default: return {};
    }
}

std::vector<std::int32_t> month_start_days(std::size_t months_count) {
    // Days from 1 October 2025 to the first day of each month (Gregorian).
    static constexpr int length[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::vector<std::int32_t> out;
    int year = calendar_start_year, month = calendar_start_month, day = 0;
    for (std::size_t t = 0; t < months_count; ++t) {
        out.push_back(day);
        const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        day += length[month - 1] + (month == 2 && leap ? 1 : 0);
        if (++month > 12) month = 1, ++year;
    }
    return out;
}

// The wording havens_analysis/labels.py falls back to for older files; a
// test keeps the two the same.
std::vector<std::string> reason_labels() {
    return {"outside the convention's scope",
            "not a crime in the host (dual criminality)",
            "persecution ground (Art. 40(22))",
            "conditions and safeguards (Art. 24)",
            "human-rights clause (Art. 6(2))",
            "host's discretion",
            "channel's own rules",
            "host's national law (political offence, persecution bar)",
            "non-refoulement",
            "no legal basis to extradite",
            "provider's policy (direct request)",
            "relations severed (war, no relations)"};
}

std::vector<std::string> channel_labels() {
    return {"UN Cybercrime Convention", "bilateral MLA treaty",     "Budapest Convention",
            "regional instrument",      "INTERPOL Red Notice",      "extradition treaty",
            "reciprocity (no treaty)",  "national law (no treaty)", "provider (direct request)",
            "origin's own provider",    "removal outside the law"};
}

std::vector<std::string> status_labels() {
    return {"safe",
            "under surveillance",
            "data exposed",
            "extradited",
            "relocated",
            "arrested, extradition pending",
            "removed outside the law"};
}

std::vector<std::string> article_labels() {
    return {"Art. 6(2) human-rights clause", "Art. 24 conditions and safeguards",
            "Art. 40(22) persecution ground"};
}

}  // namespace havens::output
