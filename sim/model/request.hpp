// A persecution request: who asks whom for what, against whom, on what
// claimed charge, and whether the charge is a pretext (the hidden ground
// truth that safeguards try to detect). Attributes are drawn from a stream
// keyed by the request's identity (month, origin, index within the month).
#pragma once

#include <array>
#include <cstdint>

#include "core/random.hpp"
#include "core/vocabulary.hpp"
#include "model/exiles.hpp"
#include "model/parameters.hpp"

namespace havens {

// What the decision rules need to know of a request.
struct RequestFacts {
    StateId origin = 0;
    StateId requested = 0;
    RequestKind kind = RequestKind::preservation;
    Offence offence = Offence::core_cybercrime;
    bool serious = false;             // claimed penalty >= serious_crime_years
    bool crime_in_requested = true;   // the conduct is an offence where it is requested
    bool pretextual = false;
};

struct Request {
    RequestFacts facts;
    ExileId target = 0;
    float penalty_years = 0;
};

// The offence mix of pretextual and of legitimate requests, and the mean
// claimed penalty per offence (docs/ODD.md, "Requests"). Order: Offence.
inline constexpr std::array<double, offence_count> pretextual_offence_mix{0.20, 0.15, 0.0, 0.45, 0.20};
inline constexpr std::array<double, offence_count> legitimate_offence_mix{0.35, 0.45, 0.15, 0.03, 0.02};
inline constexpr std::array<double, offence_count> mean_penalty_years{3.0, 3.0, 5.0, 2.0, 8.0};

constexpr bool is_political(Offence o) { return o == Offence::content_speech || o == Offence::treason; }
constexpr bool is_surveillance(RequestKind k) {
    return k == RequestKind::stored_content || k == RequestKind::real_time_traffic ||
           k == RequestKind::interception;
}
// Extradition and interception go to the host; data requests to the provider.
constexpr bool goes_to_host(RequestKind k) {
    return k == RequestKind::extradition || k == RequestKind::interception;
}

// Expected requests of origin o this month: lambda0 * r^gamma * active exiles.
double request_rate(const RequestParams& params, double repression, std::size_t active_exiles);

// Probability that a request against an exile of this category is a pretext.
double pretext_probability(const RequestParams& params, double origin_repression, Category c);

// Probability that the claimed conduct is an offence in a state of this repression.
double crime_probability(Offence offence, double requested_repression);

// Draws every attribute of a request against `target`, given the cumulative
// kind weights. `requested_repression` is read once the kind has routed it.
struct KindTable {
    std::array<double, request_kind_count> cumulative{};
};
KindTable kind_table(const RequestParams& params);

Request draw_request(const RequestParams& params, const SafeguardParams& safeguards,
                     const KindTable& kinds, const StateTable& states, const Exiles& exiles,
                     ExileId target, RandomStream& rng);

}  // namespace havens
