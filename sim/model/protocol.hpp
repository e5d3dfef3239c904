// The supplementary protocol (Art. 62, DESIGN 1.3): a vote of the
// Conference of the States Parties once the convention is in force and has
// enough parties, adoption by two-thirds of the parties present and voting,
// then its own ratifications and entry into force.
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

// Whether the Conference votes in month t: a protocol is negotiated, none
// has been adopted, the convention is in force for at least
// protocol_threshold States Parties, and any wait after a failed vote is over.
bool protocol_vote_due(const TreatyParams& params, const TreatyStatus& status, Month t);

// Each State Party (the convention in force for it) votes yes with a
// logistic propensity in repression and the 2019 stance, abstains with a
// fixed share, else votes no.
VoteTally hold_protocol_vote(const World& world, const RatificationParams& params,
                             const TreatyStatus& status, Month t, StreamKey key);

// Records a vote's result: adoption, or the month of the next attempt.
void record_protocol_vote(const VoteTally& tally, const TreatyParams& params, Month t,
                          TreatyStatus& status);

// Parties of the convention that ratify the adopted protocol in month t.
std::vector<StateId> draw_protocol_deposits(const World& world, const Scenario& scenario,
                                            const TreatyStatus& status, Month t, StreamKey key);

// Records protocol deposits and dates its entry into force, with the same
// rule as the convention (threshold, then delay; later parties sooner).
void apply_protocol_deposits(const std::vector<StateId>& deposits, Month t,
                             const TreatyParams& params, TreatyStatus& status);

}  // namespace havens
