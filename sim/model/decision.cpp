#include "model/decision.hpp"

#include <cmath>
#include <limits>
#include <span>
#include <string_view>

#include "model/interventions.hpp"
#include "model/platforms.hpp"

namespace havens {

namespace {

// The evidence instruments in the order a requesting state tries them: the
// most integrated first. The convention's channel comes after all of them:
// it is used where it is the only instrument (Art. 40, as UNTOC Art. 18(7)).
constexpr Channel evidence_order[] = {Channel::regional, Channel::budapest, Channel::mlat};

// Budapest extradites only for its own offences (Art. 24).
bool budapest_offence(Offence o) {
    return o == Offence::core_cybercrime || o == Offence::fraud || o == Offence::csam;
}

// The pair's instruments for this offence: a regional instrument limited to
// terrorism (the SCO's) carries no other charge.
ChannelMask open_for(const PairFacts& pair, Offence offence) {
    ChannelMask open = pair.channels;
    if ((open & regional_terrorism_only_bit) && offence != Offence::terrorism_extremism) {
        open &=
            static_cast<ChannelMask>(~(channel_bit(Channel::regional) | regional_extradition_bit));
    }
    return open;
}

// The Convention's own offences, and content offences where the protocol is
// in force for both.
bool convention_offence_if(Offence offence, bool protocol_open) {
    switch (offence) {
        case Offence::core_cybercrime:
        case Offence::fraud:
        case Offence::csam: return true;
        case Offence::content_speech: return protocol_open;
        case Offence::treason:
        case Offence::terrorism_extremism: return false;
    }
    return false;
}

bool convention_offence_for(const PairFacts& pair, Offence offence) {
    return convention_offence_if(offence, pair.protocol_open);
}

bool in_scope(const DecisionContext& ctx, const PairFacts& pair, const RequestFacts& f) {
    if (convention_offence_for(pair, f.offence)) return true;
    // Evidence of any serious crime (Art. 35(1)(c), 40); extradition only
    // for Convention offences (Art. 37); the narrow scope: Convention offences only.
    return ctx.scenario.safeguards.scope == Scope::serious_crime &&
           f.kind != RequestKind::extradition && f.serious;
}

Channel basis_for(const PairFacts& pair, const RequestFacts& f) {
    const ChannelMask open = open_for(pair, f.offence);
    if (open & channel_bit(Channel::extradition_treaty)) return Channel::extradition_treaty;
    if (open & regional_extradition_bit) return Channel::regional;
    if ((open & channel_bit(Channel::budapest)) && budapest_offence(f.offence)) {
        return Channel::budapest;
    }
    if (pair.uncc_open && convention_offence_for(pair, f.offence)) return Channel::uncc;
    if (!pair.treaty_required) return Channel::reciprocity;
    return Channel::interpol;
}

// Whether a global platform may answer this kind directly: non-content data
// (ECPA, 18 U.S.C. 2702(c)(6)); content only for a requesting state with a
// CLOUD Act agreement. Interception is a state's act, never a provider's.
bool direct_kind(const PairFacts& pair, const RequestFacts& f) {
    switch (f.kind) {
        case RequestKind::preservation:
        case RequestKind::subscriber_data: return true;
        case RequestKind::stored_content:
        case RequestKind::real_time_traffic: return pair.content_agreement;
        case RequestKind::interception:
        case RequestKind::extradition: return false;
    }
    return false;
}

// Evidence: the origin's own provider by a domestic order; a global
// platform directly where its home's law lets it answer; else the regional,
// Budapest or bilateral instrument that binds the pair; else the
// convention where it is in force for both and covers the request; else the
// requested state's own law (comity), which a request outside the
// convention's scope falls back on as it would without the convention.
Channel route_evidence(const DecisionContext& ctx, const PairFacts& pair, const RequestFacts& f) {
    if (f.requested == f.origin) return Channel::domestic;
    if (pair.direct_disclosure && direct_kind(pair, f)) return Channel::provider;
    const ChannelMask open = open_for(pair, f.offence);
    for (Channel c : evidence_order) {
        if (open & channel_bit(c)) return c;
    }
    if (pair.uncc_open && in_scope(ctx, pair, f)) return Channel::uncc;
    return Channel::comity;
}

double discretion_grant(const DecisionContext& ctx, const PairFacts& pair, const RequestFacts& f,
                        Channel channel) {
    double grant = channel == Channel::comity ? pair.comity_grant : pair.discretion_grant;
    if (f.kind == RequestKind::interception) {
        grant *= 1.0 - ctx.scenario.decision.interception_discretion;  // Art. 46
    }
    return grant;
}

int channel_delay(const DecisionParams& p, Channel c) {
    switch (c) {
        case Channel::uncc: return p.delay_uncc;
        case Channel::mlat: return p.delay_mlat;
        case Channel::budapest: return p.delay_budapest;
        case Channel::regional: return p.delay_regional;
        case Channel::comity: return p.delay_comity;
        case Channel::provider: return p.delay_provider;
        case Channel::domestic: return p.delay_domestic;
        case Channel::interpol:
        case Channel::extradition_treaty:
        case Channel::reciprocity:
        case Channel::removal: return p.delay_interpol;
    }
    return 0;
}

// The requested state's own law: the political-offence exception and the
// persecution (discrimination) bar, as effective as its courts are
// independent; weaker in mutual-assistance law than in extradition law.
// What a persecution test suspects: a pretext, with the test's own
// detection at j = 1, or, wrongly, a legitimate request of a repressive origin.
double suspicion(const DecisionContext& ctx, const PairFacts& pair, const RequestFacts& f, double j,
                 double detection) {
    return f.pretextual ? detection * j
                        : ctx.scenario.decision.false_suspicion * pair.origin_repression * j;
}

double national_law_refusal(const DecisionContext& ctx, const PairFacts& pair,
                            const RequestFacts& f, double j) {
    const auto& p = ctx.scenario.decision;
    const double political = is_political(f.offence) ? p.political_exception * j : 0.0;
    const double persecution = suspicion(ctx, pair, f, j, p.persecution_bar);
    const double both = 1.0 - (1.0 - political) * (1.0 - persecution);
    return f.kind == RequestKind::extradition ? both : p.mla_national_law * both;
}

// The convention's persecution ground (Art. 40(22), Art. 37 for
// extradition), where the request travels on its channel and k has neither
// seen it deleted nor reserved it: a "may" refuses only where the state is
// also willing, which rises with j.
double treaty_persecution_refusal(const DecisionContext& ctx, const PairFacts& pair,
                                  const RequestFacts& f, double j) {
    const auto& s = ctx.scenario.safeguards;
    const auto& p = ctx.scenario.decision;
    if (s.persecution_ground == PersecutionGround::deleted || pair.persecution_reserved) {
        return 0.0;
    }
    const double willing = s.persecution_ground == PersecutionGround::mandatory ? 1.0 : j;
    return suspicion(ctx, pair, f, j, p.detection) * willing;
}

// Non-refoulement: no surrender where the person would face persecution
// (Refugee Convention Art. 33; CETS 024 Art. 3(2) between its parties) or
// torture and ill-treatment (CAT Art. 3; ECHR Art. 3 for Council of Europe
// members, a risk rising with the origin's repression), as far as k's courts
// enforce it.
double non_refoulement_refusal(const DecisionContext& ctx, const PairFacts& pair,
                               const RequestFacts& f, double j) {
    const auto& p = ctx.scenario.decision;
    const auto& st = ctx.world.states;
    const StateId k = f.requested, o = f.origin;
    const double r_o = pair.origin_repression;
    const double pretext = f.pretextual ? 1.0 : 0.0;
    const double pass = (1.0 - p.nonrefoulement_refugee * st.refugee_convention[k] * pretext) *
                        (1.0 - p.nonrefoulement_torture * st.torture_convention[k] * r_o) *
                        (1.0 - p.nonrefoulement_echr * st.echr[k] * r_o) *
                        (1.0 - p.persecution_bar_cets024 * st.european_extradition[k] *
                                   st.european_extradition[o] * pretext);
    return j * (1.0 - pass);
}

// The persecution examination: national law alone, or together with the
// convention's ground where the request travels on the convention.
template <typename Plan>
[[gnu::always_inline]] inline void add_persecution_test(const DecisionContext& ctx,
                                                        const PairFacts& pair,
                                                        const RequestFacts& f, double j,
                                                        Channel channel, Plan& plan) {
    const double national = national_law_refusal(ctx, pair, f, j);
    const double treaty =
        channel == Channel::uncc ? treaty_persecution_refusal(ctx, pair, f, j) : 0.0;
    if (national > 0.0 || treaty > 0.0) {
        plan.add_overlapping(Reason::national_law, national, Reason::persecution_ground, treaty);
    }
}

// The convention's other safeguards, on its channel.
template <typename Plan>
[[gnu::always_inline]] inline void add_treaty_safeguards(const DecisionContext& ctx,
                                                         const PairFacts& pair,
                                                         const RequestFacts& f, double j,
                                                         Plan& plan) {
    const auto& s = ctx.scenario.safeguards;
    const auto& p = ctx.scenario.decision;
    if (is_surveillance(f.kind) && s.conditions_safeguards == Presence::present &&
        !pair.conditions_reserved) {
        plan.add(Reason::conditions_safeguards,
                 (f.pretextual ? p.review_strength : p.review_disproportion) * j);
        plan.delay_months += p.delay_review;
    }
    if (s.human_rights_clause == Presence::present && !pair.human_rights_reserved && f.pretextual) {
        plan.add(Reason::human_rights_clause, p.human_rights_weight * j);
    }
}

// Whether the conduct is an offence in k: as drawn, or because the
// protocol, in force for both, made the content offence a Convention offence.
bool offence_in_requested(const PairFacts& pair, const RequestFacts& f, Channel channel) {
    return f.crime_in_requested ||
           (channel == Channel::uncc && f.offence == Offence::content_speech &&
            convention_offence_for(pair, f.offence));
}

// INTERPOL's review of a notice before any state acts on it: Article 3 bars
// political offences outright; a terrorism charge is refused where the review
// sees through the pretext; a state whose notices are under a dated measure
// (data/interpol_measures.csv) has its pretexts refused more often.
double interpol_review(const DecisionContext& ctx, const PairFacts& pair, const RequestFacts& f) {
    const auto& p = ctx.scenario.decision;
    double refuse = is_political(f.offence) ? p.interpol_article3 : 0.0;
    // INTERPOL's refugee policy (2015): no notice of the state a refugee or
    // asylum-seeker fled, once the host confirms the status, as far as it does (j).
    if (f.refugee) {
        const double confirmed = p.interpol_refugee * pair.rule_of_law;
        refuse = 1.0 - (1.0 - refuse) * (1.0 - confirmed);
    }
    if (!f.pretextual) return refuse;
    const bool terrorism = f.offence == Offence::terrorism_extremism;
    if (terrorism) refuse = std::max(refuse, p.interpol_terrorism);
    const auto applies = [&](MeasureScope scope) {
        return scope == MeasureScope::every_charge ||
               (scope == MeasureScope::terrorism && terrorism);
    };
    if (applies(pair.heightened_review)) refuse = std::max(refuse, p.interpol_heightened);
    if (applies(pair.refuse_movement)) refuse = std::max(refuse, p.interpol_movement);
    return refuse;
}

template <typename Plan>
[[gnu::always_inline]] inline void plan_extradition(const DecisionContext& ctx,
                                                    const PairFacts& pair, const RequestFacts& f,
                                                    Plan& plan) {
    const auto& p = ctx.scenario.decision;
    plan.extradition = true;
    plan.delay_months = p.delay_interpol;
    plan.pending_months = p.pending_extradition_months;
    const bool severed = pair.hostile;
    plan.removal = severed ? 0.0 : pair.removal;
    const double review = interpol_review(ctx, pair, f);
    if (review > 0.0) plan.add(Reason::channel_rules, review);
    // A provisional arrest awaits an extradition request: a host arrests
    // only where it could extradite (a state that extradites only under a
    // treaty does not arrest on a notice alone), and a hostile one not at all.
    plan.channel = severed ? Channel::interpol : basis_for(pair, f);
    if (severed) plan.add(Reason::severed_relations, 1.0);
    if (plan.channel == Channel::interpol) {
        if (!severed) plan.add(Reason::no_legal_basis, 1.0);
        plan.pre_arrest = plan.ground_count;
        return;
    }
    plan.pre_arrest = plan.ground_count;
    const double j = pair.rule_of_law;
    // Every basis, the convention's Art. 37 included, requires dual criminality.
    if (!offence_in_requested(pair, f, plan.channel)) plan.add(Reason::dual_criminality, 1.0);
    add_persecution_test(ctx, pair, f, j, plan.channel, plan);
    const double refoulement = non_refoulement_refusal(ctx, pair, f, j);
    if (refoulement > 0.0) plan.add(Reason::non_refoulement, refoulement);
    if (plan.channel == Channel::uncc) add_treaty_safeguards(ctx, pair, f, j, plan);
    plan.add(Reason::discretion, 1.0 - discretion_grant(ctx, pair, f, plan.channel));
}

template <typename Plan>
[[gnu::always_inline]] inline void plan_evidence(const DecisionContext& ctx, const PairFacts& pair,
                                                 const RequestFacts& f, Plan& plan) {
    const auto& s = ctx.scenario.safeguards;
    const auto& p = ctx.scenario.decision;
    const Channel channel = route_evidence(ctx, pair, f);
    plan.sent = true;  // every evidence request finds a route, comity the last
    plan.channel = channel;
    plan.delay_months = f.kind == RequestKind::preservation ? 0 : channel_delay(p, channel);
    // The origin's order to its own provider meets no foreign ground; a
    // provider abroad answers by its own policy toward the requesting state.
    if (channel == Channel::domestic) return;
    // States at war or without relations do not assist each other, nor does
    // a provider whose home has severed relations with the requesting state.
    if (pair.hostile) {
        plan.add(Reason::severed_relations, 1.0);
        return;
    }
    if (channel == Channel::provider) {
        plan.add(Reason::provider_policy, 1.0 - pair.provider_disclosure);
        return;
    }
    const double j = pair.rule_of_law;
    if (!offence_in_requested(pair, f, channel)) {
        // Mandatory under bilateral treaties and without one: coercive
        // assistance under a state's own law asks for it (Switzerland's
        // IMAC Art. 64, Germany's IRG s. 66, Singapore's Act s. 20(1)(f)).
        const bool strict =
            channel == Channel::mlat || channel == Channel::comity ||
            (channel == Channel::uncc && s.dual_criminality == DualCriminality::mandatory);
        plan.add(Reason::dual_criminality, strict ? 1.0 : j);
    }
    add_persecution_test(ctx, pair, f, j, channel, plan);
    if (channel == Channel::uncc) add_treaty_safeguards(ctx, pair, f, j, plan);
    // Budapest's own Art. 15; and comity, where the requested state uses its
    // own coercive powers under its own conditions (a warrant for content).
    if ((channel == Channel::budapest || channel == Channel::comity) && is_surveillance(f.kind) &&
        f.pretextual) {
        plan.add(Reason::channel_rules, p.review_strength * j);
    }
    plan.add(Reason::discretion, 1.0 - discretion_grant(ctx, pair, f, channel));
}

// What the expectation keeps of a plan as the plan builders lay it out: the
// members they write and the product of the pass chances, as DecisionPlan
// keeps it, without the grounds themselves, which only a draw reads.
struct GrantTally {
    bool sent = false;
    double removal = 0.0;
    Channel channel = Channel::interpol;
    int ground_count = 0;
    int delay_months = 0;
    bool extradition = false;
    int pre_arrest = 0;
    int pending_months = 0;
    double pass = 1.0;

    void add(Reason, double refuse) {
        ++ground_count;
        pass *= 1.0 - refuse;
    }
    void add_overlapping(Reason, double refuse, Reason, double also_refuse) {
        ++ground_count;
        pass *= 1.0 - std::max(refuse, also_refuse);
    }
    double grant_probability() const { return sent ? pass : 0.0; }
    double success_probability() const { return removal + (1.0 - removal) * grant_probability(); }
};

// The plan of a request between the pair's two states: a DecisionPlan
// (plan_decision), or its GrantTally where the expectation builds several
// for one pair. One lay-out for both, so the two cannot drift.
template <typename Plan = DecisionPlan>
[[gnu::always_inline]] inline Plan lay_out(const DecisionContext& ctx, const PairFacts& pair,
                                           const RequestFacts& f) {
    Plan plan;
    if (f.kind == RequestKind::extradition) {
        plan.sent = true;  // a Red Notice reaches every member of INTERPOL
        plan_extradition(ctx, pair, f, plan);
    } else {
        plan_evidence(ctx, pair, f, plan);
    }
    return plan;
}

double logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// Offences in order of falling weight in each mix.
constexpr std::array<std::size_t, offence_count> by_weight(
    const std::array<double, offence_count>& mix) {
    std::array<std::size_t, offence_count> order{};
    for (std::size_t i = 0; i < offence_count; ++i) order[i] = i;
    for (std::size_t i = 0; i < offence_count; ++i) {
        for (std::size_t j = i + 1; j < offence_count; ++j) {
            if (mix[order[j]] > mix[order[i]]) std::swap(order[i], order[j]);
        }
    }
    return order;
}
constexpr auto pretextual_by_weight = by_weight(pretextual_offence_mix);
constexpr auto legitimate_by_weight = by_weight(legitimate_offence_mix);

// What the rules read of an offence, as bits: offences alike in all of them
// get the same plan, so the expectation evaluates each such plan once.
// Seriousness matters only outside the Convention offences (in_uncc_scope).
// All but whether the conduct is a crime in the requested state (bit 5,
// added per term), given `convention`, convention_offence(ctx, f). The
// refugee bit is the same for every term of an expectation.
unsigned offence_key(const RequestFacts& f, bool convention) {
    return static_cast<unsigned>(is_political(f.offence)) | (convention << 1) |
           (budapest_offence(f.offence) << 2) |
           ((convention && f.offence == Offence::content_speech) << 3) |
           ((convention || f.serious) << 4) | ((f.offence == Offence::terrorism_extremism) << 6) |
           (f.refugee << 7);
}

}  // namespace

PairFacts pair_facts(const DecisionContext& ctx, StateId origin, StateId requested) {
    const DecisionTables& t = ctx.tables;
    const Relations& relations = ctx.world.relations;
    const std::size_t i = origin * t.states + requested;
    const auto scope = [&](InterpolMeasureKind kind) {
        const InterpolMeasure* m = relations.measure(origin, kind, ctx.month);
        if (m == nullptr) return MeasureScope::none;
        return m->terrorism_only ? MeasureScope::terrorism : MeasureScope::every_charge;
    };
    PairFacts pair;
    pair.origin = origin;
    pair.requested = requested;
    pair.channels = ctx.world.network.channels(origin, requested);
    pair.hostile = relations.hostile(origin, requested, ctx.month);
    pair.uncc_open = uncc_open(ctx, origin, requested);
    pair.protocol_open = ctx.treaty.protocol_in_force_for(origin, ctx.month) &&
                         ctx.treaty.protocol_in_force_for(requested, ctx.month);
    pair.treaty_required = t.treaty_required[requested] != 0;
    pair.direct_disclosure = t.direct_disclosure[requested] != 0;
    pair.content_agreement = t.content_agreement[origin] != 0;
    pair.persecution_reserved = ctx.treaty.reserved(requested, Article::persecution_ground_40_22);
    pair.conditions_reserved = ctx.treaty.reserved(requested, Article::conditions_safeguards_24);
    pair.human_rights_reserved = ctx.treaty.reserved(requested, Article::human_rights_clause_6_2);
    pair.heightened_review = scope(InterpolMeasureKind::heightened_review);
    pair.refuse_movement = scope(InterpolMeasureKind::refuse_movement);
    pair.rule_of_law = ctx.world.states.rule_of_law[requested];
    pair.origin_repression = ctx.world.states.repression[origin];
    pair.discretion_grant = t.discretion_grant[i];
    pair.comity_grant = t.comity_grant[i];
    pair.removal = t.removal[i];
    pair.provider_disclosure = t.provider_disclosure[origin];
    return pair;
}

ChannelMask open_channels(const DecisionContext& ctx, const RequestFacts& f) {
    return open_for(pair_facts(ctx, f.origin, f.requested), f.offence);
}

GrantTerms grant_terms(const Scenario& scenario, bool pretextual, bool protocol_open,
                       FreedomStatus origin_status) {
    const auto& mix = pretextual ? pretextual_offence_mix : legitimate_offence_mix;
    GrantTerms t;
    t.serious_years = scenario.safeguards.serious_crime_years;
    t.speech_years =
        statutory_maximum_years(scenario.requests, Offence::content_speech, origin_status);
    std::array<unsigned, 2 * offence_count> plan_key{};
    std::size_t plans = 0;
    // The heaviest offences first: a threshold test is then settled soonest.
    for (std::size_t c : pretextual ? pretextual_by_weight : legitimate_by_weight) {
        if (mix[c] == 0.0) continue;
        RequestFacts f;
        f.offence = static_cast<Offence>(c);
        f.serious =
            statutory_maximum_years(scenario.requests, f.offence, origin_status) >= t.serious_years;
        const unsigned offence_bits =
            offence_key(f, convention_offence_if(f.offence, protocol_open));
        for (unsigned crime = crime_everywhere(f.offence) ? 1 : 0; crime < 2; ++crime) {
            const unsigned key = offence_bits | (crime << 5);
            std::size_t plan = 0;
            while (plan < plans && plan_key[plan] != key) ++plan;
            if (plan == plans) plan_key[plans++] = key;
            t.terms[t.count++] = {f.offence, f.serious, crime == 1,
                                  static_cast<std::uint8_t>(plan)};
        }
    }
    return t;
}

DecisionTables decision_tables(const World& world, const Scenario& scenario) {
    const auto& states = world.states;
    const std::size_t n = states.size();
    const auto& p = scenario.decision;
    DecisionTables t;
    t.states = n;
    t.discretion_grant.resize(n * n);
    t.comity_grant.resize(n * n);
    t.removal.resize(n * n);
    const StateInterventions interventions = resolve_interventions(world, scenario);
    for (std::size_t o = 0; o < n; ++o) {
        for (std::size_t k = 0; k < n; ++k) {
            const double a = world.network.alignment(o, k);
            const double j = states.rule_of_law[k];
            const double linear = p.grant_intercept + p.grant_alignment * a -
                                  p.grant_rule_of_law * j + interventions.discretion_shift[k];
            t.discretion_grant[o * n + k] = logistic(linear);
            t.comity_grant[o * n + k] = logistic(linear - p.comity_penalty);
            t.removal[o * n + k] = o == k ? 0.0 : p.removal_scale * a * (1.0 - j);
        }
    }
    t.treaty_required = states.treaty_required;
    for (StateId s = 0; s < n; ++s) {
        if (interventions.extradites_without_treaty[s] >= 0) {
            t.treaty_required[s] = interventions.extradites_without_treaty[s] ? 0 : 1;
        }
    }
    t.provider_disclosure.resize(n);
    for (StateId s = 0; s < n; ++s) {
        t.provider_disclosure[s] = provider_disclosure_probability(states, p, s);
    }
    const auto flags_of = [&](std::span<const std::string_view> codes) {
        std::vector<std::uint8_t> flags(n, 0);
        for (std::string_view code : codes) {
            for (StateId s = 0; s < n; ++s) flags[s] |= states.iso3[s] == code;
        }
        return flags;
    };
    t.direct_disclosure = flags_of(platforms::global_homes);
    t.content_agreement = flags_of(platforms::cloud_act_partners);
    for (int pretextual = 0; pretextual < 2; ++pretextual) {
        for (int protocol = 0; protocol < 2; ++protocol) {
            for (std::size_t status = 0; status < 3; ++status) {
                t.grant_terms[pretextual][protocol][status] = grant_terms(
                    scenario, pretextual == 1, protocol == 1, static_cast<FreedomStatus>(status));
            }
        }
    }
    return t;
}

double provider_disclosure_probability(const StateTable& states, const DecisionParams& p,
                                       StateId requesting) {
    const double prior =
        logistic(p.provider_intercept + p.provider_freedom * states.fh_score[requesting] / 100.0);
    const double asked = states.disclosure_requests[requesting];
    if (std::isnan(asked)) return prior;
    const double kappa = p.provider_concentration;
    return (states.disclosure_provided[requesting] + kappa * prior) / (asked + kappa);
}

bool uncc_open(const DecisionContext& ctx, StateId a, StateId b) {
    return ctx.treaty.in_force_for(a, ctx.month) && ctx.treaty.in_force_for(b, ctx.month);
}

std::uint8_t state_signature(const DecisionContext& ctx, StateId s) {
    const Month t = ctx.month;
    return static_cast<std::uint8_t>(ctx.treaty.in_force_for(s, t) |
                                     (ctx.treaty.protocol_in_force_for(s, t) << 1) |
                                     (ctx.world.relations.any_measure(s, t) << 3));
}

std::uint8_t treaty_signature(const DecisionContext& ctx, StateId a, std::uint8_t state_a,
                              StateId b, std::uint8_t state_b) {
    return static_cast<std::uint8_t>((state_a & state_b & 3u) |
                                     (ctx.world.relations.hostile(a, b, ctx.month) << 2) |
                                     (state_a & 8u));
}

std::uint8_t treaty_signature(const DecisionContext& ctx, StateId a, StateId b) {
    return treaty_signature(ctx, a, state_signature(ctx, a), b, state_signature(ctx, b));
}

bool convention_offence(const DecisionContext& ctx, const RequestFacts& f) {
    return convention_offence_for(pair_facts(ctx, f.origin, f.requested), f.offence);
}

bool in_uncc_scope(const DecisionContext& ctx, const RequestFacts& f) {
    return in_scope(ctx, pair_facts(ctx, f.origin, f.requested), f);
}

Channel extradition_basis(const DecisionContext& ctx, const RequestFacts& f) {
    return basis_for(pair_facts(ctx, f.origin, f.requested), f);
}

DecisionPlan plan_decision(const DecisionContext& ctx, const PairFacts& pair,
                           const RequestFacts& f) {
    return lay_out(ctx, pair, f);
}

DecisionPlan plan_decision(const DecisionContext& ctx, const RequestFacts& f) {
    return plan_decision(ctx, pair_facts(ctx, f.origin, f.requested), f);
}

Decision decide(const DecisionPlan& plan, RandomStream& rng) {
    Decision d;
    d.sent = plan.sent;
    d.channel = plan.channel;
    d.delay_months = plan.delay_months;
    if (!plan.sent) return d;
    // Fourteen 32-bit uniforms from seven 64-bit draws: a fixed slot per
    // reason, and the last for a removal.
    static_assert(reason_count <= 13);
    std::array<double, 14> u{};
    for (std::size_t i = 0; i < u.size(); i += 2) {
        const std::uint64_t bits = rng.next_u64();
        u[i] = static_cast<double>(bits >> 32) * 0x1.0p-32;
        u[i + 1] = static_cast<double>(bits & 0xffffffffu) * 0x1.0p-32;
    }
    if (plan.removal > 0.0 && u.back() < plan.removal) {
        d.removed = true;
        d.channel = Channel::removal;
        return d;
    }
    auto arrest = [&](int examined) {
        if (plan.extradition && examined >= plan.pre_arrest) {
            d.arrested = true;
            d.pending_months = plan.pending_months;
        }
    };
    for (int i = 0; i < plan.ground_count; ++i) {
        const RefusalGround& g = plan.grounds[i];
        const double draw = u[idx(g.reason)];
        if (draw < g.refuse) {
            d.reason = draw < g.first ? g.reason : g.also;
            arrest(i);
            return d;
        }
    }
    d.granted = true;
    arrest(plan.ground_count);
    return d;
}

namespace {

// The expectation of typical_grant_probability, summed term by term; it
// stops once the partial sum exceeds `stop_above` (the terms are not negative,
// so the sum can only grow): what a threshold test needs, for less work.
double expected_grant(const DecisionContext& ctx, const PairFacts& pair, RequestKind kind,
                      bool pretextual, bool refugee, double stop_above) {
    const auto& states = ctx.world.states;
    const FreedomStatus origin_status = states.fh_status[pair.origin];
    const GrantTerms* terms =
        &ctx.tables.grant_terms[pretextual][pair.protocol_open][idx(origin_status)];
    GrantTerms own;
    if (terms->serious_years != ctx.scenario.safeguards.serious_crime_years ||
        terms->speech_years != statutory_maximum_years(ctx.scenario.requests,
                                                       Offence::content_speech, origin_status)) {
        // A context whose scenario is not the one its tables were made for.
        own = grant_terms(ctx.scenario, pretextual, pair.protocol_open, origin_status);
        terms = &own;
    }
    const auto& mix = pretextual ? pretextual_offence_mix : legitimate_offence_mix;
    const double r_k = states.repression[pair.requested];
    // The grants of the plans built so far (bit i of `built`: plan i); the
    // rest is never read, so it is left uninitialised.
    std::array<double, 2 * offence_count> plan_grant;
    unsigned built = 0;
    RequestFacts f;
    f.origin = pair.origin;
    f.requested = pair.requested;
    f.kind = kind;
    f.pretextual = pretextual;
    f.refugee = refugee;
    double expected = 0.0;
    for (std::size_t i = 0; i < terms->count; ++i) {
        const GrantTerm& term = terms->terms[i];
        const double p_crime = crime_probability(term.offence, r_k);
        const double w = term.crime ? p_crime : 1.0 - p_crime;
        if (w == 0.0) continue;
        if (!(built >> term.plan & 1u)) {
            f.offence = term.offence;
            f.serious = term.serious;
            f.crime_in_requested = term.crime;
            plan_grant[term.plan] = lay_out<GrantTally>(ctx, pair, f).success_probability();
            built |= 1u << term.plan;
        }
        expected += mix[idx(term.offence)] * w * plan_grant[term.plan];
        if (expected > stop_above) return expected;
    }
    return expected;
}

}  // namespace

double typical_grant_probability(const DecisionContext& ctx, const PairFacts& pair,
                                 RequestKind kind, bool pretextual, bool refugee) {
    // The mix's weights sum to 1 up to rounding: a certain grant stays 1.
    return std::min(1.0, expected_grant(ctx, pair, kind, pretextual, refugee,
                                        std::numeric_limits<double>::infinity()));
}

bool typical_grant_exceeds(const DecisionContext& ctx, const PairFacts& pair, RequestKind kind,
                           bool pretextual, double threshold) {
    return expected_grant(ctx, pair, kind, pretextual, false, threshold) > threshold;
}

double typical_grant_probability(const DecisionContext& ctx, StateId origin, StateId requested,
                                 RequestKind kind, bool pretextual, bool refugee) {
    return typical_grant_probability(ctx, pair_facts(ctx, origin, requested), kind, pretextual,
                                     refugee);
}

bool typical_grant_exceeds(const DecisionContext& ctx, StateId origin, StateId requested,
                           RequestKind kind, bool pretextual, double threshold) {
    return typical_grant_exceeds(ctx, pair_facts(ctx, origin, requested), kind, pretextual,
                                 threshold);
}

}  // namespace havens
