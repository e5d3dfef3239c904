#include "model/protocol.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "model/conference.hpp"
#include "model/entry_into_force.hpp"
#include "model/ratification.hpp"

namespace havens {

bool protocol_vote_due(const TreatyParams& params, const TreatyStatus& status, Month t) {
    return params.enabled && params.protocol && status.protocol_adopted_month == never &&
           conference_in_session(params, status, t) && status.protocol_draft_month != never &&
           t >= status.protocol_draft_month &&
           status.parties_in_force(t) >= params.protocol_threshold;
}

double protocol_yes_probability(const World& world, const RatificationParams& params, StateId s) {
    const double linear = params.vote_intercept +
                          params.vote_repression * world.states.repression[s] +
                          params.vote_stance * stance_value(world.states.stance[s]) -
                          params.vote_speech * world.states.speech_reserved[s];
    return 1.0 / (1.0 + std::exp(-linear));
}

VoteTally hold_protocol_vote(const World& world, const RatificationParams& params,
                             const TreatyStatus& status, Month t, StreamKey key) {
    VoteTally tally;
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (!status.in_force_for(s, t)) continue;  // only States Parties sit in the Conference
        RandomStream rng(key, Purpose::protocol_vote, static_cast<std::uint32_t>(t), s);
        if (bernoulli(rng, params.vote_abstain)) {
            ++tally.abstain;
            continue;
        }
        bernoulli(rng, protocol_yes_probability(world, params, s)) ? ++tally.yes : ++tally.no;
    }
    return tally;
}

void record_protocol_vote(const VoteTally& tally, Month t, TreatyStatus& status) {
    ++status.protocol_votes_held;
    if (status.protocol_first_vote_month == never) status.protocol_first_vote_month = t;
    if (protocol_passes(tally)) status.protocol_adopted_month = t;
}

double protocol_decision_probability(const World& world, const RatificationParams& params,
                                     StateId s) {
    const double linear = params.protocol_b_repression * world.states.repression[s] +
                          params.protocol_b_stance * stance_value(world.states.stance[s]) -
                          params.protocol_b_speech * world.states.speech_reserved[s];
    return -std::expm1(-params.protocol_base_hazard * std::exp(linear));
}

std::vector<StateId> advance_protocol_ratification(const World& world, const Scenario& scenario,
                                                   Month t, StreamKey key, TreatyStatus& status) {
    std::vector<StateId> deposits;
    // Open for ratification from the month after adoption.
    if (status.protocol_adopted_month == never || t <= status.protocol_adopted_month) {
        return deposits;
    }
    const auto& params = scenario.ratification;
    Procedures& procedures = status.protocol_procedures;
    const StateInterventions& iv = status.interventions;
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (status.protocol_ratified_month[s] != never) continue;
        const bool party = status.ratified_month[s] != never && status.is_member(s, t);
        if (!party) {
            procedures.cancel(s);
            continue;
        }
        if (iv.never_join_protocol[s]) continue;
        if (iv.join_protocol_month[s] != never) {
            // It deposits in its month, or as soon as it is a party and the
            // protocol is open, if that comes later; it does not decide otherwise.
            if (iv.join_protocol_month[s] <= t) deposits.push_back(s);
            continue;
        }
        if (!procedures.under_way(s)) {
            RandomStream rng(key, Purpose::protocol_ratification, static_cast<std::uint32_t>(t), s);
            if (!bernoulli(rng, protocol_decision_probability(world, params, s))) continue;
            RandomStream lag_rng(key, Purpose::protocol_lag, static_cast<std::uint32_t>(t), s);
            procedures.due_month[s] = t + draw_procedure_lag(params, lag_rng);
        }
        if (procedures.due_month[s] <= t) deposits.push_back(s);
    }
    return deposits;
}

void apply_protocol_deposits(const std::vector<StateId>& deposits, Month t,
                             const TreatyParams& params, TreatyStatus& status) {
    const EntryIntoForceRule rule{params.protocol_entry_threshold, params.entry_delay_months,
                                  params.later_entry_delay_months};
    for (StateId s : deposits) {
        status.protocol_ratified_month[s] = t;
        ++status.protocol_parties;
        count_instrument(rule, t, status.protocol_instruments, status.protocol_threshold_month,
                         status.protocol_entry_into_force_month);
    }
    date_depositors(rule, status.protocol_ratified_month, status.protocol_threshold_month,
                    status.protocol_entry_into_force_month, status.protocol_in_force_month);
}

}  // namespace havens
