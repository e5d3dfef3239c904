#include "engine/run.hpp"

#include "model/protocol.hpp"
#include "model/ratification.hpp"
#include "model/treaty_status.hpp"

namespace havens {

namespace {

struct RunContext {
    const World& world;
    const Scenario& scenario;
    StreamKey key;
    ReservationPropensity propensity;
};

void ratify(const RunContext& ctx, Month t, TreatyStatus& status) {
    const auto deposits = draw_deposits(ctx.world, ctx.scenario, status, t, ctx.key);
    apply_deposits(deposits, t, ctx.scenario.treaty, ctx.propensity, ctx.key, status);
}

void negotiate_protocol(const RunContext& ctx, Month t, TreatyStatus& status) {
    if (protocol_vote_due(ctx.scenario.treaty, status, t)) {
        const VoteTally tally =
            hold_protocol_vote(ctx.world, ctx.scenario.ratification, status, t, ctx.key);
        record_protocol_vote(tally, ctx.scenario.treaty, t, status);
    }
    const auto deposits = draw_protocol_deposits(ctx.world, ctx.scenario, status, t, ctx.key);
    apply_protocol_deposits(deposits, t, ctx.scenario.treaty, status);
}

void record(const TreatyStatus& status, Month t, ReplicateResult& out) {
    out.parties[t] = status.parties;
    out.treaty_in_force[t] = status.in_force(t);
    out.protocol_adopted[t] = status.protocol_adopted_month != never;
    out.protocol_parties[t] = status.protocol_parties;
    out.protocol_in_force[t] = status.protocol_in_force(t);
}

void step_month(const RunContext& ctx, Month t, TreatyStatus& status, ReplicateResult& out) {
    ratify(ctx, t, status);
    negotiate_protocol(ctx, t, status);
    record(status, t, out);
}

ReplicateResult empty_result(std::size_t months, std::size_t states) {
    ReplicateResult r;
    r.parties.assign(months, 0);
    r.treaty_in_force.assign(months, 0);
    r.protocol_adopted.assign(months, 0);
    r.protocol_parties.assign(months, 0);
    r.protocol_in_force.assign(months, 0);
    r.reservations.assign(states, {0, 0, 0});
    return r;
}

}  // namespace

ReplicateResult run_replicate(const World& world, const Scenario& scenario,
                              std::uint64_t replicate) {
    const RunContext ctx{world, scenario, StreamKey{scenario.seed, replicate},
                         reservation_propensity(world.states, scenario.treaty)};
    TreatyStatus status(world.states.size());
    auto out = empty_result(static_cast<std::size_t>(scenario.months), world.states.size());
    for (Month t = 0; t < scenario.months; ++t) step_month(ctx, t, status, out);

    out.ratified_month = status.ratified_month;
    out.treaty_in_force_month = status.in_force_month;
    out.protocol_ratified_month = status.protocol_ratified_month;
    out.reservations = status.reservations;
    out.entry_into_force_month = status.entry_into_force_month;
    out.protocol_adopted_month = status.protocol_adopted_month;
    out.protocol_votes = status.protocol_votes_held;
    return out;
}

}  // namespace havens
