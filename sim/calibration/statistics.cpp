#include "calibration/statistics.hpp"

#include <cmath>
#include <limits>

#include "model/request.hpp"

namespace havens {

namespace {

constexpr double undefined = std::numeric_limits<double>::quiet_NaN();

std::size_t month_index(double argument) { return static_cast<std::size_t>(argument); }

// Provisional arrests of exiles made before the convention entered into
// force (the whole run if it never did): the documented incidents of the
// record (Freedom House counts detentions and deportations of 2014-2024,
// a world without the convention) have their model counterpart here.
template <typename Count>
double share_of_arrests_before_entry(const ReplicateResult& r, Count&& counts) {
    const Month end = r.entry_into_force_month == never ? static_cast<Month>(r.parties.size())
                                                        : r.entry_into_force_month;
    double arrests = 0, counted = 0;
    for (const auto& e : r.events) {
        if (e.target == no_exile || e.month_arrested == never || e.month_arrested >= end) continue;
        ++arrests;
        if (counts(e)) ++counted;
    }
    return arrests > 0 ? counted / arrests : undefined;
}

// Freedom House's and INTERPOL's records of the persecution stream (the
// pretextual extraditions of exiles, docs/ODD.md 8 "Volumes"), counted over
// the whole run: the record describes years without the convention, which
// changes these counts by a few per cent (docs/CALIBRATION.md).
struct PersecutionRecord {
    double detentions = 0;       // provisional arrests
    double deportations = 0;     // surrenders and removals outside the law
    double review_refusals = 0;  // notices INTERPOL's review refused
    double incidents = 0;        // detentions and removals outside the law
    double incidents_not_free = 0;
    double years = 0;
};

PersecutionRecord persecution_record(const ReplicateResult& r, const World& world) {
    PersecutionRecord out;
    out.years = static_cast<double>(r.parties.size()) / 12.0;
    for (const auto& e : r.events) {
        if (e.target == no_exile || !e.pretextual ||
            e.kind != static_cast<std::uint8_t>(RequestKind::extradition)) {
            continue;
        }
        const auto outcome = static_cast<RequestOutcome>(e.outcome);
        const bool arrested = e.month_arrested != never;
        const bool removed = outcome == RequestOutcome::removed;
        out.detentions += arrested;
        out.deportations += removed || outcome == RequestOutcome::granted;
        out.review_refusals += e.reason == static_cast<std::uint8_t>(Reason::channel_rules);
        if (arrested || removed) {
            ++out.incidents;
            out.incidents_not_free += world.states.fh_status[e.requested] != FreedomStatus::free;
        }
    }
    return out;
}

// A count per year of the run, scaled from the model's exiles to the
// `population` they stand for.
double per_year_of_population(double count, const PersecutionRecord& record, double population,
                              const Scenario& scenario) {
    return count / record.years * population / static_cast<double>(scenario.world.exiles);
}

}  // namespace

const std::vector<StatisticSpec>& statistic_table() {
    static const std::vector<StatisticSpec> table{
        {"parties_at_month", StatisticArgument::month, "states",
         "States Parties to the convention at the end of the month"},
        {"month_of_parties", StatisticArgument::count, "month",
         "the first month with at least `count` parties (instruments deposited); the horizon "
         "if never"},
        {"entry_into_force_month", StatisticArgument::none, "month",
         "the month the convention enters into force; the horizon if never"},
        {"protocol_share_of_parties", StatisticArgument::month, "1",
         "protocol parties / convention parties at the month; undefined where no protocol was "
         "adopted by then"},
        {"declined_joined_share", StatisticArgument::month, "1",
         "of the states that voted no in 2019 and let signature close unsigned, the share "
         "party by the month; undefined if there are none"},
        {"arrests_extradited_share", StatisticArgument::none, "1",
         "of the provisional arrests of exiles before entry into force, the share that end in "
         "surrender (extradition granted)",
         true},
        {"arrests_host_not_free_share", StatisticArgument::none, "1",
         "of the provisional arrests of exiles before entry into force, the share made by a "
         "host that Freedom House rates Partly Free or Not Free",
         true},
        {"detentions_per_year", StatisticArgument::population, "people a year",
         "provisional arrests of exiles on pretextual extradition requests, per year of the run, "
         "scaled from the model's exiles to the population they stand for",
         true},
        {"deportations_per_detention", StatisticArgument::none, "1",
         "surrenders and removals outside the law of exiles, per provisional arrest (both over "
         "the whole run); undefined without arrests",
         true},
        {"review_refusals_per_year", StatisticArgument::population, "notices a year",
         "pretextual Red Notices that INTERPOL's review refuses, per year of the run, scaled "
         "from the model's exiles to the population they stand for",
         true},
        {"incidents_host_not_free_share", StatisticArgument::none, "1",
         "of the provisional arrests and removals outside the law of exiles (whole run), the "
         "share in a host that Freedom House rates Partly Free or Not Free; undefined without "
         "any",
         true},
    };
    return table;
}

const StatisticSpec* find_statistic(std::string_view name) {
    for (const auto& s : statistic_table()) {
        if (s.name == name) return &s;
    }
    return nullptr;
}

double compute_statistic(const StatisticSpec& spec, double argument, const ReplicateResult& r,
                         const World& world, const Scenario& scenario) {
    const double horizon = static_cast<double>(r.parties.size());
    if (spec.name == "parties_at_month") return r.parties.at(month_index(argument));
    if (spec.name == "month_of_parties") {
        for (std::size_t t = 0; t < r.parties.size(); ++t) {
            if (r.parties[t] >= argument) return static_cast<double>(t);
        }
        return horizon;
    }
    if (spec.name == "entry_into_force_month") {
        return r.entry_into_force_month == never ? horizon : r.entry_into_force_month;
    }
    if (spec.name == "protocol_share_of_parties") {
        const std::size_t t = month_index(argument);
        if (r.protocol_adopted_month == never ||
            static_cast<std::size_t>(r.protocol_adopted_month) > t || r.parties.at(t) == 0) {
            return undefined;
        }
        return static_cast<double>(r.protocol_parties.at(t)) / r.parties.at(t);
    }
    if (spec.name == "declined_joined_share") {
        const Month t = static_cast<Month>(argument);
        const Month close = scenario.treaty.signature_close_month;
        double declined = 0, joined = 0;
        for (std::size_t s = 0; s < world.states.size(); ++s) {
            const bool signed_in_time = r.signed_month[s] != never && r.signed_month[s] <= close;
            if (world.states.stance[s] != Stance::no || signed_in_time) continue;
            ++declined;
            if (r.ratified_month[s] != never && r.ratified_month[s] <= t) ++joined;
        }
        return declined > 0 ? joined / declined : undefined;
    }
    if (spec.name == "arrests_extradited_share") {
        return share_of_arrests_before_entry(r, [](const RequestEvent& e) {
            return e.outcome == static_cast<std::uint8_t>(RequestOutcome::granted);
        });
    }
    if (spec.name == "arrests_host_not_free_share") {
        return share_of_arrests_before_entry(r, [&](const RequestEvent& e) {
            return world.states.fh_status[e.requested] != FreedomStatus::free;
        });
    }
    if (spec.name == "detentions_per_year") {
        const auto record = persecution_record(r, world);
        return per_year_of_population(record.detentions, record, argument, scenario);
    }
    if (spec.name == "deportations_per_detention") {
        const auto record = persecution_record(r, world);
        return record.detentions > 0 ? record.deportations / record.detentions : undefined;
    }
    if (spec.name == "review_refusals_per_year") {
        const auto record = persecution_record(r, world);
        return per_year_of_population(record.review_refusals, record, argument, scenario);
    }
    if (spec.name == "incidents_host_not_free_share") {
        const auto record = persecution_record(r, world);
        return record.incidents > 0 ? record.incidents_not_free / record.incidents : undefined;
    }
    return undefined;
}

std::string statistic_reference_markdown() {
    std::string out = "| statistic | argument | unit | meaning |\n|---|---|---|---|\n";
    for (const auto& s : statistic_table()) {
        const char* argument = s.argument == StatisticArgument::month        ? "month"
                               : s.argument == StatisticArgument::count      ? "count"
                               : s.argument == StatisticArgument::population ? "population"
                                                                             : "";
        out += "| `" + std::string(s.name) + "` | " + argument + " | " + std::string(s.unit) +
               " | " + std::string(s.meaning) + (s.needs_request_log ? " (request log)" : "") +
               " |\n";
    }
    return out;
}

}  // namespace havens
