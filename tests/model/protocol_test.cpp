#include "model/protocol.hpp"

#include <gtest/gtest.h>

#include "engine/run.hpp"
#include "support/default_world.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

struct VoteCase {
    VoteTally tally;
    bool passes;
};

class TwoThirds : public ::testing::TestWithParam<VoteCase> {};

TEST_P(TwoThirds, OfThePartiesPresentAndVoting) {
    EXPECT_EQ(protocol_passes(GetParam().tally), GetParam().passes);
}

INSTANTIATE_TEST_SUITE_P(
    Arithmetic, TwoThirds,
    ::testing::Values(VoteCase{{2, 1, 0}, true},      // exactly two thirds
                      VoteCase{{40, 20, 0}, true},
                      VoteCase{{39, 21, 0}, false},   // 117 < 120
                      VoteCase{{40, 21, 0}, false},   // 120 < 122
                      VoteCase{{2, 2, 0}, false},
                      VoteCase{{40, 20, 100}, true},  // abstainers are not voting
                      VoteCase{{10, 6, 50}, false},
                      VoteCase{{1, 0, 0}, true},
                      VoteCase{{0, 0, 60}, false},    // nobody voting adopts nothing
                      VoteCase{{0, 0, 0}, false}));

TEST(ProtocolVote, DueOnlyInForceWithEnoughPartiesAndAfterTheWait) {
    TreatyParams params;
    params.protocol_threshold = 60;
    TreatyStatus status(100);
    status.entry_into_force_month = 10;
    for (StateId s = 0; s < 59; ++s) status.in_force_month[s] = 10;
    EXPECT_FALSE(protocol_vote_due(params, status, 20));
    status.in_force_month[59] = 15;  // a 60th State Party from month 15
    EXPECT_FALSE(protocol_vote_due(params, status, 14));
    EXPECT_FALSE(protocol_vote_due(params, status, 9));  // not yet in force
    EXPECT_TRUE(protocol_vote_due(params, status, 20));
    status.next_protocol_vote_month = 30;
    EXPECT_FALSE(protocol_vote_due(params, status, 29));
    EXPECT_TRUE(protocol_vote_due(params, status, 30));
    params.protocol = false;
    EXPECT_FALSE(protocol_vote_due(params, status, 30));
}

TEST(ProtocolVote, AFailedVoteSchedulesTheNext) {
    TreatyParams params;
    params.protocol_revote_months = 24;
    TreatyStatus status(10);
    record_protocol_vote(VoteTally{1, 1, 0}, params, 50, status);
    EXPECT_EQ(status.protocol_adopted_month, never);
    EXPECT_EQ(status.next_protocol_vote_month, 74);
    record_protocol_vote(VoteTally{2, 1, 0}, params, 74, status);
    EXPECT_EQ(status.protocol_adopted_month, 74);
    EXPECT_EQ(status.protocol_votes_held, 2);
}

TEST(Protocol, NoVoteBeforeTheProtocolThresholdOfParties) {
    const World& w = testing::default_world();
    Scenario s;
    for (int threshold : {60, 120}) {
        s.treaty.protocol_threshold = threshold;
        for (std::uint64_t rep = 0; rep < 8; ++rep) {
            const ReplicateResult r = run_replicate(w, s, rep);
            if (r.protocol_adopted_month == never) continue;
            EXPECT_GE(r.parties[r.protocol_adopted_month], threshold);
            EXPECT_EQ(r.treaty_in_force[r.protocol_adopted_month], 1);
            EXPECT_EQ(r.protocol_adopted[r.protocol_adopted_month - 1], 0);
        }
    }
    s.treaty.protocol_threshold = 194;  // more than there are states
    for (std::uint64_t rep = 0; rep < 4; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        EXPECT_EQ(r.protocol_votes, 0);
        EXPECT_EQ(r.protocol_parties.back(), 0);
    }
}

TEST(Protocol, EntersIntoForceAfterItsOwnThreshold) {
    const World w = testing::uniform_world(100, 10.0);  // repressive: votes pass
    Scenario s = testing::everyone_ratifies_at_once(60);
    s.treaty.protocol_threshold = 60;
    s.treaty.protocol_entry_threshold = 40;
    s.ratification.protocol_base_hazard = 1e6;
    const ReplicateResult r = run_replicate(w, s, 0);
    ASSERT_EQ(r.protocol_adopted_month, 3);  // the convention's entry into force
    EXPECT_EQ(r.protocol_parties[3], 0);     // open for ratification from the next month
    EXPECT_EQ(r.protocol_parties[4], 100);
    EXPECT_EQ(r.protocol_in_force[6], 0);
    EXPECT_EQ(r.protocol_in_force[7], 1);
    for (Month m : r.protocol_ratified_month) EXPECT_EQ(m, 4);
}

TEST(Protocol, OnlyPartiesRatifyTheProtocol) {
    const World& w = testing::default_world();
    Scenario s;
    for (std::uint64_t rep = 0; rep < 6; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        for (StateId i = 0; i < w.states.size(); ++i) {
            if (r.protocol_ratified_month[i] != never) {
                ASSERT_NE(r.ratified_month[i], never);
                EXPECT_GT(r.protocol_ratified_month[i], r.protocol_adopted_month);
            }
        }
    }
}

}  // namespace
}  // namespace havens
