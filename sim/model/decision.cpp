#include "model/decision.hpp"

#include <cmath>
#include <limits>

namespace havens {

namespace {

// The non-treaty instruments in the order a requesting state tries them:
// the most integrated first.
constexpr Channel non_treaty_order[] = {Channel::regional, Channel::budapest, Channel::mlat};

// What each non-treaty instrument covers: Budapest extradites only for its
// own offences (Art. 24); INTERPOL carries extradition requests only.
bool covers(Channel c, const RequestFacts& f) {
    switch (c) {
        case Channel::budapest:
            return f.kind != RequestKind::extradition ||
                   (f.offence == Offence::core_cybercrime || f.offence == Offence::fraud ||
                    f.offence == Offence::csam);
        case Channel::interpol: return f.kind == RequestKind::extradition;
        default: return true;
    }
}

// Chooses the channel: the convention where it is open and covers the
// request; else the regional, Budapest or bilateral instrument that covers
// it; else INTERPOL for extradition. A request that only the convention's
// channel links, outside its scope, still goes out on it and is refused
// there for scope.
struct Route {
    bool sent = false;
    Channel channel = Channel::interpol;
    bool in_scope = false;
};

Route route(const DecisionContext& ctx, const RequestFacts& f) {
    const ChannelMask open = ctx.world.network.channels(f.origin, f.requested);
    const bool treaty = uncc_open(ctx, f.origin, f.requested);
    if (treaty && in_uncc_scope(ctx, f)) return {true, Channel::uncc, true};
    for (Channel c : non_treaty_order) {
        if ((open & channel_bit(c)) && covers(c, f)) return {true, c, true};
    }
    if (covers(Channel::interpol, f)) return {true, Channel::interpol, true};
    // Only the treaty's scope can leave an open channel unused: every other
    // instrument carries evidence requests, and INTERPOL every extradition.
    if (treaty) return {true, Channel::uncc, false};
    return {};
}

double discretion_grant(const DecisionContext& ctx, const RequestFacts& f) {
    double grant = ctx.tables.discretion_grant[f.origin * ctx.tables.states + f.requested];
    if (f.kind == RequestKind::interception) {
        grant *= 1.0 - ctx.scenario.decision.interception_discretion;  // Art. 46
    }
    return grant;
}

// Whether the claimed penalty can change the decision: only through the
// treaty's serious-crime scope, for evidence of a non-Convention offence.
bool seriousness_matters(const DecisionContext& ctx, const RequestFacts& f) {
    return ctx.scenario.safeguards.scope == Scope::serious_crime &&
           f.kind != RequestKind::extradition && !convention_offence(ctx, f) &&
           uncc_open(ctx, f.origin, f.requested);
}

int channel_delay(const DecisionParams& p, Channel c) {
    switch (c) {
        case Channel::uncc: return p.delay_uncc;
        case Channel::mlat: return p.delay_mlat;
        case Channel::budapest: return p.delay_budapest;
        case Channel::regional: return p.delay_regional;
        case Channel::interpol: return p.delay_interpol;
    }
    return 0;
}

void plan_treaty_grounds(const DecisionContext& ctx, const RequestFacts& f, double j,
                         DecisionPlan& plan) {
    const auto& s = ctx.scenario.safeguards;
    const auto& p = ctx.scenario.decision;
    const double r_o = ctx.world.states.repression[f.origin];
    const StateId k = f.requested;
    const bool protocol_content = f.offence == Offence::content_speech &&
                                  convention_offence(ctx, f);  // k has criminalised it too
    const bool crime = f.crime_in_requested || protocol_content;
    if (!crime) {
        plan.add(Reason::dual_criminality,
                 s.dual_criminality == DualCriminality::mandatory ? 1.0 : j);
    }
    if (s.persecution_ground != PersecutionGround::deleted &&
        !ctx.treaty.reserved(k, Article::persecution_ground_40_22)) {
        // A "may" refuses only where the state is also willing, which rises with j.
        const double willing = s.persecution_ground == PersecutionGround::mandatory ? 1.0 : j;
        const double suspicion = f.pretextual ? p.detection * j : p.false_suspicion * r_o * j;
        plan.add(Reason::persecution_ground, suspicion * willing);
    }
    if (is_surveillance(f.kind) && s.conditions_safeguards == Presence::present &&
        !ctx.treaty.reserved(k, Article::conditions_safeguards_24)) {
        plan.add(Reason::conditions_safeguards,
                 (f.pretextual ? p.review_strength : p.review_disproportion) * j);
        plan.delay_months += p.delay_review;
    }
    if (s.human_rights_clause == Presence::present &&
        !ctx.treaty.reserved(k, Article::human_rights_clause_6_2) && f.pretextual) {
        plan.add(Reason::human_rights_clause, p.human_rights_weight * j);
    }
}

void plan_channel_rules(const DecisionContext& ctx, const RequestFacts& f, double j,
                        DecisionPlan& plan) {
    const auto& p = ctx.scenario.decision;
    const bool political = is_political(f.offence);
    switch (plan.channel) {
        case Channel::mlat:
            if (!f.crime_in_requested) plan.add(Reason::dual_criminality, 1.0);
            if (political) plan.add(Reason::channel_rules, p.political_exception * j);
            break;
        case Channel::budapest: {
            if (!f.crime_in_requested) plan.add(Reason::dual_criminality, j);
            // The political-offence exception (Art. 27(4)) and Budapest's own Art. 15
            // review are both rules of the channel: one ground, one draw.
            const double exception = political ? p.political_exception * j : 0.0;
            const double review =
                is_surveillance(f.kind) && f.pretextual ? p.review_strength * j : 0.0;
            if (exception > 0.0 || review > 0.0) {
                plan.add(Reason::channel_rules, 1.0 - (1.0 - exception) * (1.0 - review));
            }
            break;
        }
        case Channel::regional:
            if (!f.crime_in_requested) plan.add(Reason::dual_criminality, j);
            if (political) plan.add(Reason::channel_rules, p.regional_exception * j);
            break;
        case Channel::interpol: {
            // Article 3 review at the General Secretariat, then the host's courts.
            const double article3 = political ? p.interpol_article3 : 0.0;
            const double courts = political ? p.political_exception * j : 0.0;
            plan.add(Reason::channel_rules, 1.0 - (1.0 - article3) * (1.0 - courts));
            if (!f.crime_in_requested) plan.add(Reason::dual_criminality, 1.0);
            break;
        }
        case Channel::uncc: break;
    }
}

}  // namespace

DecisionTables decision_tables(const World& world, const Scenario& scenario) {
    const std::size_t n = world.states.size();
    const auto& p = scenario.decision;
    DecisionTables t;
    t.states = n;
    t.discretion_grant.resize(n * n);
    for (std::size_t o = 0; o < n; ++o) {
        for (std::size_t k = 0; k < n; ++k) {
            const double linear = p.grant_intercept +
                                  p.grant_alignment * world.network.alignment(o, k) -
                                  p.grant_rule_of_law * world.states.rule_of_law[k];
            t.discretion_grant[o * n + k] = 1.0 / (1.0 + std::exp(-linear));
        }
    }
    return t;
}

double DecisionPlan::grant_probability() const {
    if (!sent) return 0.0;
    double pass = 1.0;
    for (int i = 0; i < ground_count; ++i) pass *= 1.0 - grounds[i].refuse;
    return pass;
}

bool uncc_open(const DecisionContext& ctx, StateId a, StateId b) {
    return ctx.treaty.in_force_for(a, ctx.month) && ctx.treaty.in_force_for(b, ctx.month);
}

bool convention_offence(const DecisionContext& ctx, const RequestFacts& f) {
    switch (f.offence) {
        case Offence::core_cybercrime:
        case Offence::fraud:
        case Offence::csam: return true;
        case Offence::content_speech:
            return ctx.treaty.protocol_in_force_for(f.origin, ctx.month) &&
                   ctx.treaty.protocol_in_force_for(f.requested, ctx.month);
        case Offence::treason: return false;
    }
    return false;
}

bool in_uncc_scope(const DecisionContext& ctx, const RequestFacts& f) {
    if (convention_offence(ctx, f)) return true;
    // Evidence of any serious crime (Art. 35(1)(c), 40); extradition only
    // for Convention offences (Art. 37); the narrow scope: Convention offences only.
    return ctx.scenario.safeguards.scope == Scope::serious_crime &&
           f.kind != RequestKind::extradition && f.serious;
}

DecisionPlan plan_decision(const DecisionContext& ctx, const RequestFacts& f) {
    DecisionPlan plan;
    const Route r = route(ctx, f);
    if (!r.sent) return plan;
    plan.sent = true;
    plan.channel = r.channel;
    const auto& p = ctx.scenario.decision;
    plan.delay_months = f.kind == RequestKind::preservation ? 0 : channel_delay(p, r.channel);
    if (!r.in_scope) {
        plan.add(Reason::scope, 1.0);
        return plan;
    }
    const double j = ctx.world.states.rule_of_law[f.requested];
    if (r.channel == Channel::uncc) {
        plan_treaty_grounds(ctx, f, j, plan);
    } else {
        plan_channel_rules(ctx, f, j, plan);
    }
    plan.add(Reason::discretion, 1.0 - discretion_grant(ctx, f));
    return plan;
}

Decision decide(const DecisionPlan& plan, RandomStream& rng) {
    Decision d;
    d.sent = plan.sent;
    d.channel = plan.channel;
    d.delay_months = plan.delay_months;
    if (!plan.sent) return d;
    // Eight 32-bit uniforms from four 64-bit draws: a fixed slot per reason.
    std::array<double, 8> u{};
    for (std::size_t i = 0; i < u.size(); i += 2) {
        const std::uint64_t bits = rng.next_u64();
        u[i] = static_cast<double>(bits >> 32) * 0x1.0p-32;
        u[i + 1] = static_cast<double>(bits & 0xffffffffu) * 0x1.0p-32;
    }
    for (int i = 0; i < plan.ground_count; ++i) {
        const RefusalGround& g = plan.grounds[i];
        if (u[idx(g.reason)] < g.refuse) {
            d.reason = g.reason;
            return d;
        }
    }
    d.granted = true;
    return d;
}

namespace {

// The expectation of typical_grant_probability, summed term by term; it
// stops once the partial sum exceeds `stop_above` (the terms are not negative,
// so the sum can only grow): what a threshold test needs, for less work.
double expected_grant(const DecisionContext& ctx, StateId origin, StateId requested,
                      RequestKind kind, bool pretextual, double stop_above) {
    const auto& states = ctx.world.states;
    const auto& mix = pretextual ? pretextual_offence_mix : legitimate_offence_mix;
    const double r_o = states.repression[origin];
    const double r_k = states.repression[requested];
    const double years = ctx.scenario.safeguards.serious_crime_years;
    double expected = 0.0;
    for (std::size_t c = 0; c < offence_count; ++c) {
        if (mix[c] == 0.0) continue;
        const Offence offence = static_cast<Offence>(c);
        const double p_crime = crime_probability(offence, r_k);
        RequestFacts f{origin, requested, kind, offence, false, false, pretextual};
        const bool both = seriousness_matters(ctx, f);
        const double p_serious =
            both ? std::exp(-years / (mean_penalty_years[c] *
                                      (1.0 + ctx.scenario.requests.penalty_repression * r_o)))
                 : 0.0;
        for (int serious = 0; serious < (both ? 2 : 1); ++serious) {
            for (int crime = 0; crime < 2; ++crime) {
                const double w = (both ? (serious ? p_serious : 1.0 - p_serious) : 1.0) *
                                 (crime ? p_crime : 1.0 - p_crime);
                if (w == 0.0) continue;
                f.serious = serious == 1;
                f.crime_in_requested = crime == 1;
                expected += mix[c] * w * plan_decision(ctx, f).grant_probability();
                if (expected > stop_above) return expected;
            }
        }
    }
    return expected;
}

}  // namespace

double typical_grant_probability(const DecisionContext& ctx, StateId origin, StateId requested,
                                 RequestKind kind, bool pretextual) {
    return expected_grant(ctx, origin, requested, kind, pretextual,
                          std::numeric_limits<double>::infinity());
}

bool typical_grant_exceeds(const DecisionContext& ctx, StateId origin, StateId requested,
                           RequestKind kind, bool pretextual, double threshold) {
    return expected_grant(ctx, origin, requested, kind, pretextual, threshold) > threshold;
}

}  // namespace havens
