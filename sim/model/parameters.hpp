// Every parameter of a scenario, as plain named structs with defaults and
// units. The scenario file, --set and the documentation all go through the
// table in scenario/parameter_table.cpp, which maps each key to a member here.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace havens {

// The scenario options: each enum beside its strings, in the same order (the
// pattern of core/vocabulary.hpp); the scenario file and the result file's
// attributes use the strings.
enum class RatificationModel : std::uint8_t { hazard, threshold };
inline constexpr std::array<std::string_view, 2> ratification_model_names{"hazard", "threshold"};
enum class ReservationPolicy : std::uint8_t { allowed, prohibited };
inline constexpr std::array<std::string_view, 2> reservation_policy_names{"allowed", "prohibited"};
enum class Scope : std::uint8_t { serious_crime, narrow };
inline constexpr std::array<std::string_view, 2> scope_names{"serious_crime", "narrow"};
enum class DualCriminality : std::uint8_t { optional, mandatory };
inline constexpr std::array<std::string_view, 2> dual_criminality_names{"optional", "mandatory"};
enum class PersecutionGround : std::uint8_t { optional, mandatory, deleted };
inline constexpr std::array<std::string_view, 3> persecution_ground_names{"optional", "mandatory",
                                                                          "deleted"};
enum class Presence : std::uint8_t { present, deleted };
inline constexpr std::array<std::string_view, 2> presence_names{"present", "deleted"};

// The strings of an option enum, found by its type.
constexpr std::span<const std::string_view> option_names(RatificationModel) {
    return ratification_model_names;
}
constexpr std::span<const std::string_view> option_names(ReservationPolicy) {
    return reservation_policy_names;
}
constexpr std::span<const std::string_view> option_names(Scope) { return scope_names; }
constexpr std::span<const std::string_view> option_names(DualCriminality) {
    return dual_criminality_names;
}
constexpr std::span<const std::string_view> option_names(PersecutionGround) {
    return persecution_ground_names;
}
constexpr std::span<const std::string_view> option_names(Presence) { return presence_names; }

struct WorldParams {
    // The folder of the data files a scenario does not name itself: empty
    // for data/ beside the scenario file when it holds the states file, else
    // the data havens ships (docs/SCENARIOS.md, "Data"). A file a scenario
    // names is relative to the scenario file.
    std::string data;
    std::string states = "states.csv";
    std::string blocs = "blocs.csv";
    std::string origin_incidents = "tnr_origin_weights.csv";
    std::string protection_treaties = "protection_treaties.csv";
    std::string legal_systems = "legal_systems.csv";
    std::string extradition_treaties = "extradition_treaties.csv";
    std::string bloc_instruments = "bloc_instruments.csv";
    std::string migrant_stock = "migrant_stock.csv";
    std::string refugees = "refugees.csv";
    std::string request_volumes = "request_volumes.csv";
    std::string treaty_events = "treaty_events.csv";
    std::string speech_reservations = "speech_reservations.csv";
    std::string mla_treaties = "mla_treaties.csv";
    std::string provider_disclosure = "provider_disclosure.csv";
    std::string platform_shares = "platform_shares.csv";
    std::string hostile_relations = "hostile_relations.csv";
    std::string interpol_measures = "interpol_measures.csv";
    std::string visa_access = "visa_access.csv";
    std::int64_t exiles = 100'000;
    std::int64_t state_count = 193;      // rows the states file must have (0: any)
    double peer_min_rule_of_law = 0.7;   // both ends at least this independent: peers in W
    double alignment_vote_weight = 0.5;  // share of alignment from the 2019 vote, rest from FH

    // Every data file with the scenario key it is read from: the one list
    // that resolving, comparing and testing worlds walk.
    template <typename Self>
    static auto files_of(Self& w) {
        using Path = std::conditional_t<std::is_const_v<Self>, const std::string*, std::string*>;
        return std::array<std::pair<Path, const char*>, 18>{{
            {&w.states, "world.states"},
            {&w.blocs, "world.blocs"},
            {&w.origin_incidents, "world.origin_incidents"},
            {&w.protection_treaties, "world.protection_treaties"},
            {&w.legal_systems, "world.legal_systems"},
            {&w.extradition_treaties, "world.extradition_treaties"},
            {&w.bloc_instruments, "world.bloc_instruments"},
            {&w.migrant_stock, "world.migrant_stock"},
            {&w.refugees, "world.refugees"},
            {&w.request_volumes, "world.request_volumes"},
            {&w.treaty_events, "world.treaty_events"},
            {&w.speech_reservations, "world.speech_reservations"},
            {&w.mla_treaties, "world.mla_treaties"},
            {&w.provider_disclosure, "world.provider_disclosure"},
            {&w.platform_shares, "world.platform_shares"},
            {&w.hostile_relations, "world.hostile_relations"},
            {&w.interpol_measures, "world.interpol_measures"},
            {&w.visa_access, "world.visa_access"},
        }};
    }
    auto files() { return files_of(*this); }
    auto files() const { return files_of(*this); }
};

struct TreatyParams {
    bool enabled = true;                 // false: the counterfactual world without the convention
    int threshold = 40;                  // instruments for entry into force (Art. 65)
    int entry_delay_months = 3;          // 90 days after the threshold-th instrument
    int later_entry_delay_months = 1;    // 30 days after a later deposit
    int signature_close_month = 14;      // 31 December 2026; accession only after
    int denunciation_delay_months = 12;  // a denunciation takes effect one year after notice
    bool observed_deposits = true;       // apply the documented record (data/treaty_events.csv)
    ReservationPolicy reservations = ReservationPolicy::allowed;
    // Expected number of reserving states if every state ratified, per
    // article: the reported votes for deleting it in August 2024.
    double reservers_6_2 = 23;
    double reservers_24 = 11;
    double reservers_40_22 = 25;
    // The Conference of the States Parties: first session 9-12 months after
    // entry into force (UNTOC, UNCAC), then every cosp_interval_months.
    int cosp_first_min_months = 9;
    int cosp_first_max_months = 12;
    int cosp_interval_months = 24;
    bool protocol = true;  // whether a content-offence protocol is negotiated
    // The negotiated draft exists from a month drawn uniformly on
    // [draft_month - spread, draft_month + spread]; spread 0: a fixed month.
    int protocol_draft_month = 33;
    int protocol_draft_spread_months = 12;
    int protocol_threshold = 60;        // parties before a protocol can be adopted (Art. 62)
    int protocol_entry_threshold = 40;  // protocol ratifications for its entry into force
};

struct RatificationParams {
    RatificationModel model = RatificationModel::hazard;
    // The decision to be bound: a monthly hazard (docs/ODD.md 7.2).
    double base_hazard = 0.00613;  // per month; posterior median (docs/CALIBRATION.md)
    double b_stance = 0.19;        // per step of the 2019 vote (no -1, abstain/absent 0, yes +1)
    double b_repression = 0.48;    // per unit of repression r
    double b_sign = 1.6;           // signatory of the convention
    double b_opposed = -6.69;      // voted no in 2019 and let signature close unsigned
    double b_peer = 4.34;          // alignment-weighted share of peers that are parties
    double b_region = 1.0;         // share of the UN regional group that are parties
    double theta_max = 0.5;        // threshold variant: theta_i ~ U(0, theta_max)
    double theta_signatory_factor = 0.25;  // signatories' thresholds scaled by this
    double threshold_pace = 0.08;          // monthly chance to decide once the threshold is met
    // The domestic procedure from the decision to the deposit:
    // max(lag_min, round(lag_median * exp(lag_sigma * Z))) months.
    int lag_min_months = 3;
    double lag_median_months = 13.3;  // posterior median (docs/CALIBRATION.md)
    double lag_sigma = 0.8;
    // The protocol: vote propensities and ratification hazard among parties.
    double vote_intercept = -1.0;
    double vote_repression = 3.0;
    double vote_stance = 1.0;
    double vote_speech = 1.5;  // log-odds against, for a state that reserved its speech
    double vote_abstain = 0.15;
    double protocol_base_hazard = 0.00144;  // posterior median (docs/CALIBRATION.md)
    double protocol_b_repression = 2.0;
    double protocol_b_stance = 0.5;
    double protocol_b_speech = 1.5;  // log-hazard against, for a state that reserved its speech
};

struct SafeguardParams {
    Scope scope = Scope::serious_crime;
    double serious_crime_years = 4;  // Art. 2: maximum penalty of at least this many years
    DualCriminality dual_criminality = DualCriminality::optional;
    PersecutionGround persecution_ground = PersecutionGround::optional;
    Presence conditions_safeguards = Presence::present;
    Presence human_rights_clause = Presence::present;
};

// Who the exiles are and where they live (docs/ODD.md, "Exiles").
struct ExileParams {
    double tnr_total_incidents = 1219;        // FH incidents 2014-2024, all origins
    double tnr_top10_share = 0.8;             // "ten origin states account for about 80%"
    double origin_repression_exponent = 4.0;  // unlisted origins: weight ~ r^this
    double host_same_region = 4.0;            // host weight multiplier: same UN regional group
    double host_shared_bloc = 4.0;            // host weight multiplier: a regional bloc in common
    double host_freedom = 2.0;                // host weight multiplier per unit of FH score / 100
    // Who is at risk where (docs/ODD.md, "Exiles"): an origin's refugees and
    // asylum-seekers in each host, plus this share of its wider diaspora
    // (migrant stock), the emigrants exposed without having sought protection.
    double at_risk_diaspora_share = 0.0482;  // posterior median (docs/CALIBRATION.md)
    // Where an exile's data lives (docs/ODD.md, "Exiles"): the origin's own
    // platforms hold this fraction of their share of the origin's usage
    // (data/platform_shares.csv), Telegram its share, global platforms the rest.
    double national_platform_use = 0.5;
    double share_journalist = 0.15;
    double share_defender = 0.15;
    double share_activist = 0.30;
    double share_researcher = 0.05;  // the rest: diaspora
    int contacts = 4;                // contacts per exile (even: a ring lattice k/2 each side)
    double contact_rewiring = 0.1;   // Watts-Strogatz rewiring probability
};

// How requests are issued (docs/ODD.md, "Requests"): a stream against the
// exiles from the origins of transnational repression, and a stream of
// legitimate requests from every state.
struct RequestParams {
    double rate = 0.000189;            // lambda0: requests per exile per month at r = 1; fitted
    double repression_exponent = 2.0;  // gamma in lambda0 * r^gamma
    double priority_share = 0.5;       // chance a request targets an exposed contact, if any
    // Kinds: preservation, subscriber data, stored content, real-time, interception,
    // extradition (weights, normalised).
    double kind_preservation = 0.15;
    double kind_subscriber_data = 0.30;
    double kind_stored_content = 0.20;
    double kind_real_time_traffic = 0.10;
    double kind_interception = 0.05;
    double kind_extradition = 0.20;
    double pretext_exponent = 1.0;  // P(pretextual) = r^exponent * category factor
    double pretext_diaspora = 0.5;  // category factor for diaspora (others 1, researchers 0.8)
    // Campaigns (docs/ODD.md, "Requests"): an origin sends at most this many
    // requests a month against one exile (0: no cap); a further one is not sent.
    int per_target_month = 1;
    // Statutory maximum of a speech offence in the requesting state's law, by
    // its Freedom House status; the other offences' maxima are fixed (ODD).
    double speech_max_years_free = 3;
    double speech_max_years_partly_free = 5;
    double speech_max_years_not_free = 5;
    // Legitimate requests per month, all states together, apportioned by the
    // volumes each sends to Google and Microsoft (a sample: ODD "Requests").
    double legitimate_rate = 250;
};

// How requested states decide (docs/ODD.md, "Decision").
struct DecisionParams {
    double detection = 0.8;                // persecution ground: detection of a pretext at j = 1
    double false_suspicion = 0.1;          // ... suspicion of a legitimate request, times r_o * j
    double review_strength = 0.7;          // Art. 24 review: refusal of a pretext at j = 1
    double review_disproportion = 0.05;    // ... refusal of a legitimate request at j = 1
    double human_rights_weight = 0.15;     // Art. 6(2): refusal of a pretext at j = 1
    double grant_intercept = 1.81;         // discretion: log-odds of granting; fitted
    double grant_alignment = 3.0;          // ... per unit of alignment(o, k)
    double grant_rule_of_law = 5.0;        // ... minus this per unit of j_k
    double interception_discretion = 0.5;  // Art. 46: extra chance k declines interception
    // The requested state's own law, on every channel (ODD "Decision"):
    double political_exception = 1.0;  // refusal of a political offence at j = 1
    double persecution_bar = 0.8;      // refusal of a pretextual extradition at j = 1
    double mla_national_law = 0.5;     // the same grounds in mutual-assistance law, relative
    // Non-refoulement at j = 1: refusal of an extradition by each instrument
    // the requested state is party to (the torture and ECHR bars scale with r_o).
    double nonrefoulement_refugee = 0.5;   // Refugee Convention Art. 33 (pretexts)
    double nonrefoulement_torture = 0.5;   // CAT Art. 3
    double nonrefoulement_echr = 0.9;      // ECHR Art. 3 (Soering)
    double persecution_bar_cets024 = 0.8;  // CETS 024 Art. 3(2), both parties (pretexts)
    double interpol_article3 = 0.25;       // INTERPOL: refusal of political offences (Art. 3)
    double interpol_terrorism = 0.353;     // ... of a pretextual terrorism charge (Art. 3); fitted
    double interpol_heightened = 0.5;      // ... of any pretext of a state under heightened review
    double interpol_movement = 0.9;        // ... of a terrorism charge tied to a refused movement
    double interpol_refugee = 1.0;         // ... of a refugee's origin, where the host confirms (j)
    int pending_extradition_months = 6;    // provisional arrest to the extradition decision
    double safe_haven_epsilon = 0.05;      // a haven grants a typical pretext with at most this
    int delay_uncc = 1;                    // months from sending to effect, per channel
    int delay_mlat = 6;
    int delay_budapest = 2;
    int delay_regional = 2;
    int delay_interpol = 3;  // extradition: Red Notice to provisional arrest
    int delay_review = 1;    // added by an Art. 24 review
    // Assistance without a treaty, under the requested state's own law
    // (letters rogatory, comity): discretion is this much less likely to
    // grant (log-odds), and it is slow.
    double comity_penalty = 1.0;
    int delay_comity = 12;
    int delay_domestic = 0;  // the origin's order to its own provider
    int delay_provider = 1;  // a direct request to a provider abroad
    // A global platform's direct disclosure to a requesting state of Freedom
    // House score F: the beta-binomial fit to Apple's account requests
    // (docs/ODD.md 8): prior mean logistic(intercept + freedom * F / 100),
    // concentration kappa; a state with requests on record gets its posterior mean.
    double provider_intercept = -2.064;
    double provider_freedom = 2.232;
    double provider_concentration = 4.09;
    // Removal outside the law: on an extradition request, the host hands the
    // exile over with probability removal_scale * alignment * (1 - j_host).
    double removal_scale = 0.154;  // posterior median (docs/CALIBRATION.md)
};

// Spread of persecution and the exiles' response.
struct ContagionParams {
    double expose_contact = 0.3;  // a content grant exposes each contact with this chance
    bool relocation = true;       // exiles whose host grants against them may move
    double relocation_probability = 0.3;
    // A haven's weight in the choice of where to move: the origin's at-risk
    // diaspora there, times this where entry needs a visa obtained in advance.
    double relocation_visa_factor = 0.3;
};

struct OutputParams {
    bool request_log = false;  // the per-request event log (events/requests)
    bool flows = true;         // the origin x host arrays (flows/): large in big sweeps
};

// Interventions on named states (docs/SCENARIOS.md, "Per-state
// interventions"): each names a state by its ISO 3166 alpha-3 code or a
// regional bloc by its name in the blocs file (every member), and overrides
// what the model would otherwise draw for it. Months count from month 0.
struct InterventionParams {
    std::string never_ratify;                  // states and blocs, separated by spaces
    std::string never_join_protocol;           // states and blocs, separated by spaces
    std::map<std::string, int> ratify;         // target -> month of its deposit
    std::map<std::string, int> sign;           // target -> month of its signature
    std::map<std::string, int> denounce;       // target -> month of its notification
    std::map<std::string, int> join_protocol;  // target -> month it may deposit to the protocol
    // target -> articles ("6(2) 24 40(22)") it reserves, or makes no
    // reservation to, at its deposit, in place of the drawn reservations.
    std::map<std::string, std::string> reserve;
    std::map<std::string, std::string> withdraw;
    // target -> log-odds added to its discretion to grant a request
    std::map<std::string, double> discretion;
    // target -> whether it extradites (and arrests on a Red Notice) without
    // a treaty, in place of its legal system's rule
    std::map<std::string, bool> extradites_without_treaty;

    // Every per-state map with its action's name (interventions.ACTION.STATE):
    // the one list that checking, listing and documenting them walk.
    template <typename Self, typename Visit>
    static void each_per_state(Self& p, Visit&& visit) {
        visit("ratify", p.ratify);
        visit("sign", p.sign);
        visit("denounce", p.denounce);
        visit("join_protocol", p.join_protocol);
        visit("reserve", p.reserve);
        visit("withdraw", p.withdraw);
        visit("discretion", p.discretion);
        visit("extradites_without_treaty", p.extradites_without_treaty);
    }

    bool empty() const {
        bool none = never_ratify.empty() && never_join_protocol.empty();
        each_per_state(*this, [&](const char*, const auto& map) { none = none && map.empty(); });
        return none;
    }
};

// How many replicates a scenario gets: a fixed number, or "auto": rounds
// of replicates until the 95% interval of each named outcome is narrow enough.
struct ReplicationParams {
    bool automatic = false;                                  // replicates = "auto"
    int initial = 4;                                         // replicates before the first check
    int round = 4;                                           // replicates added per round
    int max = 64;                                            // the cap
    std::vector<std::pair<std::string, double>> half_width;  // outcome -> target half-width
};

// The fitted keys' defaults (ratification.*, requests.rate,
// decision.grant_intercept, removal_scale, interpol_terrorism,
// exiles.at_risk_diaspora_share) are the shipped posterior's medians to three
// significant digits, for point runs; the shipped scenarios run over the
// posterior itself (docs/CALIBRATION.md).
struct Scenario {
    std::string name = "baseline";
    std::string title;  // a human name for reports; empty: the name, humanised
    // A posterior its replicates draw their parameters from (a path, resolved
    // against the scenario's folder as it loads); empty: a point run.
    std::string posterior;
    int months = 240;
    int replicates = 8;
    std::uint64_t seed = 1;
    WorldParams world;
    TreatyParams treaty;
    RatificationParams ratification;
    SafeguardParams safeguards;
    ExileParams exiles;
    RequestParams requests;
    DecisionParams decision;
    ContagionParams contagion;
    OutputParams output;
    ReplicationParams replication;
    InterventionParams interventions;
};

}  // namespace havens
