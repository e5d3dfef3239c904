#include "model/exile_risk.hpp"

#include <cmath>

namespace havens {

ExileRiskTracker::ExileRiskTracker(std::size_t states, const RequestParams& kinds)
    : n_(states),
      host_(states * states),
      data_(states * states, 0.0),
      host_known_(states * states, 0),
      data_known_(states * states, 0),
      signatures_(states),
      origin_stale_(states, 1),
      origin_data_(states, 0.0),
      origin_bodily_(states, 0.0) {
    const auto w = kind_weights(kinds);
    double total = 0.0;
    for (double x : w) total += x;
    for (std::size_t k = 0; k < w.size(); ++k) share_[k] = total > 0.0 ? w[k] / total : 0.0;
}

ExileRiskTracker::HostPart ExileRiskTracker::host_part(const DecisionContext& ctx, StateId o,
                                                       StateId h) {
    const std::size_t i = index(o, h);
    if (!host_known_[i]) {
        const PairFacts pair = pair_facts(ctx, o, h);
        const auto part = [&](RequestKind kind, bool refugee) {
            const double share = share_[idx(kind)];
            return share > 0.0 ? share * typical_grant_probability(ctx, pair, kind, true, refugee)
                               : 0.0;
        };
        host_[i] = {part(RequestKind::interception, false), part(RequestKind::extradition, false),
                    part(RequestKind::extradition, true)};
        host_known_[i] = 1;
    }
    return host_[i];
}

double ExileRiskTracker::data_part(const DecisionContext& ctx, StateId o, StateId p) {
    const std::size_t i = index(o, p);
    if (!data_known_[i]) {
        // Preservation and subscriber data meet the same grounds, as do
        // stored content and real-time traffic: one plan for each pair of kinds.
        const double plain =
            share_[idx(RequestKind::preservation)] + share_[idx(RequestKind::subscriber_data)];
        const double content =
            share_[idx(RequestKind::stored_content)] + share_[idx(RequestKind::real_time_traffic)];
        const PairFacts pair = pair_facts(ctx, o, p);
        double q = 0.0;
        if (plain > 0.0) {
            q += plain * typical_grant_probability(ctx, pair, RequestKind::subscriber_data, true);
        }
        if (content > 0.0) {
            q += content * typical_grant_probability(ctx, pair, RequestKind::stored_content, true);
        }
        data_[i] = q;
        data_known_[i] = 1;
    }
    return data_[i];
}

ExileRisk ExileRiskTracker::update(const DecisionContext& ctx, PopulationState& population) {
    // A pair's parts move only when its treaty signature does; an origin's
    // sum only when one of its occupied pairs moves.
    signatures_.update(ctx, [&](StateId o, StateId k) {
        const std::size_t i = index(o, k);
        host_known_[i] = data_known_[i] = 0;
        if (population.residents[i] > 0 || population.provided[i] > 0) origin_stale_[o] = 1;
    });
    ExileRisk out;
    out.by_origin.assign(n_, std::nanf(""));
    double total_data = 0.0, total_bodily = 0.0;
    std::int64_t total_exiles = 0;
    for (StateId o = 0; o < n_; ++o) {
        if (origin_stale_[o] || population.moved[o]) {
            double data = 0.0, bodily = 0.0;
            for (StateId k = 0; k < n_; ++k) {
                const std::size_t i = index(o, k);
                if (population.residents[i] > 0) {
                    const HostPart part = host_part(ctx, o, k);
                    const std::int32_t refugees = population.refugee_residents[i];
                    data += population.residents[i] * part.data;
                    bodily += (population.residents[i] - refugees) * part.bodily +
                              refugees * part.bodily_refugee;
                }
                if (population.provided[i] > 0)
                    data += population.provided[i] * data_part(ctx, o, k);
            }
            origin_data_[o] = data;
            origin_bodily_[o] = bodily;
            origin_stale_[o] = population.moved[o] = 0;
        }
        if (population.active[o] == 0) continue;
        out.by_origin[o] =
            static_cast<float>((origin_data_[o] + origin_bodily_[o]) / population.active[o]);
        total_data += origin_data_[o];
        total_bodily += origin_bodily_[o];
        total_exiles += population.active[o];
    }
    if (total_exiles > 0) {
        const auto exiles = static_cast<double>(total_exiles);
        out.data = total_data / exiles;
        out.bodily = total_bodily / exiles;
        out.overall = (total_data + total_bodily) / exiles;
    }
    return out;
}

}  // namespace havens
