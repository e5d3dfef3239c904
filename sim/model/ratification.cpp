#include "model/ratification.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"
#include "model/conference.hpp"
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

bool documented(const World& world, const Scenario& scenario, StateId s) {
    return scenario.treaty.observed_deposits && world.states.observed_deposit_month[s] != never;
}

// Whether the documented record covers month t: a deposit it leaves out did
// not happen.
bool record_covers(const World& world, const Scenario& scenario, Month t) {
    return scenario.treaty.observed_deposits && world.states.record_through != never &&
           t <= world.states.record_through;
}

Engagement engagement_of(const World& world, const Scenario& scenario, const TreatyStatus& status,
                         StateId s, Month t) {
    if (status.signed_month[s] != never && status.signed_month[s] <= t) return Engagement::signed_;
    const bool closed = t > scenario.treaty.signature_close_month;
    return world.states.stance[s] == Stance::no && closed ? Engagement::declined : Engagement::none;
}

bool hazard_decides(const World& world, const RatificationParams& params, StateId s,
                    Engagement engagement, const PeerPressure& pressure, Month t, StreamKey key) {
    RandomStream rng(key, Purpose::ratification, static_cast<std::uint32_t>(t), s);
    return bernoulli(rng, decision_probability(world, params, s, engagement, pressure.peer[s],
                                               pressure.region[s]));
}

// The threshold variant's decision: peers over the state's threshold, then
// a monthly chance.
bool threshold_decides(const RatificationParams& params, StateId s, bool signed_now, double peer,
                       Month t, StreamKey key) {
    // The threshold is drawn once per replicate (month 0).
    RandomStream theta_rng(key, Purpose::ratification_threshold, 0, s);
    const double theta =
        params.theta_max * theta_rng.uniform() * (signed_now ? params.theta_signatory_factor : 1.0);
    if (peer < theta) return false;
    RandomStream rng(key, Purpose::ratification, static_cast<std::uint32_t>(t), s);
    return bernoulli(rng, params.threshold_pace);
}

}  // namespace

ReservationPropensity reservation_propensity(const StateTable& states, const TreatyParams& params) {
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
        if (status.is_party[s] > 0.0) ++parties_in_region[idx(world.states.region[s])];
    }
    pressure.region.resize(static_cast<Eigen::Index>(world.states.size()));
    for (StateId s = 0; s < world.states.size(); ++s) {
        const auto r = idx(world.states.region[s]);
        pressure.region[s] =
            static_cast<double>(parties_in_region[r]) / static_cast<double>(world.region_size[r]);
    }
    return pressure;
}

TreatyStatus initial_treaty_status(const World& world, const Scenario& scenario, StreamKey key) {
    TreatyStatus status(world.states.size());
    status.signed_month = world.states.signed_month;
    status.interventions = resolve_interventions(world, scenario);
    if (scenario.treaty.enabled && scenario.treaty.protocol) {
        status.protocol_draft_month = draw_protocol_draft_month(scenario.treaty, key);
    }
    return status;
}

double decision_probability(const World& world, const RatificationParams& params, StateId s,
                            Engagement engagement, double peer, double region_share) {
    const double linear = params.b_stance * stance_value(world.states.stance[s]) +
                          params.b_repression * world.states.repression[s] +
                          params.b_sign * (engagement == Engagement::signed_ ? 1.0 : 0.0) +
                          params.b_opposed * (engagement == Engagement::declined ? 1.0 : 0.0) +
                          params.b_peer * peer + params.b_region * region_share;
    const double hazard = params.base_hazard * std::exp(linear);
    return -std::expm1(-hazard);  // 1 - exp(-h): the chance of at least one event in a month
}

int draw_procedure_lag(const RatificationParams& params, RandomStream& rng) {
    const double months =
        params.lag_median_months * std::exp(params.lag_sigma * standard_normal(rng));
    return std::max(params.lag_min_months, static_cast<int>(std::lround(std::min(months, 1e6))));
}

std::vector<StateId> advance_ratification(const World& world, const Scenario& scenario, Month t,
                                          StreamKey key, TreatyStatus& status) {
    std::vector<StateId> deposits;
    if (!scenario.treaty.enabled) return deposits;
    const auto& params = scenario.ratification;
    const PeerPressure pressure = peer_pressure(world, status);
    Procedures& procedures = status.procedures;
    const StateInterventions& iv = status.interventions;
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (status.ratified_month[s] != never) continue;
        if (documented(world, scenario, s)) {
            // Its history is known: no random decision before or after.
            if (world.states.observed_deposit_month[s] == t) deposits.push_back(s);
            continue;
        }
        if (iv.any) {
            // A scenario that says what a state does leaves nothing to draw:
            // it signs, and deposits, in the months given, and never decides
            // otherwise; one that never ratifies never decides at all.
            if (iv.sign_month[s] == t && status.signed_month[s] == never) {
                status.signed_month[s] = t;
            }
            if (iv.never_ratify[s]) continue;
            if (iv.ratify_month[s] != never) {
                if (iv.ratify_month[s] != t) continue;
                if (status.signed_month[s] == never && t <= scenario.treaty.signature_close_month) {
                    status.signed_month[s] = t;
                }
                deposits.push_back(s);
                continue;
            }
        }
        if (!procedures.under_way(s)) {
            const Engagement engagement = engagement_of(world, scenario, status, s, t);
            const bool decides =
                params.model == RatificationModel::hazard
                    ? hazard_decides(world, params, s, engagement, pressure, t, key)
                    : threshold_decides(params, s, engagement == Engagement::signed_,
                                        pressure.peer[s], t, key);
            if (!decides) continue;
            RandomStream lag_rng(key, Purpose::ratification_lag, static_cast<std::uint32_t>(t), s);
            procedures.due_month[s] = t + draw_procedure_lag(params, lag_rng);
            // Signature is open until it closes; a state that decides later
            // accedes. The record shows no signature it leaves out.
            if (status.signed_month[s] == never) {
                const Month sign =
                    record_covers(world, scenario, t) ? world.states.record_through + 1 : t;
                if (sign <= scenario.treaty.signature_close_month) status.signed_month[s] = sign;
            }
            // No deposit before signature plus the shortest procedure.
            if (status.signed_month[s] != never) {
                procedures.due_month[s] = std::max(procedures.due_month[s],
                                                   status.signed_month[s] + params.lag_min_months);
            }
        }
        if (procedures.due_month[s] > t) continue;
        if (record_covers(world, scenario, t)) {
            procedures.cancel(s);  // the record shows no deposit: the procedure did not conclude
            continue;
        }
        deposits.push_back(s);
    }
    return deposits;
}

void apply_deposits(const std::vector<StateId>& deposits, Month t, const TreatyParams& params,
                    const ReservationPropensity& propensity, StreamKey key, TreatyStatus& status) {
    const EntryIntoForceRule rule{params.threshold, params.entry_delay_months,
                                  params.later_entry_delay_months};
    for (StateId s : deposits) {
        status.ratified_month[s] = t;
        status.is_party[s] = 1.0;
        RandomStream rng(key, Purpose::reservation, static_cast<std::uint32_t>(t), s);
        for (std::size_t a = 0; a < article_count; ++a) {
            // Drawn whatever an intervention says, so that the other states'
            // draws stay those of a run without it.
            const bool drawn = bernoulli(rng, propensity[s][a]);
            switch (status.interventions.reservation[s][a]) {
                case ReservationChoice::drawn: status.reservations[s][a] = drawn ? 1 : 0; break;
                case ReservationChoice::made: status.reservations[s][a] = 1; break;
                case ReservationChoice::not_made: status.reservations[s][a] = 0; break;
            }
        }
        ++status.parties;
        count_instrument(rule, t, status.instruments, status.threshold_month,
                         status.entry_into_force_month);
    }
    date_depositors(rule, status.ratified_month, status.threshold_month,
                    status.entry_into_force_month, status.in_force_month);
}

void apply_denunciations(const World& world, const Scenario& scenario, Month t,
                         TreatyStatus& status) {
    if (!scenario.treaty.enabled) return;
    const auto& intervened = status.interventions.denounce_month;
    for (StateId s = 0; s < world.states.size(); ++s) {
        // A scenario's denunciation, else the record's (when it is applied).
        const Month notice = intervened[s] != never ? intervened[s]
                             : scenario.treaty.observed_deposits
                                 ? world.states.observed_denunciation_month[s]
                                 : never;
        if (notice == never || status.ratified_month[s] == never) continue;
        if (notice == t) status.left_month[s] = t + scenario.treaty.denunciation_delay_months;
        if (status.left_month[s] != t) continue;
        status.is_party[s] = 0.0;
        --status.parties;
        if (status.protocol_ratified_month[s] != never) --status.protocol_parties;
    }
}

}  // namespace havens
