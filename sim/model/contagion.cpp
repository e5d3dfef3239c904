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
    p.refugee_residents.assign(states * states, 0);
    p.provided.assign(states * states, 0);
    p.moved.assign(states, 1);
    p.targeted_month.assign(exiles.size(), never);
    p.targeted_count.assign(exiles.size(), 0);
    for (ExileId i = 0; i < exiles.size(); ++i) {
        ++p.by_status[idx(exiles.status[i])];
        if (!is_detained(exiles.status[i])) {
            ++p.active[exiles.origin[i]];
            p.count_resident(exiles, i, 1);
            ++p.client(exiles.origin[i], exiles.provider[i]);
        }
    }
    return p;
}

// Exiles.priority: 0 never exposed, 1 exposed and waiting in the pool, 2
// followed up (never pooled again).
bool admit_request(ExileId target, Month t, int cap, Exiles& exiles, PopulationState& population) {
    if (population.targeted_month[target] != t) {
        population.targeted_month[target] = t;
        population.targeted_count[target] = 0;
    }
    if (cap > 0 && population.targeted_count[target] >= cap) return false;
    if (population.targeted_count[target] < 0xffff) ++population.targeted_count[target];
    if (exiles.priority[target] == 1) exiles.priority[target] = 2;
    return true;
}

void prune_priority_pools(const Exiles& exiles, PopulationState& population) {
    for (auto& pool : population.priority_pool) {
        std::erase_if(pool, [&](ExileId i) {
            return exiles.priority[i] != 1 || is_detained(exiles.status[i]);
        });
    }
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
bool relocate(ExileId i, const ContagionParams& params, Havens havens, RandomStream& rng,
              Exiles& exiles, PopulationState& population) {
    if (!params.relocation || havens.list.empty() ||
        !bernoulli(rng, params.relocation_probability)) {
        return false;
    }
    const StateId origin = exiles.origin[i];
    const StateId to = choose_haven(havens.choice, origin, havens.list, rng.uniform());
    if (to == exiles.host[i]) return false;
    population.count_resident(exiles, i, -1);
    exiles.host[i] = to;
    population.count_resident(exiles, i, 1);
    population.moved[origin] = 1;
    set_status(i, ExileStatus::relocated, exiles, population);
    return true;
}

// Into or out of custody: the counts of who can be reached and where they live.
void set_reachable(ExileId i, bool reachable, Exiles& exiles, PopulationState& population) {
    const StateId origin = exiles.origin[i];
    const int step = reachable ? 1 : -1;
    population.active[origin] += step;
    population.count_resident(exiles, i, step);
    population.client(origin, exiles.provider[i]) += step;
    population.moved[origin] = 1;
}

}  // namespace

RelocationChoice relocation_choice(const World& world, const ExileSetup& setup,
                                   const ContagionParams& params) {
    const std::size_t n = world.states.size();
    RelocationChoice c;
    c.states = n;
    c.diaspora.assign(n * n, 0.0);
    c.capacity.assign(n * n, 0.0);
    std::vector<double> hosted(n, 0.0);
    if (world.refugees.size() == n * n) {
        for (std::size_t o = 0; o < n; ++o) {
            for (std::size_t h = 0; h < n; ++h) hosted[h] += world.refugees[o * n + h];
        }
    }
    for (StateId o = 0; o < n; ++o) {
        for (StateId h = 0; h < n; ++h) {
            if (h == o) continue;
            const double visa = world.visa_free(o, h) ? 1.0 : params.relocation_visa_factor;
            const std::size_t i = static_cast<std::size_t>(o) * n + h;
            c.diaspora[i] = setup.host_weight[o][h] * visa;
            c.capacity[i] = hosted[h] * visa;
        }
    }
    return c;
}

StateId choose_haven(const RelocationChoice& choice, StateId origin,
                     const std::vector<StateId>& havens, double u) {
    const std::size_t row = static_cast<std::size_t>(origin) * choice.states;
    for (const auto* weights : {&choice.diaspora, &choice.capacity}) {
        double total = 0.0;
        for (StateId h : havens) total += (*weights)[row + h];
        if (!(total > 0.0)) continue;
        const double target = u * total;
        double sum = 0.0;
        for (StateId h : havens) {
            sum += (*weights)[row + h];
            if (target < sum) return h;
        }
        // Rounding: the last haven with any weight.
        for (auto it = havens.rbegin(); it != havens.rend(); ++it) {
            if ((*weights)[row + *it] > 0.0) return *it;
        }
    }
    const auto pick = static_cast<std::size_t>(u * static_cast<double>(havens.size()));
    return havens[std::min(havens.size() - 1, pick)];
}

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
                          Havens havens, RandomStream& rng, Exiles& exiles,
                          PopulationState& population) {
    GrantEffect effect;
    set_status(target, before, exiles, population);
    set_reachable(target, true, exiles, population);
    effect.relocated = relocate(target, params, havens, rng, exiles, population);
    return effect;
}

GrantEffect apply_grant(const Request& request, const ContagionParams& params, Havens havens,
                        RandomStream& rng, Exiles& exiles, PopulationState& population) {
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
        effect.relocated = relocate(target, params, havens, rng, exiles, population);
    }
    return effect;
}

}  // namespace havens
