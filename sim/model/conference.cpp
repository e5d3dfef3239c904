#include "model/conference.hpp"

#include <algorithm>

#include "core/distributions.hpp"

namespace havens {

Month draw_protocol_draft_month(const TreatyParams& params, StreamKey key) {
    RandomStream rng(key, Purpose::protocol_draft, 0, 0);
    const int spread = params.protocol_draft_spread_months;
    const auto offset =
        static_cast<int>(uniform_index(rng, 2 * static_cast<std::uint64_t>(spread) + 1));
    return std::max(0, params.protocol_draft_month - spread + offset);
}

void schedule_conference(const TreatyParams& params, StreamKey key, TreatyStatus& status) {
    if (status.entry_into_force_month == never || status.cosp_first_month != never) return;
    RandomStream rng(key, Purpose::conference, 0, 0);
    const int width = params.cosp_first_max_months - params.cosp_first_min_months + 1;
    status.cosp_first_month =
        status.entry_into_force_month + params.cosp_first_min_months +
        static_cast<int>(uniform_index(rng, static_cast<std::uint64_t>(width)));
}

bool conference_in_session(const TreatyParams& params, const TreatyStatus& status, Month t) {
    return status.cosp_first_month != never && t >= status.cosp_first_month &&
           (t - status.cosp_first_month) % params.cosp_interval_months == 0;
}

}  // namespace havens
