// The Conference of the States Parties (Art. 57) and the negotiation of the
// protocol's text (docs/ODD.md 7.5): when sessions are held, and from when a
// negotiated draft exists. A protocol can be adopted only at a session.
#pragma once

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/treaty_status.hpp"

namespace havens {

// The month from which a negotiated draft exists: uniform on
// [draft_month - spread, draft_month + spread] (never below 0), one draw per
// replicate.
Month draw_protocol_draft_month(const TreatyParams& params, StreamKey key);

// Dates the first session once entry into force is known: E + U{first_min,
// first_max}. Does nothing before, or once dated.
void schedule_conference(const TreatyParams& params, StreamKey key, TreatyStatus& status);

// Whether the Conference sits in month t: the first session, then every
// cosp_interval_months.
bool conference_in_session(const TreatyParams& params, const TreatyStatus& status, Month t);

}  // namespace havens
