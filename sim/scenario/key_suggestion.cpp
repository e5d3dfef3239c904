#include "scenario/key_suggestion.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

#include "scenario/parameter_table.hpp"

namespace havens {

namespace {

std::string_view last_component(std::string_view key) {
    const auto dot = key.rfind('.');
    return dot == std::string_view::npos ? key : key.substr(dot + 1);
}

}  // namespace

std::size_t edit_distance(std::string_view a, std::string_view b) {
    // Three rows of the optimal-string-alignment table.
    std::vector<std::size_t> before(b.size() + 1), previous(b.size() + 1), current(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        current[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                current[j] = std::min(current[j], before[j - 2] + 1);
            }
        }
        std::swap(before, previous);
        std::swap(previous, current);
    }
    return previous[b.size()];
}

std::size_t close_enough(std::size_t length) {
    if (length < 3) return 0;
    return std::max<std::size_t>(length / 3, length >= 4 ? 2 : 1);
}

std::string nearest_key(std::string_view key, const std::vector<std::string>& known) {
    if (key.empty() || std::find(known.begin(), known.end(), key) != known.end()) return "";
    const std::string_view leaf = last_component(key);
    // Ranked by the fewest edits, the whole key's or (one more, for the
    // section left out or wrong) its last component's; then the whole key's
    // edits; then the order of `known`.
    using Rank = std::tuple<std::size_t, std::size_t>;
    Rank best{std::numeric_limits<std::size_t>::max(), 0};
    std::string found;
    for (const auto& candidate : known) {
        const std::size_t whole = edit_distance(key, candidate);
        const std::size_t part = edit_distance(leaf, last_component(candidate));
        // The last component alone is held to a third of its length, so
        // that a short word of another section is not a near miss.
        if (whole > close_enough(key.size()) && part * 3 > leaf.size()) continue;
        const Rank rank{std::min(whole, part + 1), whole};
        if (rank < best) {
            best = rank;
            found = candidate;
        }
    }
    return found;
}

std::string did_you_mean(std::string_view key, const std::vector<std::string>& known) {
    const std::string nearest = nearest_key(key, known);
    return nearest.empty() ? "" : " (did you mean '" + nearest + "'?)";
}

const std::vector<std::string>& scenario_keys() {
    static const std::vector<std::string> keys = [] {
        std::vector<std::string> out;
        for (const auto& spec : parameter_table()) out.push_back(spec.key);
        return out;
    }();
    return keys;
}

const std::vector<std::string>& scenario_sections() {
    static const std::vector<std::string> sections = [] {
        std::vector<std::string> out;
        for (const auto& key : scenario_keys()) {
            const auto dot = key.find('.');
            if (dot == std::string::npos) continue;
            const std::string section = key.substr(0, dot);
            if (std::find(out.begin(), out.end(), section) == out.end()) out.push_back(section);
        }
        out.push_back("sweep");
        return out;
    }();
    return sections;
}

}  // namespace havens
