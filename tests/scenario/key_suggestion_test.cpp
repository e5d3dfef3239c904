#include "scenario/key_suggestion.hpp"

#include <gtest/gtest.h>

namespace havens {
namespace {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("seed", ""), 4u);
    EXPECT_EQ(edit_distance("", "seed"), 4u);
    EXPECT_EQ(edit_distance("threshold", "threshold"), 0u);
    EXPECT_EQ(edit_distance("treshold", "threshold"), 1u);    // an insertion
    EXPECT_EQ(edit_distance("threshhold", "threshold"), 1u);  // a deletion
    EXPECT_EQ(edit_distance("thresholt", "threshold"), 1u);   // a substitution
    EXPECT_EQ(edit_distance("thershold", "threshold"), 1u);   // neighbours swapped
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("ca", "abc"), 3u);  // optimal string alignment, not full DL (2)
}

TEST(CloseEnough, GrowsWithTheLength) {
    EXPECT_EQ(close_enough(2), 0u);
    EXPECT_EQ(close_enough(3), 1u);
    EXPECT_EQ(close_enough(4), 2u);
    EXPECT_EQ(close_enough(8), 2u);
    EXPECT_EQ(close_enough(9), 3u);
    EXPECT_EQ(close_enough(24), 8u);
}

TEST(NearestKey, ATypoInTheWholeKey) {
    const auto& keys = scenario_keys();
    EXPECT_EQ(nearest_key("treaty.protocol_treshold", keys), "treaty.protocol_threshold");
    EXPECT_EQ(nearest_key("treaty.threshhold", keys), "treaty.threshold");
    EXPECT_EQ(nearest_key("safeguard.scope", keys), "safeguards.scope");
    EXPECT_EQ(nearest_key("montsh", keys), "months");
    EXPECT_EQ(nearest_key("requests.rat", keys), "requests.rate");
}

TEST(NearestKey, TheLastComponentWithoutOrWithAnotherSection) {
    const auto& keys = scenario_keys();
    EXPECT_EQ(nearest_key("protocol_threshold", keys), "treaty.protocol_threshold");
    EXPECT_EQ(nearest_key("protocol_treshold", keys), "treaty.protocol_threshold");
    EXPECT_EQ(nearest_key("dual_criminality", keys), "safeguards.dual_criminality");
    EXPECT_EQ(nearest_key("treaty.dual_criminality", keys), "safeguards.dual_criminality");
    EXPECT_EQ(nearest_key("threshold", keys), "treaty.threshold");  // not protocol_threshold
}

TEST(NearestKey, NothingWhenNothingIsClose) {
    const auto& keys = scenario_keys();
    EXPECT_EQ(nearest_key("happiness", keys), "");
    EXPECT_EQ(nearest_key("", keys), "");
    EXPECT_EQ(nearest_key("treaty.threshold", keys), "");  // known: nothing to suggest
    EXPECT_EQ(nearest_key("x", {"y", "zz"}), "");
    // A short last component is held to a third of its length: rain is not rate.
    EXPECT_EQ(nearest_key("weather.rain", keys), "");
    EXPECT_EQ(nearest_key("weather.rate", keys), "requests.rate");
}

TEST(NearestKey, TiesGoToTheFewestEditsThenTheFirstKnown) {
    EXPECT_EQ(nearest_key("abcd", {"abxx", "abcx", "abcy"}), "abcx");
    // One edit to the whole key, or the same last component in another
    // section (counted one more): a tie, to the first known.
    EXPECT_EQ(nearest_key("s.abcd", {"t.abcd", "s.abce"}), "t.abcd");
    EXPECT_EQ(nearest_key("s.abcd", {"s.abce", "t.abcd"}), "s.abce");
}

TEST(DidYouMean, IsTheTailOfAnError) {
    EXPECT_EQ(did_you_mean("treaty.protocol_treshold", scenario_keys()),
              " (did you mean 'treaty.protocol_threshold'?)");
    EXPECT_EQ(did_you_mean("happiness", scenario_keys()), "");
    EXPECT_EQ(did_you_mean("tready", scenario_sections()), " (did you mean 'treaty'?)");
    EXPECT_EQ(did_you_mean("sweeps", scenario_sections()), " (did you mean 'sweep'?)");
}

}  // namespace
}  // namespace havens
