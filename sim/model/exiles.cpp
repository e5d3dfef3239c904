#include "model/exiles.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string_view>

#include "core/distributions.hpp"
#include "model/platforms.hpp"

namespace havens {

std::vector<double> origin_weights(const StateTable& states, const ExileParams& params) {
    const std::size_t n = states.size();
    std::vector<double> w(n, 0.0);
    double known = 0.0;
    int known_count = 0, unknown_leaders = 0;
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isnan(states.tnr_incidents[i])) {
            w[i] = states.tnr_incidents[i];
            known += w[i];
            ++known_count;
        } else if (states.tnr_leading[i]) {
            ++unknown_leaders;
        }
    }
    // Named leaders without a count share what the top ten hold beyond the
    // known counts, equally with any unnamed slots of the ten.
    const double top10 = params.tnr_top10_share * params.tnr_total_incidents;
    const int open_slots = std::max(10 - known_count, unknown_leaders);
    const double per_leader = open_slots > 0 ? std::max(0.0, top10 - known) / open_slots : 0.0;
    double assigned = known;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(states.tnr_incidents[i]) && states.tnr_leading[i]) {
            w[i] = per_leader;
            assigned += per_leader;
        }
    }
    double rest_weight = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(states.tnr_incidents[i]) && !states.tnr_leading[i]) {
            rest_weight += std::pow(states.repression[i], params.origin_repression_exponent);
        }
    }
    const double rest = std::max(0.0, params.tnr_total_incidents - assigned);
    for (std::size_t i = 0; i < n; ++i) {
        if (std::isnan(states.tnr_incidents[i]) && !states.tnr_leading[i] && rest_weight > 0.0) {
            w[i] = rest * std::pow(states.repression[i], params.origin_repression_exponent) /
                   rest_weight;
        }
    }
    return w;
}

namespace {

std::vector<ExileId> apportion(const std::vector<double>& weights, std::int64_t count) {
    const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
    const std::size_t n = weights.size();
    std::vector<std::int64_t> seats(n, 0);
    std::vector<std::pair<double, std::size_t>> remainders;
    std::int64_t given = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double quota = total > 0 ? static_cast<double>(count) * weights[i] / total : 0.0;
        seats[i] = static_cast<std::int64_t>(std::floor(quota));
        given += seats[i];
        remainders.emplace_back(quota - std::floor(quota), i);
    }
    // Largest remainders first; ties by state order, so the result is exact and stable.
    std::stable_sort(remainders.begin(), remainders.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t k = 0; given < count && k < remainders.size(); ++k, ++given) {
        ++seats[remainders[k].second];
    }
    std::vector<ExileId> begin(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) begin[i + 1] = begin[i] + static_cast<ExileId>(seats[i]);
    return begin;
}

std::optional<StateId> find_state(const StateTable& states, std::string_view iso3) {
    const auto it = std::find(states.iso3.begin(), states.iso3.end(), iso3);
    if (it == states.iso3.end()) return std::nullopt;
    return static_cast<StateId>(it - states.iso3.begin());
}

}  // namespace

namespace {

// Per origin, the recorded weights recorded(o, k) where they add up to
// anything, else the gravity rule: region, blocs and the host's freedom.
template <typename Recorded>
std::vector<std::vector<double>> weights_or_gravity(const World& world, const ExileParams& params,
                                                    Recorded recorded,
                                                    std::vector<std::uint8_t>* from_data) {
    const auto& states = world.states;
    const std::size_t n = states.size();
    std::vector<std::vector<double>> w(n, std::vector<double>(n, 0.0));
    if (from_data) from_data->assign(n, 0);
    for (StateId o = 0; o < n; ++o) {
        double total = 0.0;
        for (StateId k = 0; k < n; ++k) {
            if (k != o) total += w[o][k] = recorded(o, k);
        }
        if (total > 0.0) {
            if (from_data) (*from_data)[o] = 1;
            continue;
        }
        for (StateId k = 0; k < n; ++k) {
            if (k == o) continue;
            w[o][k] = (states.region[k] == states.region[o] ? params.host_same_region : 1.0) *
                      (world.network.channels(o, k) & channel_bit(Channel::regional)
                           ? params.host_shared_bloc
                           : 1.0) *
                      (1.0 + params.host_freedom * states.fh_score[k] / 100.0);
        }
    }
    return w;
}

double pair_value(const std::vector<double>& v, std::size_t n, StateId o, StateId k) {
    return v.size() == n * n ? v[static_cast<std::size_t>(o) * n + k] : 0.0;
}

}  // namespace

std::vector<std::vector<double>> host_weights(const World& world, const ExileParams& params,
                                              std::vector<std::uint8_t>* from_diaspora) {
    const std::size_t n = world.states.size();
    const bool split = world.refugees.size() == n * n || world.migrant_stock.size() == n * n;
    return weights_or_gravity(
        world, params,
        [&](StateId o, StateId k) {
            if (!split) return pair_value(world.diaspora, n, o, k);
            return pair_value(world.refugees, n, o, k) +
                   params.at_risk_diaspora_share * pair_value(world.migrant_stock, n, o, k);
        },
        from_diaspora);
}

std::vector<std::vector<double>> suspect_host_weights(const World& world,
                                                      const ExileParams& params) {
    const std::size_t n = world.states.size();
    return weights_or_gravity(
        world, params, [&](StateId o, StateId k) { return pair_value(world.diaspora, n, o, k); },
        nullptr);
}

ExileSetup prepare_exiles(const World& world, const ExileParams& params, std::int64_t count) {
    const auto& states = world.states;
    ExileSetup setup;
    setup.params = params;
    setup.origin_begin = apportion(origin_weights(states, params), count);
    setup.host_weight = host_weights(world, params, &setup.host_from_diaspora);
    setup.host_cumulative = setup.host_weight;
    setup.suspect_host_cumulative = suspect_host_weights(world, params);
    const std::size_t n = states.size();
    setup.refugee_share.assign(n * n, 0.0f);
    if (world.refugees.size() == n * n) {
        for (StateId o = 0; o < n; ++o) {
            for (StateId h = 0; h < n; ++h) {
                const double w = setup.host_weight[o][h];
                const std::size_t i = static_cast<std::size_t>(o) * n + h;
                if (w > 0.0) setup.refugee_share[i] = static_cast<float>(world.refugees[i] / w);
            }
        }
    }
    for (auto* table : {&setup.host_cumulative, &setup.suspect_host_cumulative}) {
        for (auto& row : *table) {
            double total = 0.0;
            for (double& w : row) w = total += w;
        }
    }
    const double shares[] = {params.share_journalist, params.share_defender, params.share_activist,
                             params.share_researcher};
    double total = 0.0;
    for (double s : shares) setup.category_cumulative.push_back(total += s);
    setup.category_cumulative.push_back(std::max(total, 1.0));  // diaspora: the rest
    if (auto usa = find_state(states, platforms::us_parent)) setup.usa = *usa, setup.has_usa = true;
    if (auto irl = find_state(states, platforms::eu_establishment)) {
        setup.eu_hub = *irl, setup.has_eu_hub = true;
    }
    if (auto are = find_state(states, platforms::telegram_home)) {
        setup.telegram = *are, setup.has_telegram = true;
    }
    setup.in_eu.assign(states.size(), 0);
    for (std::size_t b = 0; b < world.blocs.names.size(); ++b) {
        if (world.blocs.names[b] != "eu") continue;
        for (StateId s : world.blocs.members[b]) setup.in_eu[s] = 1;
    }
    return setup;
}

Residence draw_residence(const ExileSetup& setup, const StateTable& states, StateId origin,
                         Person person, RandomStream& rng) {
    Residence r;
    const bool exile = person == Person::at_risk_exile;
    r.host = static_cast<StateId>(categorical(
        rng, exile ? setup.host_cumulative[origin] : setup.suspect_host_cumulative[origin]));
    const double national_use = exile ? setup.params.national_platform_use : 1.0;
    const double u = rng.uniform();
    const double national = national_use * states.platform_national[origin];
    if (u < national) {
        r.provider = origin;
    } else if (u < national + states.platform_telegram[origin] && setup.has_telegram) {
        r.provider = setup.telegram;
    } else if (setup.in_eu[r.host] && setup.has_eu_hub) {
        r.provider = setup.eu_hub;  // the platforms' EU establishment serves EU residents
    } else {
        r.provider = setup.has_usa ? setup.usa : r.host;
    }
    return r;
}

Exiles allocate_exiles(const ExileSetup& setup) {
    const std::size_t n = setup.origin_begin.back();
    Exiles e;
    e.origin.resize(n);
    e.host.resize(n);
    e.provider.resize(n);
    e.category.resize(n);
    e.refugee.assign(n, 0);
    e.status.assign(n, ExileStatus::safe);
    e.priority.assign(n, 0);
    e.contacts_per_exile = setup.params.contacts;
    e.contacts.resize(n * static_cast<std::size_t>(setup.params.contacts));
    e.origin_begin = setup.origin_begin;
    return e;
}

void draw_exile(const ExileSetup& setup, const StateTable& states, StreamKey key, ExileId i,
                Exiles& exiles) {
    const auto& begin = setup.origin_begin;
    const StateId o =
        static_cast<StateId>(std::upper_bound(begin.begin(), begin.end(), i) - begin.begin() - 1);
    RandomStream rng(key, Purpose::exile_setup, 0, i);
    exiles.origin[i] = o;
    const Residence where = draw_residence(setup, states, o, Person::at_risk_exile, rng);
    exiles.host[i] = where.host;
    exiles.provider[i] = where.provider;
    exiles.category[i] = static_cast<Category>(categorical(rng, setup.category_cumulative));
    const std::size_t pair = static_cast<std::size_t>(o) * setup.host_weight.size() + where.host;
    exiles.refugee[i] = rng.uniform() < setup.refugee_share[pair];
}

void draw_contacts(const ExileSetup& setup, StreamKey key, ExileId i, Exiles& exiles) {
    const int k = setup.params.contacts;
    if (k == 0) return;  // exiles.contacts = 0 (allowed): no contact graph, an empty vector
    const StateId o = exiles.origin[i];
    const ExileId first = setup.origin_begin[o];
    const std::int64_t size = setup.origin_begin[o + 1] - first;
    ExileId* out = exiles.contacts.data() + static_cast<std::size_t>(i) * k;
    if (size <= 1) {
        std::fill(out, out + k, i);  // alone: a contact with oneself exposes nobody new
        return;
    }
    RandomStream rng(key, Purpose::contact_graph, 0, i);
    const std::int64_t local = i - first;
    int slot = 0;
    for (int offset = 1; offset <= k / 2; ++offset) {
        for (int side : {-1, 1}) {
            // The neighbour on the ring; a single wrap unless the ring is
            // shorter than the offset (the remainder, an integer division, is
            // the slow path: this runs for every contact of every exile).
            std::int64_t j = local + std::int64_t{side} * offset;
            if (offset < size) {
                j += j < 0 ? size : (j >= size ? -size : 0);
            } else {
                j = (j % size + size) % size;
            }
            if (rng.uniform() < setup.params.contact_rewiring) {
                j = static_cast<std::int64_t>(uniform_index(rng, static_cast<std::uint64_t>(size)));
            }
            out[slot++] = static_cast<ExileId>(first + j);
        }
    }
    for (; slot < k; ++slot) out[slot] = i;  // odd k: the last slot unused
}

}  // namespace havens
