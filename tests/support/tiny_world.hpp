// Small hand-made worlds for tests: every value written out, so that the
// expected results can be computed by hand.
#pragma once

#include <cmath>
#include <string>

#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens::testing {

struct TinyState {
    std::string iso3;
    Region region = Region::weog;
    Stance stance = Stance::yes;
    bool budapest = false;
    bool signatory = false;
    double fh_score = 50.0;
    double rule_of_law = 0.5;
    bool refugee_convention = false;
    bool torture_convention = false;
    bool echr = false;
    bool european_extradition = false;
    bool treaty_required = false;
    bool speech_reserved = false;
    double requests = std::nan("");
};

inline StateTable make_states(const std::vector<TinyState>& rows) {
    StateTable s;
    for (const auto& r : rows) {
        s.iso3.push_back(r.iso3);
        s.name.push_back("State " + r.iso3);
        s.region.push_back(r.region);
        s.stance.push_back(r.stance);
        s.budapest_party.push_back(r.budapest ? 1 : 0);
        s.signed_month.push_back(r.signatory ? 0 : never);
        s.observed_deposit_month.push_back(never);
        s.observed_denunciation_month.push_back(never);
        s.speech_reserved.push_back(r.speech_reserved ? 1 : 0);
        s.fh_score.push_back(r.fh_score);
        s.fh_status.push_back(FreedomStatus::partly_free);
        s.repression.push_back(1.0 - r.fh_score / 100.0);
        s.rule_of_law.push_back(r.rule_of_law);
        s.tnr_incidents.push_back(std::nan(""));
        s.tnr_leading.push_back(0);
        s.refugee_convention.push_back(r.refugee_convention ? 1 : 0);
        s.torture_convention.push_back(r.torture_convention ? 1 : 0);
        s.echr.push_back(r.echr ? 1 : 0);
        s.european_extradition.push_back(r.european_extradition ? 1 : 0);
        s.treaty_required.push_back(r.treaty_required ? 1 : 0);
        s.requests_google.push_back(r.requests);
        s.requests_microsoft.push_back(std::nan(""));
    }
    return s;
}

// n identical states in one region, no blocs.
inline World uniform_world(std::size_t n, double fh_score = 50.0) {
    std::vector<TinyState> rows;
    for (std::size_t i = 0; i < n; ++i) {
        std::string code = "S";
        code += static_cast<char>('A' + i / 26);
        code += static_cast<char>('A' + i % 26);
        rows.push_back(TinyState{.iso3 = code, .fh_score = fh_score});
    }
    return build_world(make_states(rows), Blocs{}, WorldParams{});
}

// A scenario whose every state decides and deposits in month 0 (hazard
// saturated, no domestic procedure).
inline Scenario everyone_ratifies_at_once(int months = 24) {
    Scenario s;
    s.months = months;
    s.replicates = 2;
    s.ratification.base_hazard = 1e6;
    s.ratification.lag_min_months = 0;
    s.ratification.lag_median_months = 0;
    return s;
}

}  // namespace havens::testing
