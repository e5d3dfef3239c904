// How a requested state answers (DESIGN 1.4): the channel a request travels
// on, then the chain of refusal grounds in force on that channel, each a
// scenario option, then discretion. A decision is first laid out as a plan
// (each ground with its chance to refuse); the stochastic decision and the
// analytic grant probability both read the same plan, so they cannot drift.
#pragma once

#include <array>
#include <optional>

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/request.hpp"
#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens {

// The per-pair parts of the rules that no event of a run changes, computed
// once per run: the discretionary grant probability of every pair.
struct DecisionTables {
    std::vector<double> discretion_grant;  // [origin * n + requested]
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

struct RefusalGround {
    Reason reason = Reason::discretion;
    double refuse = 0.0;  // chance this ground refuses, given the request reaches it
};

struct DecisionPlan {
    bool sent = false;                // false: no channel links the two states
    Channel channel = Channel::interpol;
    std::array<RefusalGround, 6> grounds{};  // in the order they are examined
    int ground_count = 0;
    int delay_months = 0;             // from sending to effect (or refusal)

    void add(Reason reason, double refuse) { grounds[ground_count++] = {reason, refuse}; }
    // Chance of a grant: every ground passed.
    double grant_probability() const;
};

// The treaty channel is open between two states in month t when the
// convention is in force for both.
bool uncc_open(const DecisionContext& ctx, StateId a, StateId b);

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
    Channel channel = Channel::interpol;
    Reason reason = Reason::discretion;  // the ground that refused, when refused
    int delay_months = 0;
};

// Draws the decision: one uniform per reason (fixed slots, so that arms that
// differ in which grounds apply still share the draws of the others). A plan
// holds each reason at most once, so draws and grant_probability() agree.
Decision decide(const DecisionPlan& plan, RandomStream& rng);

// Probability that a typical pretextual (or legitimate) request of this kind
// from o to k is granted: the expectation over the offence mix, the claimed
// penalty and dual criminality, from the same plans as the decisions.
double typical_grant_probability(const DecisionContext& ctx, StateId origin, StateId requested,
                                 RequestKind kind, bool pretextual);

// Whether that probability exceeds `threshold`, computed only as far as needed.
bool typical_grant_exceeds(const DecisionContext& ctx, StateId origin, StateId requested,
                           RequestKind kind, bool pretextual, double threshold);

}  // namespace havens
