#include "model/safe_havens.hpp"

#include <algorithm>

namespace havens {

SafeHavenMap::SafeHavenMap(std::size_t states)
    : n_(states), haven_(states * states, 0), count_(states, 0), list_(states),
      signature_(states, 0), pair_signature_(states * states, 0) {}

void SafeHavenMap::evaluate(const DecisionContext& ctx, StateId o, StateId h) {
    // A haven grants neither a typical pretextual extradition nor interception
    // with more than epsilon; computed no further than needed to see otherwise.
    const double epsilon = ctx.scenario.decision.safe_haven_epsilon;
    haven_[index(o, h)] =
        o != h &&
        !typical_grant_exceeds(ctx, o, h, RequestKind::extradition, true, epsilon) &&
        !typical_grant_exceeds(ctx, o, h, RequestKind::interception, true, epsilon);
}

void SafeHavenMap::update(const DecisionContext& ctx) {
    std::vector<StateId> changed;
    for (StateId s = 0; s < n_; ++s) {
        const std::uint8_t sig =
            static_cast<std::uint8_t>(ctx.treaty.in_force_for(s, ctx.month) |
                                      (ctx.treaty.protocol_in_force_for(s, ctx.month) << 1));
        if (!initialised_ || sig != signature_[s]) changed.push_back(s);
        signature_[s] = sig;
    }
    if (changed.empty()) return;
    auto refresh = [&](StateId o, StateId h) {
        const std::uint8_t sig = treaty_signature(ctx, o, h);
        if (initialised_ && sig == pair_signature_[index(o, h)]) return;
        pair_signature_[index(o, h)] = sig;
        evaluate(ctx, o, h);
    };
    if (!initialised_) {
        for (StateId o = 0; o < n_; ++o) {
            for (StateId h = 0; h < n_; ++h) {
                pair_signature_[index(o, h)] = treaty_signature(ctx, o, h);
                evaluate(ctx, o, h);
            }
        }
    } else {
        // Only the rows and columns of the states whose status moved.
        for (StateId s : changed) {
            for (StateId other = 0; other < n_; ++other) {
                refresh(s, other);
                refresh(other, s);
            }
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
