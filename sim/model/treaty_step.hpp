// One month of the treaty's life, in the order the run applies it:
// denunciations taking effect, the convention's decisions and deposits, the
// Conference's calendar, a protocol vote at a session, the protocol's
// deposits. The one sequence the run and the tests that replay it share.
#pragma once

#include "core/random.hpp"
#include "model/parameters.hpp"
#include "model/ratification.hpp"
#include "model/treaty_status.hpp"
#include "model/world.hpp"

namespace havens {

void advance_treaty(const World& world, const Scenario& scenario,
                    const ReservationPropensity& propensity, StreamKey key, Month t,
                    TreatyStatus& status);

}  // namespace havens
