// How a requested state answers (docs/ODD.md "Decision"): the
// instrument a request travels under (the convention adds a basis beside the
// ones in place), then the chain of refusal grounds: the requested state's
// own law and its non-refoulement duties on every channel, the instrument's
// grounds, discretion. An extradition starts as a Red Notice: INTERPOL's
// Article 3 review, a provisional arrest, then the surrender decision under a
// legal basis, or a refusal for want of one. A decision is first laid out as
// a plan (each ground with its chance to refuse); the stochastic decision
// reads the plan, the analytic grant probability the same lay-out by the same
// builders, which keeps only the product of the pass chances (GrantTally in
// decision.cpp), so they cannot drift (a test holds them equal bit for bit).
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

// One term of the expectation over a typical request
// (typical_grant_probability): an offence of the mix, whether the conduct is
// a crime in the requested state, and which of the expectation's plans the
// term reads (terms whose requests the rules cannot tell apart share one).
// Trivially constructible: only [0, count) of a GrantTerms is read.
struct GrantTerm {
    Offence offence;
    bool serious;
    bool crime;
    std::uint8_t plan;
};

// The terms of one expectation in the order they are summed: the offences
// of the mix by falling weight, each with the conduct not a crime (where it
// is not a crime everywhere), then a crime, in the requested state; a term
// whose chance is 0 in the requested state is passed over.
// They depend on the mix, on whether the protocol binds the pair, on the
// origin's maximum penalty for a content offence and on the Art. 2 threshold,
// which are kept to check that a context's scenario is the one they were laid
// out under.
struct GrantTerms {
    std::array<GrantTerm, 2 * offence_count> terms;
    std::size_t count = 0;
    double serious_years = 0.0;  // safeguards.serious_crime_years
    double speech_years = 0.0;   // the origin's maximum penalty for a content offence
};
GrantTerms grant_terms(const Scenario& scenario, bool pretextual, bool protocol_open,
                       FreedomStatus origin_status);

// The parts of the rules that no event of a run changes, computed once per
// run: per pair, the discretionary grant probability (under a treaty and,
// lower, under comity) and the chance of a removal outside the law; per
// state, a global platform's chance to disclose directly to it, and whether
// it is a home of global platforms that may disclose directly; the terms of
// the expectations.
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
    // [pretextual][protocol in force for both][origin's FreedomStatus]
    std::array<std::array<std::array<GrantTerms, 3>, 2>, 2> grant_terms;
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

// An INTERPOL measure against the origin's notices, as a plan reads it: none,
// one for terrorism charges only, or one for every charge.
enum class MeasureScope : std::uint8_t { none, terrorism, every_charge };

// What the rules read of an ordered pair of states in the context's month,
// whatever the request: gathered once, so that the plans of one pair (an
// expectation builds one per offence key, and its callers ask for several
// kinds) read only what the request adds. Every plan reads the pair through
// these, the stochastic decision's as the expectation's.
struct PairFacts {
    StateId origin = 0;
    StateId requested = 0;
    ChannelMask channels = 0;        // the pair's static channels (open_channels filters them)
    bool hostile = false;            // relations severed in the month
    bool uncc_open = false;          // the convention in force for both
    bool protocol_open = false;      // the protocol in force for both
    bool treaty_required = false;    // the requested state extradites only under a treaty
    bool direct_disclosure = false;  // the requested state is a home of global platforms
    bool content_agreement = false;  // the origin has a CLOUD Act agreement
    // Reserved by the requested state: Art. 40(22), 24 and 6(2).
    bool persecution_reserved = false;
    bool conditions_reserved = false;
    bool human_rights_reserved = false;
    MeasureScope heightened_review = MeasureScope::none;  // against the origin's notices
    MeasureScope refuse_movement = MeasureScope::none;
    double rule_of_law = 0.0;        // j of the requested state
    double origin_repression = 0.0;  // r of the origin
    double discretion_grant = 0.0;   // DecisionTables, for the pair
    double comity_grant = 0.0;
    double removal = 0.0;
    double provider_disclosure = 0.0;  // to the origin
};
PairFacts pair_facts(const DecisionContext& ctx, StateId origin, StateId requested);

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

    // The product of the grounds' chances to pass, in the order they were
    // added, kept as they are (GrantTally keeps it the same way).
    double pass = 1.0;

    void add(Reason reason, double refuse) {
        grounds[ground_count++] = {reason, refuse, refuse, reason};
        pass *= 1.0 - refuse;
    }
    void add_overlapping(Reason reason, double refuse, Reason also, double also_refuse) {
        const double either = std::max(refuse, also_refuse);
        grounds[ground_count++] = {reason, either, refuse, also};
        pass *= 1.0 - either;
    }
    // Chance of a grant by the law: every ground passed, given no removal.
    double grant_probability() const { return sent ? pass : 0.0; }
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
// The bits of it that are each state's own (in force for it, the protocol in
// force for it, a measure against its notices), and the signature from them,
// for callers that ask about many pairs of the same states.
std::uint8_t state_signature(const DecisionContext& ctx, StateId s);
std::uint8_t treaty_signature(const DecisionContext& ctx, StateId a, std::uint8_t state_a,
                              StateId b, std::uint8_t state_b);

// Whether an offence is a Convention offence between the two states: the
// Convention's own offences, and content offences where the protocol is in
// force for both.
bool convention_offence(const DecisionContext& ctx, const RequestFacts& f);

// Whether the convention's scope covers a request (Art. 35, 37, 40).
bool in_uncc_scope(const DecisionContext& ctx, const RequestFacts& f);

DecisionPlan plan_decision(const DecisionContext& ctx, const RequestFacts& f);
// The same, for a request between the two states of `pair` (pair_facts of
// f.origin and f.requested in the context's month).
DecisionPlan plan_decision(const DecisionContext& ctx, const PairFacts& pair,
                           const RequestFacts& f);

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

// The same two for a pair gathered once (pair_facts), for callers that ask
// for several kinds of request between the same two states.
double typical_grant_probability(const DecisionContext& ctx, const PairFacts& pair,
                                 RequestKind kind, bool pretextual, bool refugee = false);
bool typical_grant_exceeds(const DecisionContext& ctx, const PairFacts& pair, RequestKind kind,
                           bool pretextual, double threshold);

}  // namespace havens
