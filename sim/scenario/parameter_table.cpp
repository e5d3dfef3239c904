#include "scenario/parameter_table.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iomanip>
#include <map>
#include <mutex>
#include <optional>
#include <sstream>

namespace havens {

namespace {

template <typename Member>
ParameterSpec integer_param(std::string key, Member member, double min, double max,
                            std::string unit, std::string meaning) {
    ParameterSpec spec{std::move(key),  ParameterKind::integer, min, max, {},
                       std::move(unit), std::move(meaning),     {},  {}};
    spec.get = [member](const Scenario& s) {
        return ParameterValue(static_cast<std::int64_t>(member(const_cast<Scenario&>(s))));
    };
    spec.set = [member](Scenario& s, const ParameterValue& v) {
        using T = std::remove_reference_t<decltype(member(s))>;
        member(s) = static_cast<T>(std::get<std::int64_t>(v));
    };
    return spec;
}

template <typename Member>
ParameterSpec real_param(std::string key, Member member, double min, double max, std::string unit,
                         std::string meaning) {
    ParameterSpec spec{std::move(key),  ParameterKind::real, min, max, {},
                       std::move(unit), std::move(meaning),  {},  {}};
    spec.get = [member](const Scenario& s) {
        return ParameterValue(member(const_cast<Scenario&>(s)));
    };
    spec.set = [member](Scenario& s, const ParameterValue& v) {
        member(s) = std::holds_alternative<double>(v)
                        ? std::get<double>(v)
                        : static_cast<double>(std::get<std::int64_t>(v));
    };
    return spec;
}

template <typename Member>
ParameterSpec bool_param(std::string key, Member member, std::string meaning) {
    ParameterSpec spec{std::move(key), ParameterKind::boolean, 0,  1, {},
                       "true/false",   std::move(meaning),     {}, {}};
    spec.get = [member](const Scenario& s) {
        return ParameterValue(member(const_cast<Scenario&>(s)));
    };
    spec.set = [member](Scenario& s, const ParameterValue& v) { member(s) = std::get<bool>(v); };
    return spec;
}

// A string option; its `min` is the shortest length allowed (1 unless it may
// be left empty).
template <typename Member>
ParameterSpec text_param(std::string key, Member member, std::string meaning,
                         bool may_be_empty = false) {
    ParameterSpec spec{std::move(key),
                       ParameterKind::text,
                       may_be_empty ? 0.0 : 1.0,
                       0,
                       {},
                       "text",
                       std::move(meaning),
                       {},
                       {}};
    spec.get = [member](const Scenario& s) {
        return ParameterValue(member(const_cast<Scenario&>(s)));
    };
    spec.set = [member](Scenario& s, const ParameterValue& v) {
        member(s) = std::get<std::string>(v);
    };
    return spec;
}

// An enum option: its choices are the strings beside the enum
// (model/parameters.hpp), in the enum's order.
template <typename Member>
ParameterSpec choice_param(std::string key, Member member, std::string meaning) {
    using Option = std::remove_cvref_t<decltype(member(std::declval<Scenario&>()))>;
    const auto names = option_names(Option{});
    const std::vector<std::string> choices(names.begin(), names.end());
    ParameterSpec spec{std::move(key), ParameterKind::choice, 0,  0, choices,
                       "option",       std::move(meaning),    {}, {}};
    spec.get = [member, choices](const Scenario& s) {
        return ParameterValue(choices[static_cast<std::size_t>(member(const_cast<Scenario&>(s)))]);
    };
    spec.set = [member, choices](Scenario& s, const ParameterValue& v) {
        const auto& text = std::get<std::string>(v);
        for (std::size_t i = 0; i < choices.size(); ++i) {
            if (choices[i] == text) member(s) = static_cast<Option>(i);
        }
    };
    return spec;
}

// `path` is a member path (world.exiles): it cannot take parentheses.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define HAVENS_FIELD(path) \
    [](Scenario & s) -> auto& { return s.path; }
// NOLINTEND(bugprone-macro-parentheses)

std::vector<ParameterSpec> make_table() {
    constexpr double big = 1e9;
    return {
        text_param("name", HAVENS_FIELD(name),
                   "the scenario's HDF5 group name; default: the file's stem"),
        text_param("title", HAVENS_FIELD(title),
                   "a human name for reports; empty: the name, humanised", true),
        text_param("posterior", HAVENS_FIELD(posterior),
                   "a posterior (CSV or calibration result file) each replicate draws its "
                   "parameters from, relative to the scenario file; \"shipped\": the one in "
                   "the data havens ships; empty: a point run at the keys' values",
                   true),
        integer_param("months", HAVENS_FIELD(months), 1, 1200, "months",
                      "horizon; month 0 is October 2025"),
        integer_param("replicates", HAVENS_FIELD(replicates), 1, 100000, "runs",
                      "independent replicates (random streams keyed by replicate)"),
        integer_param("seed", HAVENS_FIELD(seed), 0, 9007199254740991.0, "",
                      "the key of every random stream"),

        text_param("world.data", HAVENS_FIELD(world.data),
                   "the folder of the data files not named below, relative to the scenario "
                   "file; empty: data/ beside the scenario file if it holds states.csv, else "
                   "the data havens ships",
                   true),
        text_param("world.states", HAVENS_FIELD(world.states), "states table (CSV)"),
        text_param("world.blocs", HAVENS_FIELD(world.blocs), "regional blocs (CSV: bloc, iso3)"),
        text_param("world.origin_incidents", HAVENS_FIELD(world.origin_incidents),
                   "transnational-repression incidents per origin (CSV)"),
        text_param("world.protection_treaties", HAVENS_FIELD(world.protection_treaties),
                   "parties to the refugee, torture, ECHR and extradition conventions (CSV)"),
        text_param("world.legal_systems", HAVENS_FIELD(world.legal_systems),
                   "which states extradite only under a treaty (CSV: iso3, treaty_required)"),
        text_param("world.extradition_treaties", HAVENS_FIELD(world.extradition_treaties),
                   "state pairs bound by an extradition treaty (CSV: a, b); partial"),
        text_param("world.bloc_instruments", HAVENS_FIELD(world.bloc_instruments),
                   "what each regional bloc's instruments cover (CSV: bloc, mla, extradition)"),
        text_param("world.migrant_stock", HAVENS_FIELD(world.migrant_stock),
                   "UN DESA migrant stock by origin and destination (CSV)"),
        text_param("world.refugees", HAVENS_FIELD(world.refugees),
                   "UNHCR refugees and asylum-seekers by origin and asylum state (CSV)"),
        text_param("world.request_volumes", HAVENS_FIELD(world.request_volumes),
                   "requests for user data sent per state (CSV)"),
        text_param(
            "world.treaty_events", HAVENS_FIELD(world.treaty_events),
            "the convention's documented record: dated signatures, deposits, denunciations (CSV)"),
        text_param("world.speech_reservations", HAVENS_FIELD(world.speech_reservations),
                   "reservations to treaty duties to criminalise speech (CSV)"),
        text_param("world.mla_treaties", HAVENS_FIELD(world.mla_treaties),
                   "state pairs bound by a mutual legal assistance treaty (CSV: a, b); partial"),
        text_param("world.provider_disclosure", HAVENS_FIELD(world.provider_disclosure),
                   "a US provider's direct disclosures by requesting state (CSV)"),
        text_param("world.platform_shares", HAVENS_FIELD(world.platform_shares),
                   "usage shares of national platforms and Telegram by origin (CSV)"),
        text_param(
            "world.hostile_relations", HAVENS_FIELD(world.hostile_relations),
            "dated state pairs at war, without relations or with cooperation suspended (CSV)"),
        text_param("world.interpol_measures", HAVENS_FIELD(world.interpol_measures),
                   "dated INTERPOL measures against a member's notices (CSV)"),
        text_param("world.visa_access", HAVENS_FIELD(world.visa_access),
                   "passport -> destination pairs entered without a prior visa (CSV)"),
        integer_param("world.state_count", HAVENS_FIELD(world.state_count), 0, 65535, "states",
                      "rows the states table must have; 0 accepts any"),
        integer_param("world.exiles", HAVENS_FIELD(world.exiles), 0, 100'000'000, "exiles",
                      "exiles in the world (at most 4e9 / exiles.contacts)"),
        real_param("world.peer_min_rule_of_law", HAVENS_FIELD(world.peer_min_rule_of_law), 0, 1,
                   "j", "two states whose rule_of_law are both at least this are peers in W"),
        real_param("world.alignment_vote_weight", HAVENS_FIELD(world.alignment_vote_weight), 0, 1,
                   "share", "weight of the 2019 vote in alignment (the rest: FH score)"),

        bool_param("treaty.enabled", HAVENS_FIELD(treaty.enabled),
                   "false: the counterfactual world without the convention"),
        integer_param("treaty.threshold", HAVENS_FIELD(treaty.threshold), 1, 65535, "instruments",
                      "deposits for entry into force (Art. 65)"),
        integer_param("treaty.entry_delay_months", HAVENS_FIELD(treaty.entry_delay_months), 0, 120,
                      "months", "entry into force after the threshold-th instrument"),
        integer_param("treaty.later_entry_delay_months",
                      HAVENS_FIELD(treaty.later_entry_delay_months), 0, 120, "months",
                      "entry into force for a later party after its deposit"),
        integer_param("treaty.signature_close_month", HAVENS_FIELD(treaty.signature_close_month), 0,
                      1200, "month",
                      "last month for signature (31 December 2026); accession after"),
        integer_param("treaty.denunciation_delay_months",
                      HAVENS_FIELD(treaty.denunciation_delay_months), 0, 120, "months",
                      "a denunciation takes effect this long after its notification"),
        bool_param("treaty.observed_deposits", HAVENS_FIELD(treaty.observed_deposits),
                   "apply the documented record (world.treaty_events) as observed events"),
        choice_param("treaty.reservations", HAVENS_FIELD(treaty.reservations),
                     "whether states may reserve Articles 6(2), 24 and 40(22)"),
        real_param("treaty.reservers_6_2", HAVENS_FIELD(treaty.reservers_6_2), 0, 65535, "states",
                   "expected states reserving 6(2) if all ratified (2024 votes: 23)"),
        real_param("treaty.reservers_24", HAVENS_FIELD(treaty.reservers_24), 0, 65535, "states",
                   "expected states reserving 24 if all ratified (2024 votes: 11)"),
        real_param("treaty.reservers_40_22", HAVENS_FIELD(treaty.reservers_40_22), 0, 65535,
                   "states", "expected states reserving 40(22) if all ratified (2024 votes: 25)"),
        bool_param("treaty.protocol", HAVENS_FIELD(treaty.protocol),
                   "whether a content-offence protocol is put to the vote"),
        integer_param("treaty.cosp_first_min_months", HAVENS_FIELD(treaty.cosp_first_min_months), 0,
                      1200, "months", "earliest first Conference session after entry into force"),
        integer_param("treaty.cosp_first_max_months", HAVENS_FIELD(treaty.cosp_first_max_months), 0,
                      1200, "months", "latest first Conference session after entry into force"),
        integer_param("treaty.cosp_interval_months", HAVENS_FIELD(treaty.cosp_interval_months), 1,
                      1200, "months", "months between Conference sessions"),
        integer_param("treaty.protocol_draft_month", HAVENS_FIELD(treaty.protocol_draft_month), 0,
                      1200, "month", "central month by which a negotiated protocol draft exists"),
        integer_param("treaty.protocol_draft_spread_months",
                      HAVENS_FIELD(treaty.protocol_draft_spread_months), 0, 1200, "months",
                      "the draft month is uniform within this many months of the central month"),
        integer_param("treaty.protocol_threshold", HAVENS_FIELD(treaty.protocol_threshold), 1,
                      65535, "parties", "parties before a protocol can be adopted (Art. 62)"),
        integer_param("treaty.protocol_entry_threshold",
                      HAVENS_FIELD(treaty.protocol_entry_threshold), 1, 65535, "instruments",
                      "protocol ratifications for its entry into force"),

        choice_param("ratification.model", HAVENS_FIELD(ratification.model),
                     "hazard model or Granovetter threshold variant"),
        real_param("ratification.base_hazard", HAVENS_FIELD(ratification.base_hazard), 0, 10,
                   "per month", "baseline hazard of the decision to be bound (fitted)"),
        real_param("ratification.b_stance", HAVENS_FIELD(ratification.b_stance), -big, big,
                   "log-hazard", "per step of the 2019 vote (no -1, yes +1)"),
        real_param("ratification.b_repression", HAVENS_FIELD(ratification.b_repression), -big, big,
                   "log-hazard", "per unit of repression r"),
        real_param("ratification.b_opposed", HAVENS_FIELD(ratification.b_opposed), -big, big,
                   "log-hazard", "voted no in 2019 and did not sign before signature closed"),
        real_param("ratification.b_sign", HAVENS_FIELD(ratification.b_sign), -big, big,
                   "log-hazard", "signatory of the convention"),
        real_param("ratification.b_peer", HAVENS_FIELD(ratification.b_peer), -big, big,
                   "log-hazard", "per unit of alignment-weighted peer share (W x)"),
        real_param("ratification.b_region", HAVENS_FIELD(ratification.b_region), -big, big,
                   "log-hazard", "per unit of regional-group party share"),
        real_param("ratification.theta_max", HAVENS_FIELD(ratification.theta_max), 0, 1, "share",
                   "threshold variant: thresholds drawn on [0, theta_max]"),
        real_param("ratification.theta_signatory_factor",
                   HAVENS_FIELD(ratification.theta_signatory_factor), 0, 1, "factor",
                   "threshold variant: signatories' thresholds scaled by this"),
        real_param("ratification.threshold_pace", HAVENS_FIELD(ratification.threshold_pace), 0, 1,
                   "per month", "threshold variant: chance to decide once the threshold is met"),
        integer_param("ratification.lag_min_months", HAVENS_FIELD(ratification.lag_min_months), 0,
                      1200, "months", "shortest domestic procedure from decision to deposit"),
        real_param("ratification.lag_median_months", HAVENS_FIELD(ratification.lag_median_months),
                   0, 1200, "months", "median domestic procedure from decision to deposit"),
        real_param("ratification.lag_sigma", HAVENS_FIELD(ratification.lag_sigma), 0, 10,
                   "log-months", "spread of the domestic procedure (log-normal)"),
        real_param("ratification.vote_intercept", HAVENS_FIELD(ratification.vote_intercept), -big,
                   big, "log-odds", "protocol vote: intercept of a yes"),
        real_param("ratification.vote_repression", HAVENS_FIELD(ratification.vote_repression), -big,
                   big, "log-odds", "protocol vote: per unit of repression"),
        real_param("ratification.vote_stance", HAVENS_FIELD(ratification.vote_stance), -big, big,
                   "log-odds", "protocol vote: per step of the 2019 vote"),
        real_param("ratification.vote_speech", HAVENS_FIELD(ratification.vote_speech), -big, big,
                   "log-odds", "protocol vote: against, for a state that reserved its speech"),
        real_param("ratification.vote_abstain", HAVENS_FIELD(ratification.vote_abstain), 0, 1,
                   "probability", "protocol vote: chance a party abstains"),
        real_param("ratification.protocol_base_hazard",
                   HAVENS_FIELD(ratification.protocol_base_hazard), 0, 10, "per month",
                   "protocol ratification: baseline hazard among parties"),
        real_param("ratification.protocol_b_repression",
                   HAVENS_FIELD(ratification.protocol_b_repression), -big, big, "log-hazard",
                   "protocol ratification: per unit of repression"),
        real_param("ratification.protocol_b_stance", HAVENS_FIELD(ratification.protocol_b_stance),
                   -big, big, "log-hazard", "protocol ratification: per step of the 2019 vote"),
        real_param("ratification.protocol_b_speech", HAVENS_FIELD(ratification.protocol_b_speech),
                   -big, big, "log-hazard",
                   "protocol ratification: against, for a state that reserved its speech"),

        choice_param("safeguards.scope", HAVENS_FIELD(safeguards.scope),
                     "serious_crime (as adopted) or narrow (Convention offences only)"),
        real_param("safeguards.serious_crime_years", HAVENS_FIELD(safeguards.serious_crime_years),
                   0, 100, "years", "maximum penalty that makes an offence serious (Art. 2)"),
        choice_param("safeguards.dual_criminality", HAVENS_FIELD(safeguards.dual_criminality),
                     "dual criminality requirement"),
        choice_param("safeguards.persecution_ground", HAVENS_FIELD(safeguards.persecution_ground),
                     "refusal ground for persecution (Art. 40(22))"),
        choice_param("safeguards.conditions_safeguards",
                     HAVENS_FIELD(safeguards.conditions_safeguards),
                     "conditions and safeguards (Art. 24)"),
        choice_param("safeguards.human_rights_clause", HAVENS_FIELD(safeguards.human_rights_clause),
                     "human-rights clause (Art. 6(2))"),
        real_param("exiles.tnr_total_incidents", HAVENS_FIELD(exiles.tnr_total_incidents), 0, 1e9,
                   "incidents", "FH incidents 2014-2024 over all origins"),
        real_param("exiles.tnr_top10_share", HAVENS_FIELD(exiles.tnr_top10_share), 0, 1, "share",
                   "share of incidents by the ten leading origins"),
        real_param("exiles.origin_repression_exponent",
                   HAVENS_FIELD(exiles.origin_repression_exponent), 0, 20, "exponent",
                   "unlisted origins: weight proportional to repression^this"),
        real_param("exiles.host_same_region", HAVENS_FIELD(exiles.host_same_region), 0, 1e6,
                   "factor", "host weight: same UN regional group as the origin"),
        real_param("exiles.host_shared_bloc", HAVENS_FIELD(exiles.host_shared_bloc), 0, 1e6,
                   "factor", "host weight: a regional bloc in common with the origin"),
        real_param("exiles.host_freedom", HAVENS_FIELD(exiles.host_freedom), 0, 1e6, "factor",
                   "host weight: 1 + this * FH score / 100"),
        real_param("exiles.at_risk_diaspora_share", HAVENS_FIELD(exiles.at_risk_diaspora_share), 0,
                   1, "share", "at-risk hosts: refugees plus this share of the migrant stock"),
        real_param("exiles.national_platform_use", HAVENS_FIELD(exiles.national_platform_use), 0, 1,
                   "share", "share of the origin's national-platform usage exiles keep"),
        real_param("exiles.share_journalist", HAVENS_FIELD(exiles.share_journalist), 0, 1, "share",
                   "journalists among exiles"),
        real_param("exiles.share_defender", HAVENS_FIELD(exiles.share_defender), 0, 1, "share",
                   "human-rights defenders among exiles"),
        real_param("exiles.share_activist", HAVENS_FIELD(exiles.share_activist), 0, 1, "share",
                   "activists among exiles"),
        real_param("exiles.share_researcher", HAVENS_FIELD(exiles.share_researcher), 0, 1, "share",
                   "security researchers among exiles; the rest: diaspora"),
        integer_param("exiles.contacts", HAVENS_FIELD(exiles.contacts), 0, 64, "contacts",
                      "contacts per exile (ring lattice, k/2 each side)"),
        real_param("exiles.contact_rewiring", HAVENS_FIELD(exiles.contact_rewiring), 0, 1,
                   "probability", "Watts-Strogatz rewiring of a contact"),

        real_param("requests.rate", HAVENS_FIELD(requests.rate), 0, 100, "per exile-month",
                   "lambda0: requests per active exile per month at repression 1"),
        real_param("requests.repression_exponent", HAVENS_FIELD(requests.repression_exponent), 0,
                   20, "exponent", "gamma in lambda0 * r^gamma"),
        real_param("requests.priority_share", HAVENS_FIELD(requests.priority_share), 0, 1,
                   "probability", "a request targets an exposed contact (when there is one)"),
        real_param("requests.kind_preservation", HAVENS_FIELD(requests.kind_preservation), 0, 1e6,
                   "weight", "kind mix: preservation"),
        real_param("requests.kind_subscriber_data", HAVENS_FIELD(requests.kind_subscriber_data), 0,
                   1e6, "weight", "kind mix: subscriber data"),
        real_param("requests.kind_stored_content", HAVENS_FIELD(requests.kind_stored_content), 0,
                   1e6, "weight", "kind mix: stored content"),
        real_param("requests.kind_real_time_traffic", HAVENS_FIELD(requests.kind_real_time_traffic),
                   0, 1e6, "weight", "kind mix: real-time traffic data"),
        real_param("requests.kind_interception", HAVENS_FIELD(requests.kind_interception), 0, 1e6,
                   "weight", "kind mix: interception of content"),
        real_param("requests.kind_extradition", HAVENS_FIELD(requests.kind_extradition), 0, 1e6,
                   "weight", "kind mix: extradition"),
        real_param("requests.pretext_exponent", HAVENS_FIELD(requests.pretext_exponent), 0, 20,
                   "exponent", "P(pretextual) = r^this * category factor"),
        real_param("requests.pretext_diaspora", HAVENS_FIELD(requests.pretext_diaspora), 0, 1,
                   "factor", "category factor of diaspora targets"),
        integer_param("requests.per_target_month", HAVENS_FIELD(requests.per_target_month), 0, 1000,
                      "requests", "most requests an origin sends one exile a month (0: any)"),
        real_param("requests.speech_max_years_free", HAVENS_FIELD(requests.speech_max_years_free),
                   0, 100, "years", "statutory maximum of a speech offence, Free origins"),
        real_param("requests.speech_max_years_partly_free",
                   HAVENS_FIELD(requests.speech_max_years_partly_free), 0, 100, "years",
                   "statutory maximum of a speech offence, Partly Free origins"),
        real_param("requests.speech_max_years_not_free",
                   HAVENS_FIELD(requests.speech_max_years_not_free), 0, 100, "years",
                   "statutory maximum of a speech offence, Not Free origins"),
        real_param("requests.legitimate_rate", HAVENS_FIELD(requests.legitimate_rate), 0, 1e7,
                   "per month", "legitimate requests, all states, apportioned by request volumes"),

        real_param("decision.detection", HAVENS_FIELD(decision.detection), 0, 1, "probability",
                   "persecution ground: detection of a pretext at j = 1"),
        real_param("decision.false_suspicion", HAVENS_FIELD(decision.false_suspicion), 0, 1,
                   "probability",
                   "persecution ground: suspicion of a legitimate request, * r_o * j"),
        real_param("decision.review_strength", HAVENS_FIELD(decision.review_strength), 0, 1,
                   "probability", "Art. 24 review: refusal of a pretext at j = 1"),
        real_param("decision.review_disproportion", HAVENS_FIELD(decision.review_disproportion), 0,
                   1, "probability", "Art. 24 review: refusal of a legitimate request at j = 1"),
        real_param("decision.human_rights_weight", HAVENS_FIELD(decision.human_rights_weight), 0, 1,
                   "probability", "Art. 6(2): refusal of a pretext at j = 1"),
        real_param("decision.grant_intercept", HAVENS_FIELD(decision.grant_intercept), -100, 100,
                   "log-odds", "discretion: intercept of a grant"),
        real_param("decision.grant_alignment", HAVENS_FIELD(decision.grant_alignment), -100, 100,
                   "log-odds", "discretion: per unit of alignment(o, k)"),
        real_param("decision.grant_rule_of_law", HAVENS_FIELD(decision.grant_rule_of_law), -100,
                   100, "log-odds", "discretion: minus this per unit of j_k"),
        real_param("decision.interception_discretion",
                   HAVENS_FIELD(decision.interception_discretion), 0, 1, "probability",
                   "Art. 46: extra chance the requested state declines interception"),
        real_param("decision.political_exception", HAVENS_FIELD(decision.political_exception), 0, 1,
                   "probability", "national law: refusal of a political offence at j = 1"),
        real_param("decision.persecution_bar", HAVENS_FIELD(decision.persecution_bar), 0, 1,
                   "probability", "national law: refusal of a pretextual extradition at j = 1"),
        real_param("decision.mla_national_law", HAVENS_FIELD(decision.mla_national_law), 0, 1,
                   "factor", "national-law grounds for evidence requests, relative to extradition"),
        real_param("decision.nonrefoulement_refugee", HAVENS_FIELD(decision.nonrefoulement_refugee),
                   0, 1, "probability",
                   "Refugee Convention Art. 33: refusal of a pretextual extradition at j = 1"),
        real_param("decision.nonrefoulement_torture", HAVENS_FIELD(decision.nonrefoulement_torture),
                   0, 1, "probability", "CAT Art. 3: refusal of an extradition at j = 1, * r_o"),
        real_param("decision.nonrefoulement_echr", HAVENS_FIELD(decision.nonrefoulement_echr), 0, 1,
                   "probability", "ECHR Art. 3: refusal of an extradition at j = 1, * r_o"),
        real_param("decision.persecution_bar_cets024",
                   HAVENS_FIELD(decision.persecution_bar_cets024), 0, 1, "probability",
                   "CETS 024 Art. 3(2) between parties: refusal of a pretext at j = 1"),
        real_param("decision.interpol_article3", HAVENS_FIELD(decision.interpol_article3), 0, 1,
                   "probability", "INTERPOL Art. 3: refusal of a political offence"),
        real_param("decision.interpol_terrorism", HAVENS_FIELD(decision.interpol_terrorism), 0, 1,
                   "probability",
                   "INTERPOL Art. 3 review: refusal of a pretextual terrorism charge"),
        real_param("decision.interpol_heightened", HAVENS_FIELD(decision.interpol_heightened), 0, 1,
                   "probability", "INTERPOL heightened review: refusal of any pretext"),
        real_param("decision.interpol_movement", HAVENS_FIELD(decision.interpol_movement), 0, 1,
                   "probability",
                   "INTERPOL: refusal of a terrorism charge tied to a refused movement"),
        real_param("decision.interpol_refugee", HAVENS_FIELD(decision.interpol_refugee), 0, 1,
                   "probability",
                   "INTERPOL refugee policy: refusal of a notice against a "
                   "refugee from their origin, at j = 1"),
        real_param("decision.safe_haven_epsilon", HAVENS_FIELD(decision.safe_haven_epsilon), 0, 1,
                   "probability", "a safe haven grants a typical pretext with at most this"),
        integer_param("decision.delay_uncc", HAVENS_FIELD(decision.delay_uncc), 0, 60, "months",
                      "sending to effect: the convention's channel"),
        integer_param("decision.delay_mlat", HAVENS_FIELD(decision.delay_mlat), 0, 60, "months",
                      "sending to effect: bilateral treaties"),
        integer_param("decision.delay_budapest", HAVENS_FIELD(decision.delay_budapest), 0, 60,
                      "months", "sending to effect: the Budapest Convention"),
        integer_param("decision.delay_regional", HAVENS_FIELD(decision.delay_regional), 0, 60,
                      "months", "sending to effect: regional instruments"),
        integer_param("decision.delay_interpol", HAVENS_FIELD(decision.delay_interpol), 0, 60,
                      "months", "extradition: Red Notice to provisional arrest"),
        integer_param("decision.pending_extradition_months",
                      HAVENS_FIELD(decision.pending_extradition_months), 0, 120, "months",
                      "extradition: provisional arrest to the decision"),
        integer_param("decision.delay_review", HAVENS_FIELD(decision.delay_review), 0, 60, "months",
                      "added by an Art. 24 review"),
        real_param("decision.comity_penalty", HAVENS_FIELD(decision.comity_penalty), 0, 100,
                   "log-odds", "assistance without a treaty: less discretion to grant"),
        integer_param("decision.delay_comity", HAVENS_FIELD(decision.delay_comity), 0, 120,
                      "months", "sending to effect: assistance without a treaty"),
        integer_param("decision.delay_domestic", HAVENS_FIELD(decision.delay_domestic), 0, 60,
                      "months", "sending to effect: the origin's order to its own provider"),
        integer_param("decision.delay_provider", HAVENS_FIELD(decision.delay_provider), 0, 60,
                      "months", "sending to effect: a direct request to a provider abroad"),
        real_param("decision.provider_intercept", HAVENS_FIELD(decision.provider_intercept), -100,
                   100, "log-odds", "direct disclosure: prior log-odds at FH score 0"),
        real_param("decision.provider_freedom", HAVENS_FIELD(decision.provider_freedom), -100, 100,
                   "log-odds", "direct disclosure: prior log-odds per unit of FH score / 100"),
        real_param("decision.provider_concentration", HAVENS_FIELD(decision.provider_concentration),
                   0, 1e6, "requests",
                   "direct disclosure: weight of the prior against a state's recorded requests"),
        real_param("decision.removal_scale", HAVENS_FIELD(decision.removal_scale), 0, 1,
                   "probability", "removal outside the law: chance at alignment 1, j = 0"),

        real_param("contagion.expose_contact", HAVENS_FIELD(contagion.expose_contact), 0, 1,
                   "probability", "a content grant exposes each contact"),
        bool_param("contagion.relocation", HAVENS_FIELD(contagion.relocation),
                   "exiles whose host grants against them may move to a safe haven"),
        real_param("contagion.relocation_probability",
                   HAVENS_FIELD(contagion.relocation_probability), 0, 1, "probability",
                   "chance such an exile moves"),
        real_param("contagion.relocation_visa_factor",
                   HAVENS_FIELD(contagion.relocation_visa_factor), 0, 1, "factor",
                   "a haven's weight where entry needs a visa obtained in advance"),

        integer_param("replication.initial", HAVENS_FIELD(replication.initial), 2, 100000, "runs",
                      "replicates = \"auto\": replicates before the first check"),
        integer_param("replication.round", HAVENS_FIELD(replication.round), 1, 100000, "runs",
                      "replicates = \"auto\": replicates added per round"),
        integer_param("replication.max", HAVENS_FIELD(replication.max), 2, 100000, "runs",
                      "replicates = \"auto\": the cap"),

        bool_param("output.request_log", HAVENS_FIELD(output.request_log),
                   "write the per-request event log (events/requests)"),
        bool_param("output.flows", HAVENS_FIELD(output.flows),
                   "write flows/ (origin x host arrays, about 0.2 MB a run compressed)"),

        text_param("interventions.never_ratify", HAVENS_FIELD(interventions.never_ratify),
                   "states (ISO codes) and blocs that never ratify: a list, or separated by "
                   "spaces",
                   true),
        text_param("interventions.never_join_protocol",
                   HAVENS_FIELD(interventions.never_join_protocol),
                   "states and blocs that never join the protocol", true),
    };
}

// The keys that name a state or bloc: interventions.ACTION.TARGET, one per
// action, each reading and writing the TARGET entry of its map.
template <typename Map>
ParameterSpec per_target(const std::string& action, const std::string& target, Map member,
                         ParameterKind kind, double min, double max, std::string unit,
                         std::string meaning) {
    ParameterSpec spec{"interventions." + action + "." + target,
                       kind,
                       min,
                       max,
                       {},
                       std::move(unit),
                       std::move(meaning),
                       {},
                       {}};
    spec.get = [member, target, kind](const Scenario& s) -> ParameterValue {
        const auto& map = member(const_cast<Scenario&>(s));
        using V = typename std::remove_cvref_t<decltype(map)>::mapped_type;
        const auto found = map.find(target);
        const V value = found == map.end() ? V{} : found->second;
        if constexpr (std::is_same_v<V, int>)
            return static_cast<std::int64_t>(value);
        else
            return value;
    };
    spec.set = [member, target](Scenario& s, const ParameterValue& v) {
        auto& map = member(s);
        using V = typename std::remove_cvref_t<decltype(map)>::mapped_type;
        if constexpr (std::is_same_v<V, int>) {
            map[target] = static_cast<int>(std::get<std::int64_t>(v));
        } else if constexpr (std::is_same_v<V, double>) {
            map[target] = std::holds_alternative<double>(v)
                              ? std::get<double>(v)
                              : static_cast<double>(std::get<std::int64_t>(v));
        } else {
            map[target] = std::get<V>(v);
        }
    };
    return spec;
}

// The spec of interventions.ACTION.TARGET; nullopt when ACTION is not one.
std::optional<ParameterSpec> intervention_spec(const std::string& action,
                                               const std::string& target) {
    const auto months = [&](auto member, const char* meaning) {
        return per_target(action, target, member, ParameterKind::integer, 0, 1200, "month",
                          meaning);
    };
    const auto articles = [&](auto member, const char* meaning) {
        return per_target(action, target, member, ParameterKind::text, 1, 0, "articles", meaning);
    };
    if (action == "ratify") {
        return months(HAVENS_FIELD(interventions.ratify),
                      "the month it deposits its ratification (or accession)");
    }
    if (action == "sign") {
        return months(HAVENS_FIELD(interventions.sign),
                      "the month it signs (before signature closes)");
    }
    if (action == "denounce") {
        return months(HAVENS_FIELD(interventions.denounce),
                      "the month it notifies its denunciation, effective a year later");
    }
    if (action == "join_protocol") {
        return months(HAVENS_FIELD(interventions.join_protocol),
                      "the month it deposits to the protocol, or the first after when it is "
                      "open to it");
    }
    if (action == "reserve") {
        return articles(HAVENS_FIELD(interventions.reserve),
                        "articles it reserves at its deposit (6(2), 24, 40(22))");
    }
    if (action == "withdraw") {
        return articles(HAVENS_FIELD(interventions.withdraw),
                        "articles it makes no reservation to (6(2), 24, 40(22))");
    }
    if (action == "discretion") {
        return per_target(action, target, HAVENS_FIELD(interventions.discretion),
                          ParameterKind::real, -20, 20, "log-odds",
                          "added to its discretion to grant a request");
    }
    if (action == "extradites_without_treaty") {
        auto spec =
            per_target(action, target, HAVENS_FIELD(interventions.extradites_without_treaty),
                       ParameterKind::boolean, 0, 1, "true/false",
                       "it extradites, and arrests on a Red Notice, without a treaty");
        return spec;
    }
    return std::nullopt;
}

// A target is an ISO code or a bloc name: letters, digits and '_', so that
// it is one TOML bare key and one segment of a key.
bool plausible_target(std::string_view target) {
    if (target.empty() || target.size() > 40) return false;
    return std::all_of(target.begin(), target.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
    });
}

#undef HAVENS_FIELD

std::string format_number(double x) {
    std::ostringstream out;
    out << x;
    // Six significant digits read well (1e+08, 0.0031) but can name another
    // number (2^53 - 1 as 9.0072e+15): then all the digits it takes. strtod,
    // not stod: a subnormal (1e-320) reads back with ERANGE, which stod throws.
    if (std::strtod(out.str().c_str(), nullptr) != x && std::isfinite(x)) {
        out.str("");
        if (x == std::trunc(x) && std::abs(x) < 9.2e18) {
            out << static_cast<std::int64_t>(x);
        } else {
            out << std::setprecision(17) << x;
        }
    }
    return out.str();
}

}  // namespace

const std::vector<ParameterSpec>& parameter_table() {
    static const std::vector<ParameterSpec> table = make_table();
    return table;
}

const ParameterSpec* find_parameter(std::string_view key) {
    for (const auto& spec : parameter_table()) {
        if (spec.key == key) return &spec;
    }
    constexpr std::string_view prefix = "interventions.";
    if (key.substr(0, prefix.size()) != prefix) return nullptr;
    const auto rest = key.substr(prefix.size());
    const auto dot = rest.find('.');
    if (dot == std::string_view::npos || !plausible_target(rest.substr(dot + 1))) return nullptr;
    // Made once per key and kept, so that the pointer stays valid; keys are
    // few (those a scenario names), and lookups may come from any thread.
    static std::mutex mutex;
    static std::map<std::string, ParameterSpec, std::less<>> made;
    const std::lock_guard lock(mutex);
    if (const auto found = made.find(key); found != made.end()) return &found->second;
    auto spec =
        intervention_spec(std::string(rest.substr(0, dot)), std::string(rest.substr(dot + 1)));
    if (!spec) return nullptr;
    return &made.emplace(std::string(key), std::move(*spec)).first->second;
}

std::vector<std::pair<std::string, ParameterValue>> intervention_entries(const Scenario& scenario) {
    std::vector<std::pair<std::string, ParameterValue>> out;
    InterventionParams::each_per_state(
        scenario.interventions, [&](const char* action, const auto& map) {
            for (const auto& entry : map) {
                const std::string key = "interventions." + std::string(action) + "." + entry.first;
                out.emplace_back(key, find_parameter(key)->get(scenario));
            }
        });
    return out;
}

std::string describe_value(const ParameterValue& value) {
    return std::visit(
        [](const auto& v) -> std::string {
            using T = std::decay_t<decltype(v)>;
            if constexpr (std::is_same_v<T, std::string>)
                return "'" + v + "'";
            else if constexpr (std::is_same_v<T, bool>)
                return v ? "true" : "false";
            else if constexpr (std::is_same_v<T, std::int64_t>)
                return std::to_string(v);
            else
                return format_number(v);
        },
        value);
}

std::string check_value(const ParameterSpec& spec, const ParameterValue& value) {
    const std::string range = "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
    switch (spec.kind) {
        case ParameterKind::integer:
            if (!std::holds_alternative<std::int64_t>(value))
                return "expected an integer in " + range;
            if (auto x = static_cast<double>(std::get<std::int64_t>(value));
                x < spec.min || x > spec.max) {
                return "expected an integer in " + range;
            }
            return "";
        case ParameterKind::real: {
            double x = 0;
            if (std::holds_alternative<double>(value))
                x = std::get<double>(value);
            else if (std::holds_alternative<std::int64_t>(value))
                x = static_cast<double>(std::get<std::int64_t>(value));
            else
                return "expected a number in " + range;
            if (!std::isfinite(x) || x < spec.min || x > spec.max)
                return "expected a number in " + range;
            return "";
        }
        case ParameterKind::boolean:
            return std::holds_alternative<bool>(value) ? "" : "expected true or false";
        case ParameterKind::text: {
            if (!std::holds_alternative<std::string>(value)) return "expected a string";
            const std::string& text = std::get<std::string>(value);
            if (text.empty() && spec.min > 0) return "expected a non-empty string";
            // A NUL ends the string in HDF5 and C (a name "a\0x" became
            // group "a"); a newline or other control character breaks the
            // one-line messages and listings that show names and paths.
            for (std::size_t i = 0; i < text.size(); ++i) {
                const auto c = static_cast<unsigned char>(text[i]);
                if (c < 0x20 || c == 0x7F) {
                    char code[8];
                    std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(c));
                    return "cannot contain a control character (" + std::string(code) +
                           " at byte " + std::to_string(i + 1) + ")";
                }
            }
            return "";
        }
        case ParameterKind::choice: {
            std::string allowed;
            for (const auto& c : spec.choices)
                allowed += (allowed.empty() ? "\"" : ", \"") + c + "\"";
            if (!std::holds_alternative<std::string>(value)) return "expected one of " + allowed;
            for (const auto& c : spec.choices) {
                if (c == std::get<std::string>(value)) return "";
            }
            return "expected one of " + allowed;
        }
    }
    return "unsupported value";
}

std::string parameter_reference_markdown() {
    const Scenario defaults;
    std::ostringstream out;
    out << "| key | default | allowed | unit | meaning |\n|---|---|---|---|---|\n";
    for (const auto& spec : parameter_table()) {
        std::string allowed;
        switch (spec.kind) {
            case ParameterKind::integer:
            case ParameterKind::real:
                allowed = "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
                break;
            case ParameterKind::boolean: allowed = "true, false"; break;
            case ParameterKind::text: allowed = "text"; break;
            case ParameterKind::choice:
                for (const auto& c : spec.choices) allowed += (allowed.empty() ? "" : ", ") + c;
                break;
        }
        out << "| `" << spec.key << "` | " << describe_value(spec.get(defaults)) << " | " << allowed
            << " | " << spec.unit << " | " << spec.meaning << " |\n";
    }
    std::vector<std::string> actions;
    const InterventionParams none;
    InterventionParams::each_per_state(
        none, [&](const char* action, const auto&) { actions.emplace_back(action); });
    for (const std::string& action : actions) {
        const auto spec = *intervention_spec(action, "STATE");
        std::string allowed =
            spec.kind == ParameterKind::text ? "text"
            : spec.kind == ParameterKind::boolean
                ? "true, false"
                : "[" + format_number(spec.min) + ", " + format_number(spec.max) + "]";
        out << "| `" << spec.key << "` | none | " << allowed << " | " << spec.unit << " | "
            << spec.meaning << "; STATE an ISO code or a bloc |\n";
    }
    return out.str();
}

}  // namespace havens
