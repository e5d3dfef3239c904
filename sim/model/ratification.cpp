#include "model/ratification.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "model/entry_into_force.hpp"

namespace havens {

namespace {

double reservation_score(const StateTable& states, StateId s) {
    double stance_weight = 0.0;
    switch (states.stance[s]) {
        case Stance::yes: stance_weight = 1.0; break;
        case Stance::absent: stance_weight = 0.5; break;
        case Stance::abstain: stance_weight = 0.25; break;
        case Stance::no: stance_weight = 0.0; break;
    }
    return stance_weight * states.repression[s];
}

// Scale k with sum_i min(1, k * score_i) = target, by bisection (the sum is
// non-decreasing in k). A target beyond the states with a positive score is
// capped at that count.
double scale_to_expected(const std::vector<double>& scores, double target) {
    double lo = 0.0, hi = 1.0;
    auto expected = [&](double k) {
        double sum = 0.0;
        for (double s : scores) sum += std::min(1.0, k * s);
        return sum;
    };
    while (expected(hi) < target && hi < 1e9) hi *= 2.0;
    for (int i = 0; i < 100; ++i) {
        const double mid = 0.5 * (lo + hi);
        (expected(mid) < target ? lo : hi) = mid;
    }
    return hi;
}

int months_since_signature(Month signed_month, Month t) {
    return signed_month == never ? -1 : t - signed_month;
}

}  // namespace

ReservationPropensity reservation_propensity(const StateTable& states,
                                             const TreatyParams& params) {
    ReservationPropensity p(states.size(), {0.0, 0.0, 0.0});
    if (params.reservations == ReservationPolicy::prohibited) return p;
    std::vector<double> scores(states.size());
    for (StateId s = 0; s < states.size(); ++s) scores[s] = reservation_score(states, s);
    const std::array<double, article_count> targets{params.reservers_6_2, params.reservers_24,
                                                    params.reservers_40_22};
    for (std::size_t a = 0; a < article_count; ++a) {
        const double k = targets[a] > 0.0 ? scale_to_expected(scores, targets[a]) : 0.0;
        for (StateId s = 0; s < states.size(); ++s) p[s][a] = std::min(1.0, k * scores[s]);
    }
    return p;
}

PeerPressure peer_pressure(const World& world, const TreatyStatus& status) {
    PeerPressure pressure;
    pressure.peer = world.network.influence * status.is_party;
    std::vector<int> parties_in_region(world.region_size.size(), 0);
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (status.ratified_month[s] != never) ++parties_in_region[idx(world.states.region[s])];
    }
    pressure.region.resize(static_cast<Eigen::Index>(world.states.size()));
    for (StateId s = 0; s < world.states.size(); ++s) {
        const auto r = idx(world.states.region[s]);
        pressure.region[s] = static_cast<double>(parties_in_region[r]) /
                             static_cast<double>(world.region_size[r]);
    }
    return pressure;
}

double deposit_probability(const World& world, const RatificationParams& params, StateId s,
                           Month t, double peer, double region_share) {
    const bool signed_now = months_since_signature(world.states.signed_month[s], t) >= 0;
    const double linear = params.b_stance * stance_value(world.states.stance[s]) +
                          params.b_sign * (signed_now ? 1.0 : 0.0) + params.b_peer * peer +
                          params.b_region * region_share;
    const double hazard = params.base_hazard * std::exp(linear);
    return -std::expm1(-hazard);  // 1 - exp(-h): the chance of at least one event in a month
}

std::vector<StateId> draw_deposits(const World& world, const Scenario& scenario,
                                   const TreatyStatus& status, Month t, StreamKey key) {
    std::vector<StateId> deposits;
    if (!scenario.treaty.enabled) return deposits;
    const auto& params = scenario.ratification;
    const PeerPressure pressure = peer_pressure(world, status);
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (status.ratified_month[s] != never) continue;
        const Month observed = world.states.observed_deposit_month[s];
        if (scenario.treaty.observed_deposits && observed != never) {
            if (observed == t) deposits.push_back(s);
            continue;  // its history is known: no random deposit before or after
        }
        if (params.model == RatificationModel::hazard) {
            RandomStream rng(key, Purpose::ratification, static_cast<std::uint32_t>(t), s);
            if (bernoulli(rng, deposit_probability(world, params, s, t, pressure.peer[s],
                                                   pressure.region[s]))) {
                deposits.push_back(s);
            }
        } else {
            // Granovetter: the threshold is drawn once per replicate (month 0).
            RandomStream theta_rng(key, Purpose::ratification_threshold, 0, s);
            const bool signatory = world.states.signed_month[s] != never &&
                                   world.states.signed_month[s] <= t;
            const double theta = params.theta_max * theta_rng.uniform() *
                                 (signatory ? params.theta_signatory_factor : 1.0);
            if (pressure.peer[s] < theta) continue;
            RandomStream rng(key, Purpose::ratification, static_cast<std::uint32_t>(t), s);
            if (bernoulli(rng, params.threshold_pace)) deposits.push_back(s);
        }
    }
    return deposits;
}

void apply_deposits(const std::vector<StateId>& deposits, Month t, const TreatyParams& params,
                    const ReservationPropensity& propensity, StreamKey key,
                    TreatyStatus& status) {
    const EntryIntoForceRule rule{params.threshold, params.entry_delay_months,
                                  params.later_entry_delay_months};
    for (StateId s : deposits) {
        status.ratified_month[s] = t;
        status.is_party[s] = 1.0;
        RandomStream rng(key, Purpose::reservation, static_cast<std::uint32_t>(t), s);
        for (std::size_t a = 0; a < article_count; ++a) {
            status.reservations[s][a] = bernoulli(rng, propensity[s][a]) ? 1 : 0;
        }
        count_instrument(rule, t, status.parties, status.threshold_month,
                         status.entry_into_force_month);
    }
    date_depositors(rule, status.ratified_month, status.threshold_month,
                    status.entry_into_force_month, status.in_force_month);
}

}  // namespace havens
