// What one replicate returns: plain arrays, named as their HDF5 datasets
// (docs/OUTPUT.md). The engine fills them; sinks write or inspect them.
// Multi-axis arrays are row-major, the month first.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

// One line of the optional request event log: a request's whole lineage.
struct RequestEvent {
    std::int32_t month_sent = 0;
    std::int32_t month_completed = never;  // never: still pending at the horizon
    std::int32_t month_arrested = never;   // extradition: the provisional arrest, if any
    std::uint32_t target = 0;              // no_exile: a legitimate-stream suspect
    std::uint16_t origin = 0;
    std::uint16_t requested = 0;
    std::uint8_t kind = 0;
    std::uint8_t offence = 0;
    std::uint8_t pretextual = 0;
    std::uint8_t dual_criminality = 0;  // the conduct is an offence in the requested state
    std::uint8_t channel = 0;           // channel_count: not sent
    std::uint8_t outcome = 0;           // RequestOutcome
    std::uint8_t reason = 0;            // reason_count: not refused
    // Named so that an event has no padding: a checkpoint copies events byte
    // for byte, and an unnamed padding byte would carry whatever memory held.
    std::uint8_t spare = 0;
    float penalty_years = 0;

    bool operator==(const RequestEvent&) const = default;
};
static_assert(sizeof(RequestEvent) == 4 * sizeof(std::int32_t) + 2 * sizeof(std::uint16_t) +
                                          8 * sizeof(std::uint8_t) + sizeof(float),
              "an event has no padding");
// lapsed: an extradition whose provisional arrest found its target already
// in custody on another request; it ends there, neither granted nor refused.
// removed: an extradition the host answered by handing the target over
// outside the law, before any legal decision.
enum class RequestOutcome : std::uint8_t { not_sent, granted, refused, pending, lapsed, removed };
inline constexpr std::array<std::string_view, 6> request_outcome_names{
    "not_sent", "granted", "refused", "pending", "lapsed", "removed"};

struct ReplicateResult {
    // [month]
    std::vector<std::int32_t> parties;
    std::vector<std::uint8_t> treaty_in_force;
    std::vector<std::uint8_t> cosp_session;  // 1 in a month the Conference sits
    std::vector<std::uint8_t> protocol_adopted;
    std::vector<std::int32_t> protocol_parties;
    std::vector<std::uint8_t> protocol_in_force;
    std::vector<std::int64_t> requests_issued;
    std::vector<std::int64_t> requests_sent;
    std::vector<std::int64_t> requests_not_sent;
    std::vector<std::int64_t> requests_granted;
    std::vector<std::int64_t> requests_refused;
    std::vector<std::int64_t> requests_pending;  // the stock at the end of the month
    std::vector<std::int64_t> requests_lapsed;   // arrests that found the target in custody
    std::vector<std::int64_t> requests_removed;  // extraditions answered by a removal
    std::vector<std::int64_t> granted_pretextual;
    std::vector<std::int64_t> granted_legitimate;
    std::vector<std::int64_t> refused_pretextual;
    std::vector<std::int64_t> refused_legitimate;
    std::vector<double> share_exiles_in_safe_haven;
    std::vector<double> exile_risk;
    std::vector<double> exile_risk_data;    // its data part: evidence requests
    std::vector<double> exile_risk_bodily;  // its bodily part: surrender or removal
    // [month, reason], [month, channel], [month, status], [month, origin]
    std::vector<std::int64_t> refused_by_reason;
    std::vector<std::int64_t> granted_by_channel;
    std::vector<std::int64_t> sent_by_channel;
    std::vector<std::int64_t> exiles_by_status;
    std::vector<std::int32_t> safe_havens;
    std::vector<float> exile_risk_by_origin;
    // [state]
    std::vector<Month> signed_month;  // never: not a signatory (a depositor acceded)
    std::vector<Month> ratified_month;
    std::vector<Month> treaty_in_force_month;
    std::vector<Month> protocol_ratified_month;
    std::vector<std::array<std::uint8_t, article_count>> reservations;
    std::vector<std::int64_t> legitimate_sent;     // legitimate requests sent, by origin
    std::vector<std::int64_t> legitimate_refused;  // ... and refused
    // [origin, host]
    std::vector<std::int64_t> flows_granted;
    std::vector<std::int64_t> flows_relocated;  // moves of the origin's exiles into the host
    std::vector<double> grant_probability;      // a typical data request, at the horizon
    std::vector<std::uint8_t>
        safe_haven;  // 1 where host is a safe haven for origin, at the horizon
    // scalars
    Month entry_into_force_month = never;
    Month cosp_first_month = never;      // the Conference's first session
    Month protocol_draft_month = never;  // a negotiated draft exists from this month
    Month protocol_first_vote_month = never;
    Month protocol_adopted_month = never;
    std::int32_t protocol_votes = 0;
    std::int64_t exiles = 0;
    // optional
    std::vector<RequestEvent> events;
};

// Calls visit(name, member of each result...) for every member, in a fixed
// order: the one list that serialisation (checkpoints) and comparisons walk,
// so that a member added here is carried everywhere.
template <typename Visitor, typename... Results>
void visit_fields(Visitor&& visit, Results&... r) {
    visit("parties", r.parties...);
    visit("treaty_in_force", r.treaty_in_force...);
    visit("cosp_session", r.cosp_session...);
    visit("protocol_adopted", r.protocol_adopted...);
    visit("protocol_parties", r.protocol_parties...);
    visit("protocol_in_force", r.protocol_in_force...);
    visit("requests_issued", r.requests_issued...);
    visit("requests_sent", r.requests_sent...);
    visit("requests_not_sent", r.requests_not_sent...);
    visit("requests_granted", r.requests_granted...);
    visit("requests_refused", r.requests_refused...);
    visit("requests_pending", r.requests_pending...);
    visit("requests_lapsed", r.requests_lapsed...);
    visit("requests_removed", r.requests_removed...);
    visit("granted_pretextual", r.granted_pretextual...);
    visit("granted_legitimate", r.granted_legitimate...);
    visit("refused_pretextual", r.refused_pretextual...);
    visit("refused_legitimate", r.refused_legitimate...);
    visit("share_exiles_in_safe_haven", r.share_exiles_in_safe_haven...);
    visit("exile_risk", r.exile_risk...);
    visit("exile_risk_data", r.exile_risk_data...);
    visit("exile_risk_bodily", r.exile_risk_bodily...);
    visit("refused_by_reason", r.refused_by_reason...);
    visit("granted_by_channel", r.granted_by_channel...);
    visit("sent_by_channel", r.sent_by_channel...);
    visit("exiles_by_status", r.exiles_by_status...);
    visit("safe_havens", r.safe_havens...);
    visit("exile_risk_by_origin", r.exile_risk_by_origin...);
    visit("signed_month", r.signed_month...);
    visit("ratified_month", r.ratified_month...);
    visit("treaty_in_force_month", r.treaty_in_force_month...);
    visit("protocol_ratified_month", r.protocol_ratified_month...);
    visit("reservations", r.reservations...);
    visit("legitimate_sent", r.legitimate_sent...);
    visit("legitimate_refused", r.legitimate_refused...);
    visit("flows_granted", r.flows_granted...);
    visit("flows_relocated", r.flows_relocated...);
    visit("grant_probability", r.grant_probability...);
    visit("safe_haven", r.safe_haven...);
    visit("entry_into_force_month", r.entry_into_force_month...);
    visit("cosp_first_month", r.cosp_first_month...);
    visit("protocol_draft_month", r.protocol_draft_month...);
    visit("protocol_first_vote_month", r.protocol_first_vote_month...);
    visit("protocol_adopted_month", r.protocol_adopted_month...);
    visit("protocol_votes", r.protocol_votes...);
    visit("exiles", r.exiles...);
    visit("events", r.events...);
}

}  // namespace havens
