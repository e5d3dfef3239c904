// Ratification of the convention (docs/ODD.md 7.2-7.4): who
// decides to be bound each month, how long its domestic procedure takes,
// who signs before signature closes and who accedes after, what they
// reserve, when the convention enters into force for whom, and the
// documented record applied as observed events. Free functions over the
// world and a TreatyStatus; the random draws are keyed by (purpose, month,
// state) so that the outcome is the same whatever the order in which states
// are visited.
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

// The status at month 0: the documented signatures, and the month from which
// a negotiated protocol draft exists.
TreatyStatus initial_treaty_status(const World& world, const Scenario& scenario, StreamKey key);

// Peer and regional terms of the hazard for every state, from the parties
// at the start of the month.
struct PeerPressure {
    Eigen::VectorXd peer;    // W x(t)
    Eigen::VectorXd region;  // share of the state's regional group that are parties
};
PeerPressure peer_pressure(const World& world, const TreatyStatus& status);

// A state's engagement with the convention in a month: it has signed; it
// voted against the process in 2019 and let signature close without signing
// (declined); or neither.
enum class Engagement : std::uint8_t { none, signed_, declined };

// Monthly probability that a state not yet bound decides to be bound, under
// the hazard model.
double decision_probability(const World& world, const RatificationParams& params, StateId s,
                            Engagement engagement, double peer, double region_share);

// Months from the decision to the deposit: max(lag_min, round(lag_median *
// exp(lag_sigma * Z))), Z standard normal.
int draw_procedure_lag(const RatificationParams& params, RandomStream& rng);

// Advances every state's procedure by month t: documented deposits, new
// decisions (a non-signatory that decides before signature closes signs in
// that month), and deposits falling due. Returns the states that deposit in
// month t, in increasing StateId order. A deposit the documented record rules
// out (due before the record's end, not in it) is cancelled and the state's
// procedure starts over.
std::vector<StateId> advance_ratification(const World& world, const Scenario& scenario, Month t,
                                          StreamKey key, TreatyStatus& status);

// Records the deposits of month t with their reservations, and dates entry
// into force: the convention `entry_delay_months` after the threshold-th
// instrument, for a later party `later_entry_delay_months` after its deposit
// (never before the convention itself).
void apply_deposits(const std::vector<StateId>& deposits, Month t, const TreatyParams& params,
                    const ReservationPropensity& propensity, StreamKey key, TreatyStatus& status);

// Documented denunciations: notified in month t, effective
// `denunciation_delay_months` later, when the state stops being a party to
// the convention and to the protocol.
void apply_denunciations(const World& world, const Scenario& scenario, Month t,
                         TreatyStatus& status);

}  // namespace havens
