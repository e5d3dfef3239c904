// The state agents as a structure of arrays: one vector per attribute,
// indexed by StateId. Filled by io/world_data from the data file; the model
// only reads it.
#pragma once

#include <string>
#include <vector>

#include "core/vocabulary.hpp"

namespace havens {

struct StateTable {
    std::vector<std::string> iso3;
    std::vector<std::string> name;
    std::vector<Region> region;
    std::vector<Stance> stance;  // vote on resolution 74/247 (2019)
    std::vector<std::uint8_t> budapest_party;
    // The convention's documented record (data/states.csv for signatures,
    // data/treaty_events.csv for signatures, deposits and denunciations).
    std::vector<Month> signed_month;                 // never if not a signatory
    std::vector<Month> observed_deposit_month;       // never if no documented deposit
    std::vector<Month> observed_denunciation_month;  // the notification; never if none
    Month record_through = never;  // no deposit the record leaves out happened by then
    std::vector<double> fh_score;  // Freedom House 2025 total, 0..100
    std::vector<FreedomStatus> fh_status;
    std::vector<double> repression;   // r = 1 - fh_score / 100
    std::vector<double> rule_of_law;  // j, default fh_cl / 60
    // Freedom House transnational-repression incidents as origin, 2014-2024:
    // NaN where not published; `tnr_leading` marks the named leading origins.
    std::vector<double> tnr_incidents;
    std::vector<std::uint8_t> tnr_leading;
    // The law outside the convention (data/protection_treaties.csv,
    // data/legal_systems.csv): 0 where the file does not list the state.
    std::vector<std::uint8_t> refugee_convention;    // 1951 Convention or 1967 Protocol (Art. 33)
    std::vector<std::uint8_t> torture_convention;    // CAT (Art. 3)
    std::vector<std::uint8_t> echr;                  // Council of Europe member (ECHR Art. 3)
    std::vector<std::uint8_t> european_extradition;  // CETS 024 party (Art. 3(2))
    std::vector<std::uint8_t> treaty_required;       // extradites only under a treaty (common law)
    // A reservation or declaration limiting a treaty duty to criminalise
    // speech, for freedom of expression (data/speech_reservations.csv): 0
    // where none is known.
    std::vector<std::uint8_t> speech_reserved;
    // Requests for user data sent to Google (2023-H2) and Microsoft
    // (2024-H1), data/request_volumes.csv: NaN where the company did not list the state.
    std::vector<double> requests_google;
    std::vector<double> requests_microsoft;
    // A US provider's direct answers to the state's account requests,
    // 2022-2024 (data/provider_disclosure.csv): requests received and those
    // where data was provided; NaN where the state is not on record.
    std::vector<double> disclosure_requests;
    std::vector<double> disclosure_provided;
    // Shares of the state's social-media and messaging usage held by its own
    // national platforms and by Telegram (data/platform_shares.csv); 0 where
    // no usage figure was found (docs/ODD.md, "Exiles").
    std::vector<double> platform_national;
    std::vector<double> platform_telegram;

    std::size_t size() const { return iso3.size(); }
};

// Numeric coding of the 2019 stance used by the hazard: no -1, yes +1.
inline double stance_value(Stance s) {
    switch (s) {
        case Stance::yes: return 1.0;
        case Stance::no: return -1.0;
        default: return 0.0;
    }
}

}  // namespace havens
