// Every parameter of a scenario, as plain named structs with defaults and
// units. The scenario file, --set and the documentation all go through the
// table in io/parameter_table.cpp, which maps each key to a member here.
#pragma once

#include <cstdint>
#include <string>

namespace havens {

enum class RatificationModel : std::uint8_t { hazard, threshold };
enum class ReservationPolicy : std::uint8_t { allowed, prohibited };
enum class Scope : std::uint8_t { serious_crime, narrow };
enum class DualCriminality : std::uint8_t { optional, mandatory };
enum class PersecutionGround : std::uint8_t { optional, mandatory, deleted };
enum class Presence : std::uint8_t { present, deleted };

struct WorldParams {
    std::string states = "data/states.csv";  // relative to the scenario file
    std::string blocs = "data/blocs.csv";
    std::int64_t exiles = 100'000;
    std::int64_t state_count = 193;     // rows the states file must have (0: any)
    double mlat_min_rule_of_law = 0.7;  // both ends at least this independent: an MLAT exists
    double alignment_vote_weight = 0.5; // share of alignment from the 2019 vote, rest from FH
};

struct TreatyParams {
    bool enabled = true;                 // false: the counterfactual world without the convention
    int threshold = 40;                  // instruments for entry into force (Art. 65)
    int entry_delay_months = 3;          // 90 days after the threshold-th instrument
    int later_entry_delay_months = 1;    // 30 days after a later deposit
    bool observed_deposits = true;       // apply documented deposits (Qatar, month 4)
    ReservationPolicy reservations = ReservationPolicy::allowed;
    // Expected number of reserving states if every state ratified, per
    // article: the reported votes for deleting it in August 2024.
    double reservers_6_2 = 23;
    double reservers_24 = 11;
    double reservers_40_22 = 25;
    bool protocol = true;                // whether a content-offence protocol is negotiated
    int protocol_threshold = 60;         // parties before a protocol can be adopted (Art. 62)
    int protocol_entry_threshold = 40;   // protocol ratifications for its entry into force
    int protocol_revote_months = 24;     // wait after a failed vote before the next
};

struct RatificationParams {
    RatificationModel model = RatificationModel::hazard;
    double base_hazard = 0.00108; // per month; calibrated against UNTOC (docs/ODD.md)
    double b_stance = 0.5;        // per step of the 2019 vote (no -1, abstain/absent 0, yes +1)
    double b_sign = 1.6;          // signatory of the convention
    double b_peer = 8.5;          // alignment-weighted share of graph neighbours that are parties
    double b_region = 1.0;        // share of the UN regional group that are parties
    double theta_max = 0.5;       // threshold variant: theta_i ~ U(0, theta_max)
    double theta_signatory_factor = 0.25;  // signatories' thresholds scaled by this
    double threshold_pace = 0.08; // monthly chance to deposit once the threshold is met
    // The protocol: vote propensities and ratification hazard among parties.
    double vote_intercept = -1.0;
    double vote_repression = 3.0;
    double vote_stance = 1.0;
    double vote_abstain = 0.15;
    double protocol_base_hazard = 0.02;
    double protocol_b_repression = 2.0;
};

struct SafeguardParams {
    Scope scope = Scope::serious_crime;
    double serious_crime_years = 4;  // Art. 2: maximum penalty of at least this many years
    DualCriminality dual_criminality = DualCriminality::optional;
    PersecutionGround persecution_ground = PersecutionGround::optional;
    Presence conditions_safeguards = Presence::present;
    Presence human_rights_clause = Presence::present;
};

struct Scenario {
    std::string name = "baseline";
    int months = 240;
    int replicates = 8;
    std::uint64_t seed = 1;
    WorldParams world;
    TreatyParams treaty;
    RatificationParams ratification;
    SafeguardParams safeguards;
};

}  // namespace havens
