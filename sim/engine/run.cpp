#include "engine/run.hpp"

#include <tbb/parallel_for.h>

#include "core/distributions.hpp"
#include "engine/output_registry.hpp"
#include "engine/request_phase.hpp"
#include "model/conference.hpp"
#include "model/contagion.hpp"
#include "model/exile_risk.hpp"
#include "model/ratification.hpp"
#include "model/safe_havens.hpp"
#include "model/treaty_status.hpp"
#include "model/treaty_step.hpp"

namespace havens {

namespace {

struct RunContext {
    const World& world;
    const Scenario& scenario;
    StreamKey key;
    ReservationPropensity propensity;
    KindTable kinds;
    DecisionTables tables;
    ExileSetup setup;                       // where exiles and suspects live
    std::vector<double> legitimate_shares;  // each state's share of the legitimate stream
    RelocationChoice relocation;            // where a relocating exile goes
};

// A sent request on its way: decided when sent, effective when it completes.
// An extradition that leads to an arrest passes through twice: at the arrest,
// then at the decision.
struct InFlight {
    Request request;
    Decision decision;
    Month sent = 0;
    std::uint32_t serial = 0;
    std::size_t event = 0;                 // its line in the event log, when kept
    bool at_arrest = false;                // the next stop is the arrest
    std::optional<ExileStatus> held_from;  // arrested: the target's status before
};

struct ReplicateState {
    TreatyStatus treaty;
    Exiles exiles;
    PopulationState population;
    SafeHavenMap havens;
    ExileRiskTracker risk;
    std::vector<std::vector<InFlight>> due;  // by completion month
    std::int64_t pending = 0;
};

Exiles populate(const RunContext& ctx) {
    Exiles exiles = allocate_exiles(ctx.setup);
    // Each exile's draws are keyed by its index: any split gives the same population.
    tbb::parallel_for(ExileId{0}, static_cast<ExileId>(exiles.size()), [&](ExileId i) {
        draw_exile(ctx.setup, ctx.world.states, ctx.key, i, exiles);
    });
    tbb::parallel_for(ExileId{0}, static_cast<ExileId>(exiles.size()),
                      [&](ExileId i) { draw_contacts(ctx.setup, ctx.key, i, exiles); });
    return exiles;
}

RequestEvent event_of(const IssuedRequest& r, Month t) {
    const auto& f = r.request.facts;
    RequestEvent e;
    e.month_sent = t;
    e.target = r.request.target;
    e.origin = f.origin;
    e.requested = f.requested;
    e.kind = static_cast<std::uint8_t>(f.kind);
    e.offence = static_cast<std::uint8_t>(f.offence);
    e.pretextual = f.pretextual;
    e.dual_criminality = f.crime_in_requested;
    e.channel = r.decision.sent ? static_cast<std::uint8_t>(r.decision.channel) : channel_count;
    e.outcome = static_cast<std::uint8_t>(r.decision.sent ? RequestOutcome::pending
                                                          : RequestOutcome::not_sent);
    e.reason = static_cast<std::uint8_t>(reason_count);
    e.penalty_years = r.request.penalty_years;
    return e;
}

void schedule(const RunContext& ctx, Month when, InFlight f, ReplicateState& state) {
    if (when >= ctx.scenario.months) return;  // still pending at the horizon
    state.due[static_cast<std::size_t>(when)].push_back(f);
}

void send(const RunContext& ctx, const std::vector<IssuedRequest>& issued, Month t,
          ReplicateState& state, ReplicateResult& out) {
    const bool log = ctx.scenario.output.request_log;
    const int cap = ctx.scenario.requests.per_target_month;
    for (const IssuedRequest& r : issued) {
        if (!r.issued) continue;
        const ExileId target = r.request.target;
        if (target != no_exile && !admit_request(target, t, cap, state.exiles, state.population)) {
            continue;  // the campaign's requests against this exile this month are spent
        }
        ++out.requests_issued[t];
        if (log) out.events.push_back(event_of(r, t));
        if (!r.decision.sent) {
            ++out.requests_not_sent[t];
            continue;
        }
        ++out.requests_sent[t];
        ++out.sent_by_channel[t * channel_count + idx(r.decision.channel)];
        if (!r.request.facts.pretextual) ++out.legitimate_sent[r.request.facts.origin];
        ++state.pending;
        schedule(ctx, t + r.decision.delay_months,
                 InFlight{r.request,
                          r.decision,
                          t,
                          r.serial,
                          log ? out.events.size() - 1 : 0,
                          r.decision.arrested,
                          {}},
                 state);
    }
}

void send_requests(const RunContext& ctx, const DecisionContext& decisions, Month t,
                   ReplicateState& state, ReplicateResult& out) {
    prune_priority_pools(state.exiles, state.population);
    send(ctx,
         issue_requests(decisions, ctx.kinds, ctx.key, state.exiles, state.population,
                        Execution::parallel),
         t, state, out);
    send(ctx,
         issue_legitimate_requests(decisions, ctx.kinds, ctx.key, ctx.setup, ctx.legitimate_shares,
                                   Execution::parallel),
         t, state, out);
}

Havens havens_for(const RunContext& ctx, const ReplicateState& state, ExileId target) {
    return {state.havens.list_of(state.exiles.origin[target]), ctx.relocation};
}

// The provisional arrest on a Red Notice: the target waits in custody for
// the extradition decision. A target already in custody on another request
// cannot be arrested again: this request lapses.
void arrest(const RunContext& ctx, Month t, InFlight f, ReplicateState& state,
            ReplicateResult& out) {
    const bool log = ctx.scenario.output.request_log;
    if (f.request.target != no_exile) {
        f.held_from = apply_arrest(f.request.target, state.exiles, state.population);
        if (!f.held_from) {
            --state.pending;
            ++out.requests_lapsed[t];
            if (log) {
                out.events[f.event].month_completed = t;
                out.events[f.event].outcome = static_cast<std::uint8_t>(RequestOutcome::lapsed);
            }
            return;
        }
    }
    if (log) out.events[f.event].month_arrested = t;
    f.at_arrest = false;
    schedule(ctx, t + f.decision.pending_months, f, state);
}

// A removal outside the law: the host hands the target over when it finds
// them; a target already in custody is out of reach and the request lapses.
void remove(const RunContext& ctx, Month t, const InFlight& f, ReplicateState& state,
            ReplicateResult& out) {
    --state.pending;
    const bool done = f.request.target == no_exile ||
                      apply_removal(f.request.target, state.exiles, state.population);
    ++(done ? out.requests_removed : out.requests_lapsed)[t];
    if (ctx.scenario.output.request_log) {
        RequestEvent& e = out.events[f.event];
        e.month_completed = t;
        e.outcome =
            static_cast<std::uint8_t>(done ? RequestOutcome::removed : RequestOutcome::lapsed);
    }
}

void count_move(const GrantEffect& effect, ExileId target, const ReplicateState& state,
                ReplicateResult& out) {
    if (!effect.relocated) return;
    const std::size_t n = state.population.states;
    ++out.flows_relocated[state.exiles.origin[target] * n + state.exiles.host[target]];
}

void resolve(const RunContext& ctx, Month t, const InFlight& f, ReplicateState& state,
             ReplicateResult& out) {
    const std::size_t n = ctx.world.states.size();
    --state.pending;
    const RequestFacts& facts = f.request.facts;
    const bool pretext = facts.pretextual;
    const ExileId target = f.request.target;
    if (ctx.scenario.output.request_log) {
        RequestEvent& e = out.events[f.event];
        e.month_completed = t;
        e.outcome = static_cast<std::uint8_t>(f.decision.granted ? RequestOutcome::granted
                                                                 : RequestOutcome::refused);
        if (!f.decision.granted) e.reason = static_cast<std::uint8_t>(f.decision.reason);
    }
    RandomStream rng(ctx.key, Purpose::contagion, static_cast<std::uint32_t>(f.sent), facts.origin,
                     f.serial);
    if (!f.decision.granted) {
        ++out.requests_refused[t];
        ++(pretext ? out.refused_pretextual : out.refused_legitimate)[t];
        ++out.refused_by_reason[t * reason_count + idx(f.decision.reason)];
        if (!pretext) ++out.legitimate_refused[facts.origin];
        if (f.held_from) {
            const GrantEffect effect =
                apply_release(target, *f.held_from, ctx.scenario.contagion,
                              havens_for(ctx, state, target), rng, state.exiles, state.population);
            count_move(effect, target, state, out);
        }
        return;
    }
    ++out.requests_granted[t];
    ++(pretext ? out.granted_pretextual : out.granted_legitimate)[t];
    ++out.granted_by_channel[t * channel_count + idx(f.decision.channel)];
    ++out.flows_granted[facts.origin * n + facts.requested];
    if (target == no_exile) return;
    if (facts.kind == RequestKind::extradition) {
        if (f.held_from) apply_surrender(target, state.exiles, state.population);
        return;
    }
    const GrantEffect effect =
        apply_grant(f.request, ctx.scenario.contagion, havens_for(ctx, state, target), rng,
                    state.exiles, state.population);
    count_move(effect, target, state, out);
}

void complete_requests(const RunContext& ctx, Month t, ReplicateState& state,
                       ReplicateResult& out) {
    auto& due = state.due[static_cast<std::size_t>(t)];
    // By index: an arrest with no wait before its decision lands back in this month.
    for (std::size_t i = 0; i < due.size(); ++i) {
        InFlight f = due[i];
        if (f.decision.removed) {
            remove(ctx, t, f, state, out);
        } else if (f.at_arrest) {
            arrest(ctx, t, f, state, out);
        } else {
            resolve(ctx, t, f, state, out);
        }
    }
    due.clear();
    due.shrink_to_fit();
}

void record(const RunContext& ctx, const DecisionContext& decisions, Month t, ReplicateState& state,
            ReplicateResult& out) {
    const TreatyStatus& status = state.treaty;
    out.parties[t] = status.parties;
    out.treaty_in_force[t] = status.in_force(t);
    out.cosp_session[t] = conference_in_session(ctx.scenario.treaty, status, t);
    out.protocol_adopted[t] = status.protocol_adopted_month != never;
    out.protocol_parties[t] = status.protocol_parties;
    out.protocol_in_force[t] = status.protocol_in_force(t);
    out.requests_pending[t] = state.pending;
    for (std::size_t s = 0; s < status_count; ++s) {
        out.exiles_by_status[t * status_count + s] = state.population.by_status[s];
    }
    const std::size_t n = ctx.world.states.size();
    std::int64_t in_haven = 0;
    for (StateId o = 0; o < n; ++o) {
        out.safe_havens[t * n + o] = state.havens.havens_of(o);
        for (StateId h : state.havens.list_of(o)) in_haven += state.population.residents[o * n + h];
    }
    out.share_exiles_in_safe_haven[t] =
        state.exiles.size()
            ? static_cast<double>(in_haven) / static_cast<double>(state.exiles.size())
            : 0.0;
    const ExileRisk risk = state.risk.update(decisions, state.population);
    out.exile_risk[t] = risk.overall;
    out.exile_risk_data[t] = risk.data;
    out.exile_risk_bodily[t] = risk.bodily;
    std::copy(risk.by_origin.begin(), risk.by_origin.end(),
              out.exile_risk_by_origin.begin() + t * n);
}

void step_month(const RunContext& ctx, Month t, ReplicateState& state, ReplicateResult& out) {
    advance_treaty(ctx.world, ctx.scenario, ctx.propensity, ctx.key, t, state.treaty);
    const DecisionContext decisions{ctx.world, state.treaty, ctx.scenario, ctx.tables, t};
    state.havens.update(decisions);
    send_requests(ctx, decisions, t, state, out);
    complete_requests(ctx, t, state, out);
    record(ctx, decisions, t, state, out);
}

// The chance that a typical data request (subscriber data, pretextual with
// the origin's average pretext probability) would be granted at the horizon.
std::vector<double> horizon_grant_probability(const RunContext& ctx, const ReplicateState& state) {
    const std::size_t n = ctx.world.states.size();
    const DecisionContext decisions{ctx.world, state.treaty, ctx.scenario, ctx.tables,
                                    ctx.scenario.months - 1};
    const auto& e = ctx.scenario.exiles;
    const double shares[] = {e.share_journalist, e.share_defender, e.share_activist,
                             e.share_researcher,
                             std::max(0.0, 1.0 - e.share_journalist - e.share_defender -
                                               e.share_activist - e.share_researcher)};
    std::vector<double> p(n * n, 0.0);
    tbb::parallel_for(std::size_t{0}, n, [&](std::size_t o) {
        double pretext = 0.0, total = 0.0;
        for (std::size_t c = 0; c < category_count; ++c) {
            pretext += shares[c] * pretext_probability(ctx.scenario.requests,
                                                       ctx.world.states.repression[o],
                                                       static_cast<Category>(c));
            total += shares[c];
        }
        pretext = total > 0 ? pretext / total : 0.0;
        for (std::size_t k = 0; k < n; ++k) {
            if (k == o) continue;
            const PairFacts pair =
                pair_facts(decisions, static_cast<StateId>(o), static_cast<StateId>(k));
            p[o * n + k] =
                pretext *
                    typical_grant_probability(decisions, pair, RequestKind::subscriber_data, true) +
                (1.0 - pretext) *
                    typical_grant_probability(decisions, pair, RequestKind::subscriber_data, false);
        }
    });
    return p;
}

// Every array sized from the output registry, months of events "never".
ReplicateResult empty_result(std::size_t months, std::size_t states) {
    ReplicateResult r;
    visit_fields(
        [&](std::string_view name, auto& member) {
            using M = std::decay_t<decltype(member)>;
            const output::Variable* v = output::find_member(name);
            if constexpr (requires { member.assign(std::size_t{}, typename M::value_type{}); }) {
                if (v == nullptr) return;  // the event log grows as requests are made
                using T = typename M::value_type;
                std::size_t size = output::per_replicate_size(*v, months, states);
                if constexpr (requires { std::tuple_size<T>::value; }) {
                    size /= std::tuple_size<T>::value;
                    member.assign(size, T{});
                } else if constexpr (std::is_arithmetic_v<T>) {
                    member.assign(size,
                                  static_cast<T>(v->coding == output::Coding::never ? never : 0));
                }
            }
        },
        r);
    return r;
}

}  // namespace

ReplicateResult run_replicate(const World& world, const Scenario& scenario,
                              std::uint64_t replicate) {
    const std::size_t n = world.states.size();
    RunContext ctx{world,
                   scenario,
                   StreamKey{scenario.seed, replicate},
                   reservation_propensity(world.states, scenario.treaty),
                   kind_table(scenario.requests),
                   decision_tables(world, scenario),
                   prepare_exiles(world, scenario.exiles, scenario.world.exiles),
                   legitimate_request_shares(world.states),
                   {}};
    ctx.relocation = relocation_choice(world, ctx.setup, scenario.contagion);
    ReplicateState state{initial_treaty_status(world, scenario, ctx.key),
                         populate(ctx),
                         {},
                         SafeHavenMap(n),
                         ExileRiskTracker(n, scenario.requests),
                         {},
                         0};
    state.population = initial_population_state(state.exiles, n);
    state.due.resize(static_cast<std::size_t>(scenario.months));
    auto out = empty_result(static_cast<std::size_t>(scenario.months), n);
    for (Month t = 0; t < scenario.months; ++t) step_month(ctx, t, state, out);

    out.signed_month = state.treaty.signed_month;
    out.ratified_month = state.treaty.ratified_month;
    out.treaty_in_force_month = state.treaty.in_force_month;
    out.protocol_ratified_month = state.treaty.protocol_ratified_month;
    out.reservations = state.treaty.reservations;
    out.entry_into_force_month = state.treaty.entry_into_force_month;
    out.cosp_first_month = state.treaty.cosp_first_month;
    out.protocol_draft_month = state.treaty.protocol_draft_month;
    out.protocol_first_vote_month = state.treaty.protocol_first_vote_month;
    out.protocol_adopted_month = state.treaty.protocol_adopted_month;
    out.protocol_votes = state.treaty.protocol_votes_held;
    out.exiles = static_cast<std::int64_t>(state.exiles.size());
    // Computed only for the flows group: without it, not even kept.
    out.grant_probability =
        scenario.output.flows ? horizon_grant_probability(ctx, state) : std::vector<double>{};
    out.safe_haven = state.havens.matrix();
    return out;
}

}  // namespace havens
