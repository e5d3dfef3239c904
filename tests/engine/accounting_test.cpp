// The accounting identities of docs/OUTPUT.md, exactly, in every replicate
// and under every safeguard option.
#include <gtest/gtest.h>

#include "support/small_runs.hpp"

namespace havens {
namespace {

using testing::total;

class Accounting : public ::testing::TestWithParam<int> {};

Scenario variant(int which) {
    Scenario s = testing::small_scenario();
    switch (which) {
        case 1: return testing::strong_safeguards(s);
        case 2: return testing::weakened(s);
        case 3: s.treaty.enabled = false; return s;
        default: return s;
    }
}

TEST_P(Accounting, IdentitiesHoldExactly) {
    const Scenario s = variant(GetParam());
    for (std::uint64_t rep = 0; rep < 2; ++rep) {
        const ReplicateResult r = run_replicate(testing::default_world(), s, rep);
        const std::size_t months = static_cast<std::size_t>(s.months);
        ASSERT_GT(total(r.requests_issued), 0);
        for (std::size_t t = 0; t < months; ++t) {
            EXPECT_EQ(r.requests_issued[t], r.requests_sent[t] + r.requests_not_sent[t]);
            EXPECT_EQ(r.requests_granted[t], r.granted_pretextual[t] + r.granted_legitimate[t]);
            EXPECT_EQ(r.requests_refused[t], r.refused_pretextual[t] + r.refused_legitimate[t]);
            std::int64_t by_reason = 0, by_channel = 0, by_status = 0;
            for (std::size_t k = 0; k < reason_count; ++k)
                by_reason += r.refused_by_reason[t * reason_count + k];
            for (std::size_t k = 0; k < channel_count; ++k)
                by_channel += r.granted_by_channel[t * channel_count + k];
            for (std::size_t k = 0; k < status_count; ++k)
                by_status += r.exiles_by_status[t * status_count + k];
            EXPECT_EQ(by_reason, r.requests_refused[t]);
            EXPECT_EQ(by_channel, r.requests_granted[t]);
            EXPECT_EQ(by_status, r.exiles);
            // The pending stock moves by what is sent and what completes.
            const std::int64_t before = t == 0 ? 0 : r.requests_pending[t - 1];
            EXPECT_EQ(r.requests_pending[t], before + r.requests_sent[t] - r.requests_granted[t] -
                                                 r.requests_refused[t] - r.requests_lapsed[t] -
                                                 r.requests_removed[t]);
        }
        EXPECT_EQ(total(r.requests_sent), total(r.requests_granted) + total(r.requests_refused) +
                                              total(r.requests_lapsed) + total(r.requests_removed) +
                                              r.requests_pending.back());
        EXPECT_EQ(total(r.flows_granted), total(r.requests_granted));
    }
}

INSTANTIATE_TEST_SUITE_P(EverySafeguardSet, Accounting, ::testing::Values(0, 1, 2, 3));

}  // namespace
}  // namespace havens
