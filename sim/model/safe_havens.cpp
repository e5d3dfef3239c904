#include "model/safe_havens.hpp"

#include <algorithm>

namespace havens {

double host_grant_probability(const DecisionContext& ctx, StateId origin, StateId host) {
    return std::max(
        typical_grant_probability(ctx, origin, host, RequestKind::extradition, true),
        typical_grant_probability(ctx, origin, host, RequestKind::interception, true));
}

SafeHavenMap::SafeHavenMap(std::size_t states)
    : n_(states), haven_(states * states, 0), count_(states, 0), list_(states),
      signature_(states, 0), pair_signature_(states * states, 0) {}

std::uint8_t SafeHavenMap::pair_signature(const DecisionContext& ctx, StateId o, StateId h) const {
    const Month t = ctx.month;
    return static_cast<std::uint8_t>(
        (ctx.treaty.in_force_for(o, t) && ctx.treaty.in_force_for(h, t)) |
        ((ctx.treaty.protocol_in_force_for(o, t) && ctx.treaty.protocol_in_force_for(h, t)) << 1));
}

void SafeHavenMap::evaluate(const DecisionContext& ctx, StateId o, StateId h) {
    haven_[index(o, h)] = o != h && host_grant_probability(ctx, o, h) <=
                                        ctx.scenario.decision.safe_haven_epsilon;
}

void SafeHavenMap::update(const DecisionContext& ctx) {
    std::vector<std::uint8_t> changed(n_, 0);
    bool any = !initialised_;
    for (StateId s = 0; s < n_; ++s) {
        const std::uint8_t sig =
            static_cast<std::uint8_t>(ctx.treaty.in_force_for(s, ctx.month) |
                                      (ctx.treaty.protocol_in_force_for(s, ctx.month) << 1));
        if (!initialised_ || sig != signature_[s]) {
            changed[s] = 1;
            any = true;
        }
        signature_[s] = sig;
    }
    if (!any) return;
    for (StateId o = 0; o < n_; ++o) {
        for (StateId h = 0; h < n_; ++h) {
            if (initialised_ && !changed[o] && !changed[h]) continue;
            const std::uint8_t sig = pair_signature(ctx, o, h);
            if (initialised_ && sig == pair_signature_[index(o, h)]) continue;
            pair_signature_[index(o, h)] = sig;
            evaluate(ctx, o, h);
        }
    }
    initialised_ = true;
    for (StateId o = 0; o < n_; ++o) {
        list_[o].clear();
        for (StateId h = 0; h < n_; ++h) {
            if (haven_[index(o, h)]) list_[o].push_back(h);
        }
        count_[o] = static_cast<int>(list_[o].size());
    }
}

}  // namespace havens
