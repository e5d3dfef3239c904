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
    bool serious = false;            // claimed penalty >= serious_crime_years
    bool crime_in_requested = true;  // the conduct is an offence where it is requested
    bool pretextual = false;
    // The target is a refugee or asylum-seeker from the origin (docs/ODD.md,
    // "Exiles"): INTERPOL's refugee policy applies to notices against them.
    bool refugee = false;
};

// The target of a legitimate-stream request: a suspect abroad, not one of
// the modelled exiles.
inline constexpr ExileId no_exile = 0xffffffffu;

struct Request {
    RequestFacts facts;
    ExileId target = no_exile;
    float penalty_years = 0;  // the offence's statutory maximum in the origin's law
};

// The offence mix of pretextual and of legitimate requests (docs/ODD.md,
// "Requests"). Order: Offence. 46% of the targets Freedom House documents
// were accused of terrorism or extremism; the rest keeps its earlier shares.
inline constexpr std::array<double, offence_count> pretextual_offence_mix{0.108, 0.081, 0.0,
                                                                          0.243, 0.108, 0.46};
inline constexpr std::array<double, offence_count> legitimate_offence_mix{0.3325, 0.4275, 0.1425,
                                                                          0.0285, 0.019,  0.05};

// Political offences for the political-offence exception and INTERPOL's
// Article 3. Terrorism charges are not: treaties since the 1977 European
// Convention on the Suppression of Terrorism exclude them from the exception.
constexpr bool is_political(Offence o) {
    return o == Offence::content_speech || o == Offence::treason;
}

// The maximum penalty of the offence in the requesting state's law (years):
// what makes it a "serious crime" (Art. 2(h)), not what a request claims.
// Inline, as is crime_probability: the expected grant asks both for every
// offence of every pair it evaluates.
inline double statutory_maximum_years(const RequestParams& params, Offence offence,
                                      FreedomStatus origin) {
    switch (offence) {
        case Offence::core_cybercrime: return 3;
        case Offence::fraud:
        case Offence::csam: return 5;
        case Offence::content_speech:
            switch (origin) {
                case FreedomStatus::free: return params.speech_max_years_free;
                case FreedomStatus::partly_free: return params.speech_max_years_partly_free;
                case FreedomStatus::not_free: return params.speech_max_years_not_free;
            }
            return params.speech_max_years_not_free;
        case Offence::treason:
        case Offence::terrorism_extremism: return 10;
    }
    return 0;
}
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

// Each state's share of the legitimate stream (sums to 1): its requests to
// Google, else to Microsoft scaled to Google's volume; the USA, whose listed
// requests are domestic, as the largest listed sender; an unlisted state half
// the smallest listed volume (docs/ODD.md, "Requests").
std::vector<double> legitimate_request_shares(const StateTable& states);

// Probability that a request against an exile of this category is a pretext.
double pretext_probability(const RequestParams& params, double origin_repression, Category c);

// Whether the claimed conduct is an offence in every state: all but speech
// offences, crimes mainly in repressive states, and "treason" against a
// foreign state, even less so.
constexpr bool crime_everywhere(Offence offence) {
    return offence != Offence::content_speech && offence != Offence::treason;
}

// Probability that the claimed conduct is an offence in a state of this repression.
inline double crime_probability(Offence offence, double requested_repression) {
    if (crime_everywhere(offence)) return 1.0;
    return offence == Offence::content_speech ? requested_repression : 0.5 * requested_repression;
}

// Draws every attribute of a request against `target`, given the cumulative
// kind weights. `requested_repression` is read once the kind has routed it.
struct KindTable {
    std::array<double, request_kind_count> cumulative{};
};
KindTable kind_table(const RequestParams& params);

// The kinds' weights as the scenario gives them (requests.kind_*), in RequestKind order.
std::array<double, request_kind_count> kind_weights(const RequestParams& params);

Request draw_request(const RequestParams& params, const SafeguardParams& safeguards,
                     const KindTable& kinds, const StateTable& states, const Exiles& exiles,
                     ExileId target, RandomStream& rng);

// Draws a legitimate request of `origin` against a suspect abroad: the
// suspect's host from the origin's diaspora, the provider by the market-share
// rule, the offence from the legitimate mix.
Request draw_legitimate_request(const RequestParams& params, const SafeguardParams& safeguards,
                                const KindTable& kinds, const StateTable& states,
                                const ExileSetup& setup, StateId origin, RandomStream& rng);

}  // namespace havens
