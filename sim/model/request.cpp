#include "model/request.hpp"

#include <algorithm>
#include <cmath>

#include "core/distributions.hpp"

namespace havens {

double request_rate(const RequestParams& params, double repression, std::size_t active_exiles) {
    return params.rate * std::pow(repression, params.repression_exponent) *
           static_cast<double>(active_exiles);
}

double pretext_probability(const RequestParams& params, double origin_repression, Category c) {
    double factor = 1.0;
    if (c == Category::researcher) factor = 0.8;
    if (c == Category::diaspora) factor = params.pretext_diaspora;
    return std::clamp(std::pow(origin_repression, params.pretext_exponent) * factor, 0.0, 1.0);
}

double crime_probability(Offence offence, double requested_repression) {
    // Speech offences are crimes mainly in repressive states; "treason"
    // against a foreign state even less so; the rest are crimes everywhere.
    switch (offence) {
        case Offence::content_speech: return requested_repression;
        case Offence::treason: return 0.5 * requested_repression;
        default: return 1.0;
    }
}

KindTable kind_table(const RequestParams& p) {
    KindTable t;
    const std::array<double, request_kind_count> w{p.kind_preservation, p.kind_subscriber_data,
                                                   p.kind_stored_content, p.kind_real_time_traffic,
                                                   p.kind_interception, p.kind_extradition};
    double total = 0.0;
    for (std::size_t i = 0; i < w.size(); ++i) t.cumulative[i] = total += w[i];
    return t;
}

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
    const auto& mix = f.pretextual ? pretextual_offence_mix : legitimate_offence_mix;
    std::array<double, offence_count> cumulative{};
    double total = 0.0;
    for (std::size_t i = 0; i < mix.size(); ++i) cumulative[i] = total += mix[i];
    f.offence = static_cast<Offence>(categorical(rng, cumulative));
    const double mean = mean_penalty_years[idx(f.offence)] * (1.0 + params.penalty_repression * r_o);
    r.penalty_years = static_cast<float>(exponential(rng, mean));
    f.serious = r.penalty_years >= safeguards.serious_crime_years;
    f.crime_in_requested =
        bernoulli(rng, crime_probability(f.offence, states.repression[f.requested]));
    return r;
}

}  // namespace havens
