// How a requested state answers (docs/ODD.md "Decision"): the
// instrument a request travels under (the convention adds a basis beside the
// ones in place), then the chain of refusal grounds: the requested state's
// own law and its non-refoulement duties on every channel, the instrument's
// grounds, discretion. An extradition starts as a Red Notice: INTERPOL's
// Article 3 review, a provisional arrest, then the surrender decision under a
// legal basis, or a refusal for want of one. A decision is first laid out as
// a plan (each ground with its chance to refuse); the stochastic decision and
// the analytic grant probability both read the same plan, so they cannot drift.
#pragma once

#include <algorithm>
#include <array>
#include <optional>

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/request.hpp"
#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens {

// The parts of the rules that no event of a run changes, computed once per
// run: per pair, the discretionary grant probability (under a treaty and,
// lower, under comity) and the chance of a removal outside the law; per
// state, a global platform's chance to disclose directly to it, and whether
// it is a home of global platforms that may disclose directly.
struct DecisionTables {
    std::vector<double> discretion_grant;         // [origin * n + requested]
    std::vector<double> comity_grant;             // [origin * n + requested]
    std::vector<double> removal;                  // [origin * n + host]
    std::vector<double> provider_disclosure;      // [requesting state]
    std::vector<std::uint8_t> direct_disclosure;  // [provider's home]: 1 for USA, IRL
    std::vector<std::uint8_t> content_agreement;  // [requesting state]: a CLOUD Act agreement
    // [requested state]: extradites only under a treaty, so arrests on no
    // Red Notice without one: its legal system's rule unless a scenario's
    // intervention sets it.
    std::vector<std::uint8_t> treaty_required;
    std::size_t states = 0;
};
DecisionTables decision_tables(const World& world, const Scenario& scenario);

struct DecisionContext {
    const World& world;
    const TreatyStatus& treaty;
    const Scenario& scenario;
    const DecisionTables& tables;
    Month month = 0;
};

// One refusal test, drawn on the uniform of `reason`. A test may carry two
// grounds that overlap (the requested state's persecution bar and the
// convention's Art. 40(22)/37 ground are one examination): the first refuses
// below `first`, the second adds only [first, refuse), so removing the second
// removes only what it added.
// Trivially constructible: a plan's unused slots are never read, so they
// are left uninitialised (plans are built about a million times a run).
struct RefusalGround {
    Reason reason;
    double refuse;  // chance this test refuses, given the request reaches it
    double first;   // the part refused under `reason`; the rest under `also`
    Reason also;
};

struct DecisionPlan {
    bool sent = false;  // false: no channel links the two states
    // Extradition: the chance that the host hands the target over outside
    // the law before any of the grounds below is examined.
    double removal = 0.0;
    Channel channel = Channel::interpol;
    std::array<RefusalGround, 8> grounds;  // in the order they are examined; [0, ground_count) set
    int ground_count = 0;
    int delay_months = 0;  // from sending to effect, refusal or (extradition) arrest
    // Extradition: grounds before this index are examined before the
    // provisional arrest (INTERPOL's review); a request passing them is
    // arrested and decided `pending_months` later.
    bool extradition = false;
    int pre_arrest = 0;
    int pending_months = 0;

    void add(Reason reason, double refuse) {
        grounds[ground_count++] = {reason, refuse, refuse, reason};
    }
    void add_overlapping(Reason reason, double refuse, Reason also, double also_refuse) {
        grounds[ground_count++] = {reason, std::max(refuse, also_refuse), refuse, also};
    }
    // Chance of a grant by the law: every ground passed, given no removal.
    double grant_probability() const;
    // Chance the request achieves its end: a removal, or else a grant.
    double success_probability() const { return removal + (1.0 - removal) * grant_probability(); }
};

// A global platform's chance to answer a direct request of this state:
// the posterior mean of a beta-binomial fit to the requests on record, or the
// fit's prior mean, logistic(intercept + freedom * FH score / 100), for a state
// not on record (docs/ODD.md 8).
double provider_disclosure_probability(const StateTable& states, const DecisionParams& p,
                                       StateId requesting);

// The instruments that bind the pair for this request (the pair's static
// channels): a regional instrument limited to terrorism (the SCO's) carries
// no other charge.
ChannelMask open_channels(const DecisionContext& ctx, const RequestFacts& f);

// The legal basis for an extradition between o and k, in the order states
// use them: a treaty, a regional convention, Budapest (its offences), the
// convention (Art. 37, Convention offences, in force for both), reciprocity
// (a requested state whose law allows it); none: Channel::interpol.
Channel extradition_basis(const DecisionContext& ctx, const RequestFacts& f);

// The treaty channel is open between two states in month t when the
// convention is in force for both.
bool uncc_open(const DecisionContext& ctx, StateId a, StateId b);

// What the treaty and relations mean between two states in month t, as
// bits: the convention in force for both, the protocol in force for both,
// the two hostile (data/hostile_relations.csv), an INTERPOL measure against
// a's notices (data/interpol_measures.csv). Nothing else in a run changes a
// pair's decision plans (ODD "Safe havens").
std::uint8_t treaty_signature(const DecisionContext& ctx, StateId a, StateId b);

// Whether an offence is a Convention offence between the two states: the
// Convention's own offences, and content offences where the protocol is in
// force for both.
bool convention_offence(const DecisionContext& ctx, const RequestFacts& f);

// Whether the convention's scope covers a request (Art. 35, 37, 40).
bool in_uncc_scope(const DecisionContext& ctx, const RequestFacts& f);

DecisionPlan plan_decision(const DecisionContext& ctx, const RequestFacts& f);

struct Decision {
    bool sent = false;
    bool granted = false;
    bool removed = false;   // extradition: handed over outside the law (channel removal)
    bool arrested = false;  // extradition: provisionally arrested on the Red Notice
    Channel channel = Channel::interpol;
    Reason reason = Reason::discretion;  // the ground that refused, when refused
    int delay_months = 0;                // to the effect, the refusal or the arrest
    int pending_months = 0;              // arrested: from the arrest to the decision
};

// Draws the decision: one uniform per reason (fixed slots, so that arms that
// differ in which grounds apply still share the draws of the others) and one
// for a removal. A plan draws each slot at most once, so draws and
// grant_probability() agree.
Decision decide(const DecisionPlan& plan, RandomStream& rng);

// Probability that a typical pretextual (or legitimate) request of this kind
// from o to k is granted, or for an extradition answered by a removal: the
// expectation over the offence mix, the claimed penalty and dual
// criminality, from the same plans as the decisions (success_probability).
double typical_grant_probability(const DecisionContext& ctx, StateId origin, StateId requested,
                                 RequestKind kind, bool pretextual, bool refugee = false);

// Whether that probability exceeds `threshold`, computed only as far as needed.
bool typical_grant_exceeds(const DecisionContext& ctx, StateId origin, StateId requested,
                           RequestKind kind, bool pretextual, double threshold);

}  // namespace havens
