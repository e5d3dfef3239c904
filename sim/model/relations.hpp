// Relations between states that rule out cooperation in criminal matters
// (docs/ODD.md 7.9a): war, no diplomatic relations, relations severed or
// cooperation suspended, each dated; and INTERPOL's measures against one
// member's notices. Read-only during a run; questions are asked per month.
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <string_view>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

// The last month of a relation still in place.
inline constexpr Month ongoing = std::numeric_limits<Month>::max();

// The pair is hostile in months from <= t < until.
struct HostilePeriod {
    StateId a = 0, b = 0;
    Month from = 0, until = ongoing;
};

// heightened_review: every notice of the state is checked by INTERPOL's task
// force before publication; refuse_movement: notices tied to a named movement
// (terrorism charges) are refused under Article 3.
enum class InterpolMeasureKind : std::uint8_t { heightened_review, refuse_movement };
inline constexpr std::array<std::string_view, 2> interpol_measure_names{"heightened_review",
                                                                        "refuse_movement"};

struct InterpolMeasure {
    StateId state = 0;
    InterpolMeasureKind kind = InterpolMeasureKind::heightened_review;
    bool terrorism_only = false;  // charges: terrorism and extremism only, else all
    Month from = 0, until = ongoing;
};

class Relations {
public:
    Relations() = default;
    Relations(std::size_t states, std::vector<HostilePeriod> periods,
              std::vector<InterpolMeasure> measures);

    bool hostile(StateId a, StateId b, Month t) const {
        if (listed_.empty() || !listed_[static_cast<std::size_t>(a) * n_ + b]) return false;
        for (const HostilePeriod& p : periods_) {
            if (((p.a == a && p.b == b) || (p.a == b && p.b == a)) && p.from <= t && t < p.until)
                return true;
        }
        return false;
    }
    // How many of the dates at which one of the state's relations, or an
    // INTERPOL measure against its notices, began or ended lie at or before
    // t: it changes exactly when one of them does.
    std::uint32_t epoch(StateId s, Month t) const;
    // The measure of this kind in force against s's notices in month t, or
    // null. Asked for every decision plan; most states are under none, so
    // they are answered without a scan of the list.
    const InterpolMeasure* measure(StateId s, InterpolMeasureKind kind, Month t) const {
        if (measured_.empty() || !measured_[s]) return nullptr;
        return find_measure(s, kind, t);
    }
    bool any_measure(StateId s, Month t) const {
        return measure(s, InterpolMeasureKind::heightened_review, t) ||
               measure(s, InterpolMeasureKind::refuse_movement, t);
    }

    const std::vector<HostilePeriod>& periods() const { return periods_; }
    const std::vector<InterpolMeasure>& measures() const { return measures_; }

private:
    const InterpolMeasure* find_measure(StateId s, InterpolMeasureKind kind, Month t) const;

    std::size_t n_ = 0;
    std::vector<HostilePeriod> periods_;
    std::vector<InterpolMeasure> measures_;
    std::vector<std::uint8_t> listed_;            // [a * n + b]: in some period
    std::vector<std::uint8_t> measured_;          // [state]: named by some measure
    std::vector<std::vector<Month>> boundaries_;  // per state, sorted
};

}  // namespace havens
