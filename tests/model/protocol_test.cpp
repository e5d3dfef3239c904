#include "model/protocol.hpp"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "engine/run.hpp"
#include "model/conference.hpp"
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
    ::testing::Values(VoteCase{{2, 1, 0}, true},  // exactly two thirds
                      VoteCase{{40, 20, 0}, true}, VoteCase{{39, 21, 0}, false},  // 117 < 120
                      VoteCase{{40, 21, 0}, false},                               // 120 < 122
                      VoteCase{{2, 2, 0}, false},
                      VoteCase{{40, 20, 100}, true},  // abstainers are not voting
                      VoteCase{{10, 6, 50}, false}, VoteCase{{1, 0, 0}, true},
                      VoteCase{{0, 0, 60}, false},  // nobody voting adopts nothing
                      VoteCase{{0, 0, 0}, false}));

TEST(ProtocolVote, DueOnlyAtASessionWithADraftAndEnoughParties) {
    TreatyParams params;
    params.protocol_threshold = 60;
    params.cosp_interval_months = 24;
    TreatyStatus status(100);
    status.entry_into_force_month = 10;
    status.cosp_first_month = 20;
    status.protocol_draft_month = 30;
    for (StateId s = 0; s < 60; ++s) status.in_force_month[s] = 10;
    EXPECT_FALSE(protocol_vote_due(params, status, 20));  // a session, but no draft yet
    EXPECT_FALSE(protocol_vote_due(params, status, 30));  // a draft, but no session
    EXPECT_TRUE(protocol_vote_due(params, status, 44));   // the second session
    EXPECT_FALSE(protocol_vote_due(params, status, 45));
    EXPECT_TRUE(protocol_vote_due(params, status, 68));
    status.in_force_month[59] = never;  // 59 States Parties
    EXPECT_FALSE(protocol_vote_due(params, status, 44));
    status.in_force_month[59] = 10;
    status.left_month[0] = 40;  // one denounced: 59 again
    EXPECT_FALSE(protocol_vote_due(params, status, 44));
    status.left_month[0] = never;
    status.protocol_draft_month = never;  // no draft ever
    EXPECT_FALSE(protocol_vote_due(params, status, 44));
    status.protocol_draft_month = 30;
    params.protocol = false;
    EXPECT_FALSE(protocol_vote_due(params, status, 44));
}

TEST(ProtocolVote, AFailedVoteWaitsForTheNextSession) {
    TreatyStatus status(10);
    record_protocol_vote(VoteTally{1, 1, 0}, 50, status);
    EXPECT_EQ(status.protocol_adopted_month, never);
    EXPECT_EQ(status.protocol_first_vote_month, 50);
    record_protocol_vote(VoteTally{2, 1, 0}, 74, status);
    EXPECT_EQ(status.protocol_adopted_month, 74);
    EXPECT_EQ(status.protocol_first_vote_month, 50);
    EXPECT_EQ(status.protocol_votes_held, 2);
}

TEST(Conference, FirstSessionWithinTheWindowThenAtTheInterval) {
    TreatyParams params;
    params.cosp_first_min_months = 9;
    params.cosp_first_max_months = 12;
    params.cosp_interval_months = 24;
    std::set<Month> firsts;
    for (std::uint64_t rep = 0; rep < 200; ++rep) {
        TreatyStatus status(1);
        schedule_conference(params, StreamKey{3, rep}, status);
        EXPECT_EQ(status.cosp_first_month, never);  // not before entry into force
        status.entry_into_force_month = 30;
        schedule_conference(params, StreamKey{3, rep}, status);
        const Month first = status.cosp_first_month;
        ASSERT_GE(first, 39);
        ASSERT_LE(first, 42);
        firsts.insert(first);
        for (Month t = 0; t < 200; ++t) {
            EXPECT_EQ(conference_in_session(params, status, t),
                      t >= first && (t - first) % 24 == 0);
        }
    }
    EXPECT_EQ(firsts.size(), 4u);  // every month of the window occurs
}

TEST(Conference, TheDraftMonthIsUniformOnItsWindow) {
    TreatyParams params;
    params.protocol_draft_month = 33;
    params.protocol_draft_spread_months = 2;
    std::map<Month, int> seen;
    for (std::uint64_t rep = 0; rep < 500; ++rep)
        ++seen[draw_protocol_draft_month(params, StreamKey{1, rep})];
    ASSERT_EQ(seen.size(), 5u);
    EXPECT_EQ(seen.begin()->first, 31);
    EXPECT_EQ(seen.rbegin()->first, 35);
    for (auto [month, count] : seen) EXPECT_GT(count, 60) << month;  // 100 expected each
    params.protocol_draft_spread_months = 0;
    EXPECT_EQ(draw_protocol_draft_month(params, StreamKey{1, 7}), 33);
}

// In every replicate of the default world a vote is held only at a
// Conference session, once the draft exists and with enough States Parties.
TEST(Protocol, VotesOnlyAtSessionsAfterTheDraft) {
    const World& w = testing::default_world();
    Scenario s;
    s.world.exiles = 0;
    int voted = 0;
    for (std::uint64_t rep = 0; rep < 16; ++rep) {
        const ReplicateResult r = run_replicate(w, s, rep);
        ASSERT_NE(r.protocol_draft_month, never);
        if (r.entry_into_force_month != never) {
            EXPECT_GE(r.cosp_first_month,
                      r.entry_into_force_month + s.treaty.cosp_first_min_months);
            EXPECT_LE(r.cosp_first_month,
                      r.entry_into_force_month + s.treaty.cosp_first_max_months);
        }
        for (Month t = 0; t < s.months; ++t) {
            EXPECT_EQ(r.cosp_session[t] == 1,
                      r.cosp_first_month != never && t >= r.cosp_first_month &&
                          (t - r.cosp_first_month) % s.treaty.cosp_interval_months == 0);
        }
        for (Month vote : {r.protocol_first_vote_month, r.protocol_adopted_month}) {
            if (vote == never) continue;
            EXPECT_EQ(r.cosp_session[vote], 1);
            EXPECT_GE(vote, r.protocol_draft_month);
            EXPECT_GE(r.parties[vote], s.treaty.protocol_threshold);
        }
        voted += r.protocol_first_vote_month != never;
    }
    EXPECT_GT(voted, 0);
}

TEST(ProtocolVote, ASpeechReservationLowersTheYesAndTheUptake) {
    const World w = [] {
        World world = testing::uniform_world(2);
        world.states.speech_reserved = {0, 1};
        return world;
    }();
    const RatificationParams p;
    EXPECT_LT(protocol_yes_probability(w, p, 1), protocol_yes_probability(w, p, 0));
    EXPECT_LT(protocol_decision_probability(w, p, 1), protocol_decision_probability(w, p, 0));
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
    s.treaty.cosp_first_max_months = s.treaty.cosp_first_min_months;  // first session at E + 9
    s.treaty.protocol_draft_month = 0;
    s.treaty.protocol_draft_spread_months = 0;
    const ReplicateResult r = run_replicate(w, s, 0);
    ASSERT_EQ(r.protocol_adopted_month, 12);  // the first session: entry into force + 9
    EXPECT_EQ(r.protocol_parties[12], 0);     // open for ratification from the next month
    EXPECT_EQ(r.protocol_parties[13], 100);
    EXPECT_EQ(r.protocol_in_force[15], 0);
    EXPECT_EQ(r.protocol_in_force[16], 1);
    for (Month m : r.protocol_ratified_month) EXPECT_EQ(m, 13);
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
