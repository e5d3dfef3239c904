#include "model/treaty_step.hpp"

#include "model/conference.hpp"
#include "model/protocol.hpp"

namespace havens {

void advance_treaty(const World& world, const Scenario& scenario,
                    const ReservationPropensity& propensity, StreamKey key, Month t,
                    TreatyStatus& status) {
    apply_denunciations(world, scenario, t, status);
    const auto deposits = advance_ratification(world, scenario, t, key, status);
    apply_deposits(deposits, t, scenario.treaty, propensity, key, status);
    schedule_conference(scenario.treaty, key, status);
    if (protocol_vote_due(scenario.treaty, status, t)) {
        record_protocol_vote(hold_protocol_vote(world, scenario.ratification, status, t, key), t,
                             status);
    }
    const auto protocol = advance_protocol_ratification(world, scenario, t, key, status);
    apply_protocol_deposits(protocol, t, scenario.treaty, status);
}

}  // namespace havens
