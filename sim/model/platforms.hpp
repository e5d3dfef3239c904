// Where the providers that hold exiles' data answer from (docs/ODD.md 7.6,
// 7.8): the states whose law governs a disclosure, by ISO code, in one place
// for the exiles' draw and the routing of requests.
#pragma once

#include <array>
#include <string_view>

namespace havens::platforms {

// The global platforms' US parents, and their EU establishment in Ireland,
// which serves EU residents and answers foreign requests by the same policy.
inline constexpr std::string_view us_parent = "USA";
inline constexpr std::string_view eu_establishment = "IRL";
inline constexpr std::array<std::string_view, 2> global_homes{us_parent, eu_establishment};
// Telegram's operating company is in Dubai.
inline constexpr std::string_view telegram_home = "ARE";
// The CLOUD Act executive agreements in force: a US provider may answer these
// states' orders for content directly (United Kingdom, 3 October 2022;
// Australia, 31 January 2024).
inline constexpr std::array<std::string_view, 2> cloud_act_partners{"GBR", "AUS"};

}  // namespace havens::platforms
