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
    p.provided.assign(states * states, 0);
    p.moved.assign(states, 1);
    for (ExileId i = 0; i < exiles.size(); ++i) {
        ++p.by_status[idx(exiles.status[i])];
        if (!is_detained(exiles.status[i])) {
            ++p.active[exiles.origin[i]];
            ++p.resident(exiles.origin[i], exiles.host[i]);
            ++p.client(exiles.origin[i], exiles.provider[i]);
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
        case ExileStatus::pending_extradition:
        case ExileStatus::extradited:
        case ExileStatus::removed: return 3;
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
        case RequestKind::extradition: return ExileStatus::pending_extradition;
    }
    return ExileStatus::safe;
}

namespace {

void set_status(ExileId i, ExileStatus s, Exiles& exiles, PopulationState& population) {
    --population.by_status[idx(exiles.status[i])];
    ++population.by_status[idx(s)];
    exiles.status[i] = s;
}

// Moves the exile to a current haven of their origin, with the relocation chance.
bool relocate(ExileId i, const ContagionParams& params,
              const std::vector<StateId>& havens_of_origin, RandomStream& rng, Exiles& exiles,
              PopulationState& population) {
    if (!params.relocation || havens_of_origin.empty() ||
        !bernoulli(rng, params.relocation_probability)) {
        return false;
    }
    const StateId origin = exiles.origin[i];
    const StateId to = havens_of_origin[uniform_index(rng, havens_of_origin.size())];
    if (to == exiles.host[i]) return false;
    --population.resident(origin, exiles.host[i]);
    ++population.resident(origin, to);
    population.moved[origin] = 1;
    exiles.host[i] = to;
    set_status(i, ExileStatus::relocated, exiles, population);
    return true;
}

// Into or out of custody: the counts of who can be reached and where they live.
void set_reachable(ExileId i, bool reachable, Exiles& exiles, PopulationState& population) {
    const StateId origin = exiles.origin[i];
    const int step = reachable ? 1 : -1;
    population.active[origin] += step;
    population.resident(origin, exiles.host[i]) += step;
    population.client(origin, exiles.provider[i]) += step;
    population.moved[origin] = 1;
}

}  // namespace

std::optional<ExileStatus> apply_arrest(ExileId target, Exiles& exiles,
                                        PopulationState& population) {
    const ExileStatus before = exiles.status[target];
    if (is_detained(before)) return std::nullopt;
    set_status(target, ExileStatus::pending_extradition, exiles, population);
    set_reachable(target, false, exiles, population);
    return before;
}

void apply_surrender(ExileId target, Exiles& exiles, PopulationState& population) {
    set_status(target, ExileStatus::extradited, exiles, population);
}

bool apply_removal(ExileId target, Exiles& exiles, PopulationState& population) {
    if (is_detained(exiles.status[target])) return false;
    set_status(target, ExileStatus::removed, exiles, population);
    set_reachable(target, false, exiles, population);
    return true;
}

GrantEffect apply_release(ExileId target, ExileStatus before, const ContagionParams& params,
                          const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                          Exiles& exiles, PopulationState& population) {
    GrantEffect effect;
    set_status(target, before, exiles, population);
    set_reachable(target, true, exiles, population);
    effect.relocated = relocate(target, params, havens_of_origin, rng, exiles, population);
    return effect;
}

GrantEffect apply_grant(const Request& request, const ContagionParams& params,
                        const std::vector<StateId>& havens_of_origin, RandomStream& rng,
                        Exiles& exiles, PopulationState& population) {
    GrantEffect effect;
    const ExileId target = request.target;
    const ExileStatus current = exiles.status[target];
    if (is_detained(current)) return effect;  // in custody: out of reach
    const RequestKind kind = request.facts.kind;
    const StateId origin = exiles.origin[target];
    const ExileStatus next = status_after_grant(kind);
    if (severity(next) > severity(current)) set_status(target, next, exiles, population);

    if (next == ExileStatus::data_exposed) {
        const int k = exiles.contacts_per_exile;
        for (int c = 0; c < k; ++c) {
            const ExileId contact = exiles.contacts[static_cast<std::size_t>(target) * k + c];
            if (contact == target || is_detained(exiles.status[contact])) continue;
            if (!bernoulli(rng, params.expose_contact) || exiles.priority[contact]) continue;
            exiles.priority[contact] = 1;
            population.priority_pool[origin].push_back(contact);
            ++effect.contacts_exposed;
        }
    }
    const bool host_granted = goes_to_host(kind) && request.facts.requested == exiles.host[target];
    if (host_granted) {
        effect.relocated = relocate(target, params, havens_of_origin, rng, exiles, population);
    }
    return effect;
}

}  // namespace havens
