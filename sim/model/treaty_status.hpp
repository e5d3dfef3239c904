// Where the convention and its protocol stand in one replicate: who has
// deposited, when each is in force for whom, who reserved what. The
// ratification and protocol rules read and update it month by month.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

struct TreatyStatus {
    explicit TreatyStatus(std::size_t states)
        : ratified_month(states, never),
          in_force_month(states, never),
          reservations(states, {0, 0, 0}),
          protocol_ratified_month(states, never),
          protocol_in_force_month(states, never),
          is_party(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(states))) {}

    std::vector<Month> ratified_month;
    std::vector<Month> in_force_month;  // for that state; never until set
    std::vector<std::array<std::uint8_t, article_count>> reservations;
    std::vector<Month> protocol_ratified_month;
    std::vector<Month> protocol_in_force_month;
    Eigen::VectorXd is_party;  // x(t) of the peer-influence term

    int parties = 0;
    Month threshold_month = never;         // the threshold-th instrument
    Month entry_into_force_month = never;
    int protocol_parties = 0;
    Month protocol_adopted_month = never;
    Month next_protocol_vote_month = 0;
    int protocol_votes_held = 0;
    Month protocol_threshold_month = never;
    Month protocol_entry_into_force_month = never;

    bool in_force(Month t) const { return entry_into_force_month != never && t >= entry_into_force_month; }
    bool in_force_for(StateId s, Month t) const {
        return in_force_month[s] != never && t >= in_force_month[s];
    }
    bool protocol_in_force(Month t) const {
        return protocol_entry_into_force_month != never && t >= protocol_entry_into_force_month;
    }
    bool protocol_in_force_for(StateId s, Month t) const {
        return protocol_in_force_month[s] != never && t >= protocol_in_force_month[s];
    }
    bool reserved(StateId s, Article a) const { return reservations[s][idx(a)] != 0; }
    // States Parties in the treaty-law sense: the convention in force for them.
    int parties_in_force(Month t) const {
        int n = 0;
        for (StateId s = 0; s < in_force_month.size(); ++s) n += in_force_for(s, t);
        return n;
    }
};

}  // namespace havens
