// Where the convention and its protocol stand in one replicate: who has
// signed, decided, deposited and denounced, when each instrument is in force
// for whom, who reserved what, and the Conference's calendar. The
// ratification, conference and protocol rules read and update it month by
// month.
#pragma once

#include <Eigen/Dense>
#include <array>
#include <vector>

#include "core/vocabulary.hpp"
#include "model/interventions.hpp"

namespace havens {

// One instrument's domestic procedures, per state: the month a state's
// deposit falls due once it has decided to be bound (never: no procedure
// under way).
struct Procedures {
    explicit Procedures(std::size_t states) : due_month(states, never) {}
    std::vector<Month> due_month;
    bool under_way(StateId s) const { return due_month[s] != never; }
    void cancel(StateId s) { due_month[s] = never; }
};

struct TreatyStatus {
    explicit TreatyStatus(std::size_t states)
        : signed_month(states, never),
          ratified_month(states, never),
          in_force_month(states, never),
          left_month(states, never),
          reservations(states, {0, 0, 0}),
          procedures(states),
          protocol_ratified_month(states, never),
          protocol_in_force_month(states, never),
          protocol_procedures(states),
          is_party(Eigen::VectorXd::Zero(static_cast<Eigen::Index>(states))),
          interventions(states) {}

    std::vector<Month> signed_month;    // never: not a signatory (a later depositor accedes)
    std::vector<Month> ratified_month;  // the deposit of ratification or accession
    std::vector<Month> in_force_month;  // for that state; never until set
    std::vector<Month> left_month;      // a denunciation takes effect; never if none
    std::vector<std::array<std::uint8_t, article_count>> reservations;
    Procedures procedures;
    std::vector<Month> protocol_ratified_month;
    std::vector<Month> protocol_in_force_month;
    Procedures protocol_procedures;
    Eigen::VectorXd is_party;  // x(t) of the peer-influence term
    // The scenario's per-state interventions, resolved at month 0 and only
    // read afterwards: what the rules may not draw for a state.
    StateInterventions interventions;

    int parties = 0;                // deposited and not denounced
    int instruments = 0;            // deposits counted for entry into force
    Month threshold_month = never;  // the threshold-th instrument
    Month entry_into_force_month = never;
    // The Conference of the States Parties: its first session, then one every
    // treaty.cosp_interval_months.
    Month cosp_first_month = never;
    Month protocol_draft_month = never;  // a negotiated draft exists from this month
    int protocol_parties = 0;            // deposited and still parties to the convention
    int protocol_instruments = 0;        // protocol deposits counted for its entry into force
    Month protocol_first_vote_month = never;
    Month protocol_adopted_month = never;
    int protocol_votes_held = 0;
    Month protocol_threshold_month = never;
    Month protocol_entry_into_force_month = never;

    bool in_force(Month t) const {
        return entry_into_force_month != never && t >= entry_into_force_month;
    }
    bool is_member(StateId s, Month t) const { return left_month[s] == never || t < left_month[s]; }
    bool in_force_for(StateId s, Month t) const {
        return in_force_month[s] != never && t >= in_force_month[s] && is_member(s, t);
    }
    bool protocol_in_force(Month t) const {
        return protocol_entry_into_force_month != never && t >= protocol_entry_into_force_month;
    }
    bool protocol_in_force_for(StateId s, Month t) const {
        return protocol_in_force_month[s] != never && t >= protocol_in_force_month[s] &&
               is_member(s, t);
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
