#include "core/text_wrap.hpp"

#include <gtest/gtest.h>

#include <sstream>

namespace havens {
namespace {

std::size_t longest_line(const std::string& text) {
    std::istringstream in(text);
    std::size_t most = 0;
    for (std::string line; std::getline(in, line);) most = std::max(most, line.size());
    return most;
}

TEST(TextWrap, TextWithinTheWidthIsUnchanged) {
    const std::string text = "short line\n  indented\n\nlast";
    EXPECT_EQ(wrap_text(text, 80), text);
}

TEST(TextWrap, LongLinesBreakAtSpacesWithDeeperContinuations) {
    const std::string line =
        "  scenario baseline: 8 replicates x 240 months; in force month 27 (median; 8/8 "
        "replicates); parties at the horizon 159 [153, 162]; protocol adopted month 62\n";
    const std::string wrapped = wrap_text(line, 60);
    EXPECT_LE(longest_line(wrapped), 60u) << wrapped;
    EXPECT_EQ(wrapped.rfind("  scenario baseline:", 0), 0u);
    EXPECT_NE(wrapped.find("\n      "), std::string::npos) << wrapped;  // indent 2 + 4
    // Nothing lost or reordered: the words are the same.
    std::istringstream a(line), b(wrapped);
    std::string x, y;
    while (a >> x) {
        ASSERT_TRUE(b >> y);
        EXPECT_EQ(x, y);
    }
    EXPECT_FALSE(b >> y);
    EXPECT_EQ(wrapped.back(), '\n');
}

TEST(TextWrap, AWordLongerThanTheWidthStaysWhole) {
    const std::string path = "/a/very/long/path/that/does/not/fit/anywhere.h5";
    const std::string wrapped = wrap_text("file " + path + " written", 20);
    EXPECT_NE(wrapped.find(path), std::string::npos) << wrapped;
}

}  // namespace
}  // namespace havens
