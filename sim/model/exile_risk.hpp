// The threshold-free headline (docs/ODD.md, "Exile risk"): the chance that a
// typical pretextual request against an exile would be granted, mixing the
// request kinds by their shares: extradition and interception decided by the
// exile's host, data requests by the state of their provider. Per pair the
// two parts come from the same decision plans as the draws; they are computed
// when first needed and again only when what the treaty means between the
// two states changes, and an origin's exile-weighted sum only when one of
// those parts or its exiles' whereabouts change.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "model/contagion.hpp"
#include "model/decision.hpp"
#include "model/pair_signatures.hpp"
#include "model/request.hpp"

namespace havens {

// The risk and its two parts, data (evidence requests: interception by the
// host, data requests at the provider) and bodily (extradition: surrender or
// removal); overall = data + bodily.
struct ExileRisk {
    double overall = 0.0;  // over every exile not in custody; 0 when there is none
    double data = 0.0;
    double bodily = 0.0;
    std::vector<float> by_origin;  // per origin; NaN where it has none
};

class ExileRiskTracker {
public:
    ExileRiskTracker(std::size_t states, const RequestParams& kinds);

    // The risk this month; clears population.moved.
    ExileRisk update(const DecisionContext& ctx, PopulationState& population);

    // Share-weighted grant probability of the host-directed kinds (o, h),
    // as its data part (interception) and bodily part (extradition), and of
    // the data kinds at a provider (o, p); the shares of all six sum to 1.
    struct HostPart {
        double data = 0.0, bodily = 0.0;
        double bodily_refugee = 0.0;  // the bodily part against a refugee (INTERPOL's policy)
    };
    HostPart host_part(const DecisionContext& ctx, StateId o, StateId h);
    double data_part(const DecisionContext& ctx, StateId o, StateId p);

private:
    std::size_t index(StateId a, StateId b) const { return static_cast<std::size_t>(a) * n_ + b; }

    std::size_t n_;
    std::array<double, request_kind_count> share_{};
    std::vector<HostPart> host_;
    std::vector<double> data_;
    std::vector<std::uint8_t> host_known_, data_known_;
    PairSignatures signatures_;
    std::vector<std::uint8_t> origin_stale_;
    std::vector<double> origin_data_, origin_bodily_;  // per origin: sums over its exiles
};

}  // namespace havens
