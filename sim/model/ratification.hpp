// Ratification of the convention (DESIGN 1.3): who deposits an instrument
// each month, what they reserve, and when the convention enters into force
// for whom. Free functions over the world and a TreatyStatus; the random
// draws are keyed by (purpose, month, state) so that the outcome is the same
// whatever the order in which states are visited.
#pragma once

#include <array>
#include <vector>

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens {

// Per-state probability of reserving each article at ratification: a score
// (repression, higher for states that voted yes in 2019) scaled per article
// so that the expected number of reserving states, if all ratified, equals
// the reported votes for deleting that article in 2024.
using ReservationPropensity = std::vector<std::array<double, article_count>>;
ReservationPropensity reservation_propensity(const StateTable& states, const TreatyParams& params);

// Peer and regional terms of the hazard for every state, from the parties
// at the start of the month.
struct PeerPressure {
    Eigen::VectorXd peer;    // W x(t)
    Eigen::VectorXd region;  // share of the state's regional group that are parties
};
PeerPressure peer_pressure(const World& world, const TreatyStatus& status);

// Monthly deposit probability of a non-party under the hazard model.
double deposit_probability(const World& world, const RatificationParams& params, StateId s,
                           Month t, double peer, double region_share);

// The states that deposit in month t (documented deposits included), in
// increasing StateId order.
std::vector<StateId> draw_deposits(const World& world, const Scenario& scenario,
                                   const TreatyStatus& status, Month t, StreamKey key);

// Records the deposits of month t with their reservations, and dates entry
// into force: the convention `entry_delay_months` after the threshold-th
// instrument, for a later party `later_entry_delay_months` after its deposit
// (never before the convention itself).
void apply_deposits(const std::vector<StateId>& deposits, Month t, const TreatyParams& params,
                    const ReservationPropensity& propensity, StreamKey key, TreatyStatus& status);

}  // namespace havens
