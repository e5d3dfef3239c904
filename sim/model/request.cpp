#include "model/request.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include "core/distributions.hpp"

namespace havens {

double request_rate(const RequestParams& params, double repression, std::size_t active_exiles) {
    return params.rate * std::pow(repression, params.repression_exponent) *
           static_cast<double>(active_exiles);
}

std::vector<double> legitimate_request_shares(const StateTable& states) {
    const std::size_t n = states.size();
    double google_both = 0.0, microsoft_both = 0.0,
           smallest = std::numeric_limits<double>::infinity(), largest = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double g = states.requests_google[i], m = states.requests_microsoft[i];
        if (!std::isnan(g) && !std::isnan(m)) google_both += g, microsoft_both += m;
    }
    const double scale = microsoft_both > 0.0 ? google_both / microsoft_both : 1.0;
    std::vector<double> v(n, std::nan(""));
    for (std::size_t i = 0; i < n; ++i) {
        const double g = states.requests_google[i], m = states.requests_microsoft[i];
        if (!std::isnan(g))
            v[i] = g;
        else if (!std::isnan(m))
            v[i] = m * scale;
        if (!std::isnan(v[i]) && v[i] > 0.0) {
            smallest = std::min(smallest, v[i]);
            largest = std::max(largest, v[i]);
        }
    }
    if (!std::isfinite(smallest)) smallest = 1.0, largest = 1.0;  // no data: every state alike
    double total = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        if (states.iso3[i] == "USA")
            v[i] = largest;
        else if (std::isnan(v[i]))
            v[i] = 0.5 * smallest;
        total += v[i];
    }
    for (double& x : v) x /= total;
    return v;
}

double pretext_probability(const RequestParams& params, double origin_repression, Category c) {
    double factor = 1.0;
    if (c == Category::researcher) factor = 0.8;
    if (c == Category::diaspora) factor = params.pretext_diaspora;
    return std::clamp(std::pow(origin_repression, params.pretext_exponent) * factor, 0.0, 1.0);
}

std::array<double, request_kind_count> kind_weights(const RequestParams& p) {
    return {p.kind_preservation,      p.kind_subscriber_data, p.kind_stored_content,
            p.kind_real_time_traffic, p.kind_interception,    p.kind_extradition};
}

KindTable kind_table(const RequestParams& p) {
    KindTable t;
    const auto w = kind_weights(p);
    double total = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) t.cumulative[i] = total += w[i];
    return t;
}

namespace {

constexpr auto cumulative_of(const std::array<double, offence_count>& mix) {
    std::array<double, offence_count> c{};
    double total = 0.0;
    for (std::size_t i = 0; i < mix.size(); ++i) c[i] = total += mix[i];
    return c;
}
constexpr auto pretextual_cumulative = cumulative_of(pretextual_offence_mix);
constexpr auto legitimate_cumulative = cumulative_of(legitimate_offence_mix);

// The offence and what follows from it, once the kind, the requested state
// and the pretext flag are known.
void draw_offence(const RequestParams& params, const SafeguardParams& safeguards,
                  const StateTable& states, Request& r, RandomStream& rng) {
    RequestFacts& f = r.facts;
    f.offence = static_cast<Offence>(
        categorical(rng, f.pretextual ? pretextual_cumulative : legitimate_cumulative));
    r.penalty_years =
        static_cast<float>(statutory_maximum_years(params, f.offence, states.fh_status[f.origin]));
    f.serious = r.penalty_years >= safeguards.serious_crime_years;
    f.crime_in_requested =
        bernoulli(rng, crime_probability(f.offence, states.repression[f.requested]));
}

}  // namespace

Request draw_request(const RequestParams& params, const SafeguardParams& safeguards,
                     const KindTable& kinds, const StateTable& states, const Exiles& exiles,
                     ExileId target, RandomStream& rng) {
    Request r;
    r.target = target;
    RequestFacts& f = r.facts;
    f.origin = exiles.origin[target];
    const double r_o = states.repression[f.origin];
    f.kind = static_cast<RequestKind>(categorical(rng, kinds.cumulative));
    f.requested = goes_to_host(f.kind) ? exiles.host[target] : exiles.provider[target];
    f.pretextual = bernoulli(rng, pretext_probability(params, r_o, exiles.category[target]));
    f.refugee = exiles.refugee[target] != 0;
    draw_offence(params, safeguards, states, r, rng);
    return r;
}

Request draw_legitimate_request(const RequestParams& params, const SafeguardParams& safeguards,
                                const KindTable& kinds, const StateTable& states,
                                const ExileSetup& setup, StateId origin, RandomStream& rng) {
    Request r;
    RequestFacts& f = r.facts;
    f.origin = origin;
    f.kind = static_cast<RequestKind>(categorical(rng, kinds.cumulative));
    const Residence where = draw_residence(setup, states, origin, Person::suspect, rng);
    f.requested = goes_to_host(f.kind) ? where.host : where.provider;
    f.pretextual = false;
    draw_offence(params, safeguards, states, r, rng);
    return r;
}

}  // namespace havens
