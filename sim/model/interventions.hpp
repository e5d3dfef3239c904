// A scenario's per-state interventions resolved against the world: one
// entry per state, read by the ratification, protocol and decision rules.
// The names they use (ISO codes, bloc names, articles) are checked once, up
// front, by intervention_problems; the model itself never fails on them.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

// What an intervention does to one reservation of one state.
enum class ReservationChoice : std::uint8_t { drawn, made, not_made };

struct StateInterventions {
    explicit StateInterventions(std::size_t states = 0)
        : never_ratify(states, 0),
          never_join_protocol(states, 0),
          ratify_month(states, never),
          sign_month(states, never),
          denounce_month(states, never),
          join_protocol_month(states, never),
          reservation(states, {ReservationChoice::drawn, ReservationChoice::drawn,
                               ReservationChoice::drawn}),
          discretion_shift(states, 0.0),
          extradites_without_treaty(states, -1) {}

    std::vector<std::uint8_t> never_ratify;
    std::vector<std::uint8_t> never_join_protocol;
    std::vector<Month> ratify_month;  // never: the model decides
    std::vector<Month> sign_month;
    std::vector<Month> denounce_month;
    std::vector<Month> join_protocol_month;
    std::vector<std::array<ReservationChoice, article_count>> reservation;
    std::vector<double> discretion_shift;                // log-odds
    std::vector<std::int8_t> extradites_without_treaty;  // -1: its legal system's rule
    bool any = false;                                    // false: every entry is the default
};

// The states an intervention's target names: an ISO code or a bloc name,
// either in any case; empty when it names none.
std::vector<StateId> states_named(const World& world, std::string_view target);

// The targets of a list ("USA eu", or separated by commas).
std::vector<std::string> split_targets(std::string_view list);

StateInterventions resolve_interventions(const World& world, const Scenario& scenario);

// One thing wrong with a scenario's interventions: the scenario key it is
// about ("interventions.ratify.IND") and why.
struct InterventionProblem {
    std::string key;
    std::string message;
};

// Unknown states, blocs and articles, months outside the run, and
// contradictions with each other, with the scenario's other options or with
// the documented record; empty when there are none.
std::vector<InterventionProblem> intervention_problems(const World& world,
                                                       const Scenario& scenario);

}  // namespace havens
