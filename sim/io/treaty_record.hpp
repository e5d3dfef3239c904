// The convention's documented record and the states' stated limits on
// criminalising speech, read from their data files with every value checked.
// Errors name the file, line and column.
#pragma once

#include <string>

#include "model/states.hpp"

namespace havens {

// data/treaty_events.csv (iso3, instrument, event, date, ...): the dated
// signatures, deposits and denunciations of the convention, and one
// `record_complete` row giving the month through which the record is
// complete. Replaces the table's documented deposits and denunciations;
// adds or redates signatures.
void load_treaty_events(const std::string& path, StateTable& states);

// data/speech_reservations.csv (iso3, icerd_art4, iccpr_art20, ...): a state
// is `speech_reserved` when it reserved or declared against the duty to
// criminalise speech of ICERD Art. 4 or ICCPR Art. 20.
void load_speech_reservations(const std::string& path, StateTable& states);

}  // namespace havens
