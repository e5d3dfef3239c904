#include "model/safe_havens.hpp"

#include <algorithm>

namespace havens {

SafeHavenMap::SafeHavenMap(std::size_t states)
    : n_(states),
      haven_(states * states, 0),
      count_(states, 0),
      list_(states),
      row_moved_(states, 0),
      signatures_(states) {}

void SafeHavenMap::evaluate(const DecisionContext& ctx, StateId o, StateId h) {
    // A haven grants neither a typical pretextual extradition nor interception
    // with more than epsilon; computed no further than needed to see otherwise.
    const double epsilon = ctx.scenario.decision.safe_haven_epsilon;
    if (o == h) {
        haven_[index(o, h)] = 0;
        return;
    }
    const PairFacts pair = pair_facts(ctx, o, h);
    haven_[index(o, h)] =
        !typical_grant_exceeds(ctx, pair, RequestKind::extradition, true, epsilon) &&
        !typical_grant_exceeds(ctx, pair, RequestKind::interception, true, epsilon);
}

void SafeHavenMap::update(const DecisionContext& ctx) {
    // Only the lists of origins with a re-evaluated pair are rebuilt.
    std::fill(row_moved_.begin(), row_moved_.end(), 0);
    signatures_.update(ctx, [&](StateId o, StateId h) {
        evaluate(ctx, o, h);
        row_moved_[o] = 1;
    });
    for (StateId o = 0; o < n_; ++o) {
        if (!row_moved_[o]) continue;
        list_[o].clear();
        for (StateId h = 0; h < n_; ++h) {
            if (haven_[index(o, h)]) list_[o].push_back(h);
        }
        count_[o] = static_cast<int>(list_[o].size());
    }
}

}  // namespace havens
