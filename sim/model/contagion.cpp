#include "model/contagion.hpp"

#include "core/distributions.hpp"

namespace havens {

PopulationState initial_population_state(const Exiles& exiles, std::size_t states) {
    PopulationState p;
    p.states = states;
    p.priority_pool.resize(states);
    p.active.assign(states, 0);
    p.by_status.assign(status_count, 0);
    p.residents.assign(states * states, 0);
    for (ExileId i = 0; i < exiles.size(); ++i) {
        ++p.by_status[idx(exiles.status[i])];
        if (exiles.status[i] != ExileStatus::detained) {
            ++p.active[exiles.origin[i]];
            ++p.resident(exiles.origin[i], exiles.host[i]);
        }
    }
    return p;
}

int severity(ExileStatus s) {
    switch (s) {
        case ExileStatus::safe:
        case ExileStatus::relocated: return 0;
        case ExileStatus::surveilled: return 1;
        case ExileStatus::data_exposed: return 2;
        case ExileStatus::detained: return 3;
    }
    return 0;
}

ExileStatus status_after_grant(RequestKind kind) {
    switch (kind) {
        case RequestKind::preservation:
        case RequestKind::subscriber_data: return ExileStatus::surveilled;
        case RequestKind::stored_content:
        case RequestKind::real_time_traffic:
        case RequestKind::interception: return ExileStatus::data_exposed;
        case RequestKind::extradition: return ExileStatus::detained;
    }
    return ExileStatus::safe;
}

namespace {

void set_status(ExileId i, ExileStatus s, Exiles& exiles, PopulationState& population) {
    --population.by_status[idx(exiles.status[i])];
    ++population.by_status[idx(s)];
    exiles.status[i] = s;
}

}  // namespace

GrantEffect apply_grant(const Request& request, const ContagionParams& params,
                        const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                        Exiles& exiles, PopulationState& population) {
    GrantEffect effect;
    const ExileId target = request.target;
    const ExileStatus current = exiles.status[target];
    if (current == ExileStatus::detained) return effect;  // already in the origin's hands
    const RequestKind kind = request.facts.kind;
    const StateId origin = exiles.origin[target];
    const ExileStatus next = status_after_grant(kind);
    if (severity(next) > severity(current)) set_status(target, next, exiles, population);

    if (next == ExileStatus::detained) {
        --population.active[origin];
        --population.resident(origin, exiles.host[target]);
        effect.detained = true;
        return effect;
    }
    if (next == ExileStatus::data_exposed) {
        const int k = exiles.contacts_per_exile;
        for (int c = 0; c < k; ++c) {
            const ExileId contact = exiles.contacts[static_cast<std::size_t>(target) * k + c];
            if (contact == target || exiles.status[contact] == ExileStatus::detained) continue;
            if (!bernoulli(rng, params.expose_contact) || exiles.priority[contact]) continue;
            exiles.priority[contact] = 1;
            population.priority_pool[origin].push_back(contact);
            ++effect.contacts_exposed;
        }
    }
    const bool host_granted = goes_to_host(kind) && request.facts.requested == exiles.host[target];
    if (params.relocation && host_granted && !havens_of_origin.empty() &&
        bernoulli(rng, params.relocation_probability)) {
        const StateId to = havens_of_origin[uniform_index(rng, havens_of_origin.size())];
        if (to != exiles.host[target]) {
            --population.resident(origin, exiles.host[target]);
            ++population.resident(origin, to);
            exiles.host[target] = to;
            set_status(target, ExileStatus::relocated, exiles, population);
            effect.relocated = true;
        }
    }
    return effect;
}

}  // namespace havens
