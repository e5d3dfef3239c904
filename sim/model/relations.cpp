#include "model/relations.hpp"

#include <algorithm>

namespace havens {

Relations::Relations(std::size_t states, std::vector<HostilePeriod> periods,
                     std::vector<InterpolMeasure> measures)
    : n_(states),
      periods_(std::move(periods)),
      measures_(std::move(measures)),
      listed_(states * states, 0),
      measured_(states, 0),
      boundaries_(states) {
    for (const HostilePeriod& p : periods_) {
        listed_[static_cast<std::size_t>(p.a) * n_ + p.b] = 1;
        listed_[static_cast<std::size_t>(p.b) * n_ + p.a] = 1;
        for (StateId s : {p.a, p.b}) {
            boundaries_[s].push_back(p.from);
            if (p.until != ongoing) boundaries_[s].push_back(p.until);
        }
    }
    for (const InterpolMeasure& m : measures_) {
        measured_[m.state] = 1;
        boundaries_[m.state].push_back(m.from);
        if (m.until != ongoing) boundaries_[m.state].push_back(m.until);
    }
    for (auto& b : boundaries_) std::sort(b.begin(), b.end());
}

std::uint32_t Relations::epoch(StateId s, Month t) const {
    if (boundaries_.empty()) return 0;
    const auto& b = boundaries_[s];
    return static_cast<std::uint32_t>(std::upper_bound(b.begin(), b.end(), t) - b.begin());
}

const InterpolMeasure* Relations::find_measure(StateId s, InterpolMeasureKind kind, Month t) const {
    for (const InterpolMeasure& m : measures_) {
        if (m.state == s && m.kind == kind && m.from <= t && t < m.until) return &m;
    }
    return nullptr;
}

}  // namespace havens
