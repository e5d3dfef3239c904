#include "model/protocol.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "model/entry_into_force.hpp"

namespace havens {

bool protocol_vote_due(const TreatyParams& params, const TreatyStatus& status, Month t) {
    return params.enabled && params.protocol && status.protocol_adopted_month == never &&
           status.in_force(t) && t >= status.next_protocol_vote_month &&
           status.parties_in_force(t) >= params.protocol_threshold;
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
        const double linear = params.vote_intercept +
                              params.vote_repression * world.states.repression[s] +
                              params.vote_stance * stance_value(world.states.stance[s]);
        const double p_yes = 1.0 / (1.0 + std::exp(-linear));
        bernoulli(rng, p_yes) ? ++tally.yes : ++tally.no;
    }
    return tally;
}

void record_protocol_vote(const VoteTally& tally, const TreatyParams& params, Month t,
                          TreatyStatus& status) {
    ++status.protocol_votes_held;
    if (protocol_passes(tally)) {
        status.protocol_adopted_month = t;
    } else {
        status.next_protocol_vote_month = t + params.protocol_revote_months;
    }
}

std::vector<StateId> draw_protocol_deposits(const World& world, const Scenario& scenario,
                                            const TreatyStatus& status, Month t,
                                            StreamKey key) {
    std::vector<StateId> deposits;
    // Open for ratification from the month after adoption.
    if (status.protocol_adopted_month == never || t <= status.protocol_adopted_month) {
        return deposits;
    }
    const auto& params = scenario.ratification;
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (status.ratified_month[s] == never || status.protocol_ratified_month[s] != never) {
            continue;
        }
        const double linear = params.protocol_b_repression * world.states.repression[s] +
                              params.b_stance * stance_value(world.states.stance[s]);
        const double p = -std::expm1(-params.protocol_base_hazard * std::exp(linear));
        RandomStream rng(key, Purpose::protocol_ratification, static_cast<std::uint32_t>(t), s);
        if (bernoulli(rng, p)) deposits.push_back(s);
    }
    return deposits;
}

void apply_protocol_deposits(const std::vector<StateId>& deposits, Month t,
                             const TreatyParams& params, TreatyStatus& status) {
    const EntryIntoForceRule rule{params.protocol_entry_threshold, params.entry_delay_months,
                                  params.later_entry_delay_months};
    for (StateId s : deposits) {
        status.protocol_ratified_month[s] = t;
        count_instrument(rule, t, status.protocol_parties, status.protocol_threshold_month,
                         status.protocol_entry_into_force_month);
    }
    date_depositors(rule, status.protocol_ratified_month, status.protocol_threshold_month,
                    status.protocol_entry_into_force_month, status.protocol_in_force_month);
}

}  // namespace havens
