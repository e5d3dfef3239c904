// The supplementary protocol (Art. 62, docs/ODD.md 7.5): a vote
// at a session of the Conference of the States Parties, once a negotiated
// draft exists and the convention has enough States Parties; adoption by
// two-thirds of the parties present and voting; then each party's own
// decision, domestic procedure and deposit, and the protocol's entry into
// force.
#pragma once

#include <vector>

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens {

struct VoteTally {
    int yes = 0;
    int no = 0;
    int abstain = 0;  // present but not voting
};

// Two-thirds of the parties present and voting; abstainers are not voting.
// A vote in which nobody votes adopts nothing.
constexpr bool protocol_passes(const VoteTally& tally) {
    const int voting = tally.yes + tally.no;
    return voting > 0 && 3 * tally.yes >= 2 * voting;
}

// Whether the Conference votes in month t: a protocol is negotiated and
// none adopted, the Conference sits, the draft exists, and the convention
// is in force for at least protocol_threshold States Parties. A failed vote
// waits for the next session.
bool protocol_vote_due(const TreatyParams& params, const TreatyStatus& status, Month t);

// The chance that a party votes yes, given that it votes: logistic in
// repression, the 2019 stance and a known speech reservation.
double protocol_yes_probability(const World& world, const RatificationParams& params, StateId s);

// Each State Party (the convention in force for it) abstains with a fixed
// share, else votes yes with protocol_yes_probability, else no.
VoteTally hold_protocol_vote(const World& world, const RatificationParams& params,
                             const TreatyStatus& status, Month t, StreamKey key);

// Records a vote's result: the first vote's month, and adoption.
void record_protocol_vote(const VoteTally& tally, Month t, TreatyStatus& status);

// Monthly probability that a party decides to be bound by the adopted
// protocol: the hazard in repression, stance and a known speech reservation.
double protocol_decision_probability(const World& world, const RatificationParams& params,
                                     StateId s);

// Advances the parties' protocol procedures by month t (open from the month
// after adoption; the domestic procedure as for the convention) and returns
// the states that deposit in month t. Only a party to the convention can
// deposit; a procedure whose state has left the convention lapses.
std::vector<StateId> advance_protocol_ratification(const World& world, const Scenario& scenario,
                                                   Month t, StreamKey key, TreatyStatus& status);

// Records protocol deposits and dates its entry into force, with the same
// rule as the convention (threshold, then delay; later parties sooner).
void apply_protocol_deposits(const std::vector<StateId>& deposits, Month t,
                             const TreatyParams& params, TreatyStatus& status);

}  // namespace havens
