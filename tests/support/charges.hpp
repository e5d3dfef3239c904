// Every charge a request between two states can carry: each offence with
// every combination of its four flags (serious, crime in the requested
// state, pretextual, a refugee target), for exhaustive checks of decision plans.
#pragma once

#include "core/vocabulary.hpp"
#include "model/request.hpp"

namespace havens::testing {

template <typename Check>
void for_every_charge(StateId o, StateId k, RequestKind kind, Check check) {
    for (std::size_t offence = 0; offence < offence_count; ++offence) {
        for (int bits = 0; bits < 16; ++bits) {
            check(RequestFacts{o, k, kind, static_cast<Offence>(offence), (bits & 1) != 0,
                               (bits & 2) != 0, (bits & 4) != 0, (bits & 8) != 0});
        }
    }
}

}  // namespace havens::testing
