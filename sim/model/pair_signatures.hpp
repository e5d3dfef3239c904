// Which ordered pairs of states changed what the treaty and their relations
// mean between them (treaty_signature). Nothing else in a run moves a pair's decision plans,
// so whatever is derived from them per pair (safe havens, exile risk) is
// recomputed for these pairs only.
#pragma once

#include <cstdint>
#include <vector>

#include "model/decision.hpp"

namespace havens {

class PairSignatures {
public:
    // Before the first call no state and no pair has been seen: every state
    // counts as moved, and every pair is reported the first time it is looked at.
    explicit PairSignatures(std::size_t states)
        : n_(states), state_(states, unseen), own_(states, 0), pair_(states * states, unreported) {}

    // Calls moved(o, k) for every pair whose signature changed since the last
    // call (every pair, the diagonal included, on the first). Only the rows and
    // columns of states whose own status moved are examined.
    template <typename Moved>
    void update(const DecisionContext& ctx, Moved moved) {
        for (StateId s = 0; s < n_; ++s) own_[s] = state_signature(ctx, s);
        for (StateId s = 0; s < n_; ++s) {
            const std::uint32_t sig = own_status(ctx, s);
            if (sig == state_[s]) continue;
            state_[s] = sig;
            for (StateId other = 0; other < n_; ++other) {
                refresh(ctx, s, other, moved);
                if (other != s) refresh(ctx, other, s, moved);
            }
        }
    }

private:
    // No status has this value (epoch counts a state's dated relation
    // records), and no signature this one (treaty_signature uses 4 bits).
    static constexpr std::uint32_t unseen = 0xffffffffu;
    static constexpr std::uint8_t unreported = 0xff;

    static std::uint32_t own_status(const DecisionContext& ctx, StateId s) {
        return static_cast<std::uint32_t>(ctx.treaty.in_force_for(s, ctx.month) |
                                          (ctx.treaty.protocol_in_force_for(s, ctx.month) << 1) |
                                          (ctx.world.relations.epoch(s, ctx.month) << 2));
    }

    // A pair seen through both of its states' rows in one month is
    // reported once: the second look finds its signature already stored.
    template <typename Moved>
    void refresh(const DecisionContext& ctx, StateId o, StateId k, Moved& moved) {
        const std::size_t i = static_cast<std::size_t>(o) * n_ + k;
        const std::uint8_t sig = treaty_signature(ctx, o, own_[o], k, own_[k]);
        if (sig == pair_[i]) return;
        pair_[i] = sig;
        moved(o, k);
    }

    std::size_t n_;
    std::vector<std::uint32_t> state_;  // per state: in force, protocol in force, relations
    std::vector<std::uint8_t> own_;     // per state: state_signature this month
    std::vector<std::uint8_t> pair_;    // per pair: both in force, protocol in both
};

}  // namespace havens
