// The categorical axes shared by the model, the output and the analysis:
// each enum's order is the order of its HDF5 coordinate labels, and each
// label is the snake_case name users see in xarray. Append, never reorder.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace havens {

using StateId = std::uint16_t;  // index into the state table (193 by default)
using Month = std::int32_t;     // months since October 2025 (t = 0)
inline constexpr Month never = -1;

enum class Stance : std::uint8_t { yes, abstain, no, absent };
inline constexpr std::array<std::string_view, 4> stance_names{"yes", "abstain", "no", "absent"};

enum class Region : std::uint8_t { african, asia_pacific, eastern_european, latin_american, weog };
inline constexpr std::array<std::string_view, 5> region_names{
    "African", "Asia-Pacific", "Eastern European", "Latin American and Caribbean",
    "Western European and Others"};

enum class FreedomStatus : std::uint8_t { free, partly_free, not_free };
inline constexpr std::array<std::string_view, 3> freedom_status_names{"Free", "Partly Free",
                                                                      "Not Free"};

// The instrument a request travels under. For extradition it is the legal
// basis of the surrender decision: a treaty, a regional convention, Budapest
// (its offences), the convention (Art. 37) or reciprocity under the requested
// state's law; `interpol` is a Red Notice with no basis behind it. The routes
// outside any treaty: `comity`, evidence given under the requested state's
// own law; `provider`, a provider's direct disclosure under the law of its
// home state; `domestic`, the origin compelling its own provider; `removal`,
// a host handing an exile over outside the law (deportation, rendition).
enum class Channel : std::uint8_t {
    uncc,
    mlat,
    budapest,
    regional,
    interpol,
    extradition_treaty,
    reciprocity,
    comity,
    provider,
    domestic,
    removal
};
inline constexpr std::array<std::string_view, 11> channel_names{
    "uncc",        "mlat",   "budapest", "regional", "interpol", "extradition_treaty",
    "reciprocity", "comity", "provider", "domestic", "removal"};
inline constexpr std::size_t channel_count = channel_names.size();

// Articles a state may reserve at ratification.
enum class Article : std::uint8_t {
    human_rights_clause_6_2,
    conditions_safeguards_24,
    persecution_ground_40_22
};
inline constexpr std::array<std::string_view, 3> article_names{"6(2)", "24", "40(22)"};
inline constexpr std::size_t article_count = article_names.size();

// Why a request was refused. scope: outside the convention's scope on its
// channel (files before the comity route; a request outside it now goes
// there instead); national_law: the requested state's own
// political-offence exception and persecution bar; non_refoulement: the
// Refugee Convention, CAT, ECHR and CETS 024 bars on surrender;
// no_legal_basis: an extradition with no treaty, regional convention,
// convention or reciprocity behind it (decided after the provisional arrest);
// provider_policy: a provider declined a direct request; severed_relations:
// the two states are at war, without relations or with cooperation
// suspended (data/hostile_relations.csv).
enum class Reason : std::uint8_t {
    scope,
    dual_criminality,
    persecution_ground,
    conditions_safeguards,
    human_rights_clause,
    discretion,
    channel_rules,
    national_law,
    non_refoulement,
    no_legal_basis,
    provider_policy,
    severed_relations
};
inline constexpr std::array<std::string_view, 12> reason_names{"scope",
                                                               "dual_criminality",
                                                               "persecution_ground",
                                                               "conditions_safeguards",
                                                               "human_rights_clause",
                                                               "discretion",
                                                               "channel_rules",
                                                               "national_law",
                                                               "non_refoulement",
                                                               "no_legal_basis",
                                                               "provider_policy",
                                                               "severed_relations"};
inline constexpr std::size_t reason_count = reason_names.size();

// extradited: surrendered to the origin (in its custody, out of reach of
// further requests); pending_extradition: provisionally arrested in the host
// on a Red Notice, awaiting the extradition decision; removed: handed over
// to the origin outside the law. Detained = all three.
enum class ExileStatus : std::uint8_t {
    safe,
    surveilled,
    data_exposed,
    extradited,
    relocated,
    pending_extradition,
    removed
};
inline constexpr std::array<std::string_view, 7> status_names{
    "safe",      "surveilled",          "data_exposed", "extradited",
    "relocated", "pending_extradition", "removed"};
inline constexpr std::size_t status_count = status_names.size();

enum class Category : std::uint8_t { journalist, defender, activist, researcher, diaspora };
inline constexpr std::array<std::string_view, 5> category_names{
    "journalist", "defender", "activist", "researcher", "diaspora"};
inline constexpr std::size_t category_count = category_names.size();

enum class RequestKind : std::uint8_t {
    preservation,
    subscriber_data,
    stored_content,
    real_time_traffic,
    interception,
    extradition
};
inline constexpr std::array<std::string_view, 6> request_kind_names{
    "preservation",      "subscriber_data", "stored_content",
    "real_time_traffic", "interception",    "extradition"};
inline constexpr std::size_t request_kind_count = request_kind_names.size();

enum class Offence : std::uint8_t {
    core_cybercrime,
    fraud,
    csam,
    content_speech,
    treason,
    terrorism_extremism
};
inline constexpr std::array<std::string_view, 6> offence_names{
    "core_cybercrime", "fraud", "csam", "content_speech", "treason", "terrorism_extremism"};
inline constexpr std::size_t offence_count = offence_names.size();

// Position of `name` in `names`, if present: the one parser for every axis.
template <std::size_t N>
constexpr std::optional<std::size_t> index_of(const std::array<std::string_view, N>& names,
                                              std::string_view name) {
    for (std::size_t i = 0; i < N; ++i) {
        if (names[i] == name) return i;
    }
    return std::nullopt;
}

template <typename Enum>
constexpr std::size_t idx(Enum e) {
    return static_cast<std::size_t>(e);
}

}  // namespace havens
