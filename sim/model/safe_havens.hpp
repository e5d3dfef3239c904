// Safe havens (docs/ODD.md 7.12): for each origin, the host states that refuse its
// pretextual host-directed requests (extradition, interception) with
// probability at least 1 - epsilon over the channel they would use. Kept up
// to date incrementally: a pair is re-evaluated only when what the treaty
// means between its two states changes (the convention in force for both,
// the protocol in force for both); nothing else in a run moves it.
#pragma once

#include <vector>

#include "model/decision.hpp"
#include "model/pair_signatures.hpp"

namespace havens {

class SafeHavenMap {
public:
    explicit SafeHavenMap(std::size_t states);

    // Re-evaluates the pairs touching a state whose treaty status changed
    // since the last call (every pair on the first call).
    void update(const DecisionContext& ctx);

    bool is_haven(StateId origin, StateId host) const { return haven_[index(origin, host)] != 0; }
    int havens_of(StateId origin) const { return count_[origin]; }
    const std::vector<StateId>& list_of(StateId origin) const { return list_[origin]; }
    // [origin * n + host]: 1 where host is a haven for origin.
    const std::vector<std::uint8_t>& matrix() const { return haven_; }

private:
    std::size_t index(StateId o, StateId h) const { return static_cast<std::size_t>(o) * n_ + h; }
    void evaluate(const DecisionContext& ctx, StateId o, StateId h);

    std::size_t n_;
    std::vector<std::uint8_t> haven_;
    std::vector<int> count_;
    std::vector<std::vector<StateId>> list_;
    std::vector<std::uint8_t> row_moved_;  // [origin]: a pair re-evaluated in this update

    PairSignatures signatures_;
};

}  // namespace havens
