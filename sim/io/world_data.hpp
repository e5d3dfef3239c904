// Loading the default world's data files (or a user's) into the model's
// state table and regional blocs, with every value checked. Errors name the
// file, line and column; documented defaults stand in for 'unknown' values
// (docs/ODD.md, "Input data").
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/cooperation_graph.hpp"
#include "model/states.hpp"

namespace havens {

// `expected_states` = 0 accepts any number of rows (small test worlds).
StateTable load_states(const std::string& path, std::size_t expected_states);

Blocs load_blocs(const std::string& path, const StateTable& states);

// Fills states.tnr_incidents and tnr_leading from the origin-incidents file
// (iso3, incidents, leading): states not listed keep NaN and 0.
void load_origin_incidents(const std::string& path, StateTable& states);

// The law outside the convention. In the files of one row per state (column
// iso3), a code not in the world or listed twice is an error, and a state the
// file leaves out keeps its default (0 for the flags, NaN for the counts).

// Fills refugee_convention, torture_convention, echr and european_extradition
// from the columns refugee_convention, cat, echr, european_extradition (0/1).
void load_protection_treaties(const std::string& path, StateTable& states);

// Fills treaty_required from the column treaty_required (0/1).
void load_legal_systems(const std::string& path, StateTable& states);

// Fills requests_google and requests_microsoft from google_requests_2023h2 and
// microsoft_requests_2024h1: a count >= 0, or empty where the company did not
// list the state (NaN).
void load_request_volumes(const std::string& path, StateTable& states);

// The undirected pairs (columns a, b) of a treaty list (extradition or
// mutual legal assistance), in file order. A self-pair, or a pair listed
// twice in either order, is an error.
std::vector<std::pair<StateId, StateId>> load_state_pairs(const std::string& path,
                                                          const StateTable& states);

// Fills disclosure_requests and disclosure_provided from the rows whose
// request_type is "account" (columns iso3, requests, requests_data_provided);
// other request types are skipped, and a state listed twice is an error.
void load_provider_disclosure(const std::string& path, StateTable& states);

// Fills platform_national and platform_telegram from share_national and
// share_telegram (each in [0, 1], empty: 0; their sum at most 1).
void load_platform_shares(const std::string& path, StateTable& states);

// Fills blocs.mla and blocs.extradition (one flag each per bloc) from the
// columns bloc, mla and extradition, and blocs.terrorism_only from the
// optional column offences (all, the default, or terrorism_extremism); blocs
// the file leaves out get 0. A bloc
// not in `blocs`, or listed twice, is an error.
void load_bloc_instruments(const std::string& path, Blocs& blocs);

// The year whose rows make up the diaspora weights.
inline constexpr int diaspora_year = 2024;

// Diaspora weights [origin * n + host]: the larger of the migrant stock
// (origin, destination, stock, year) and the refugees plus asylum-seekers
// (origin, asylum, refugees, asylum_seekers, year), from the rows of
// diaspora_year only; pairs absent from both files weigh 0, and so does a
// state with itself. An empty count adds nothing; a negative one, a year that
// is not a whole number, or a (origin, host) pair listed twice for that year
// is an error.
std::vector<double> load_diaspora(const std::string& migrant_stock_path,
                                  const std::string& refugees_path, const StateTable& states);
// The two files alone, [origin * n + host], and their larger per pair.
std::vector<double> load_migrant_stock(const std::string& path, const StateTable& states);
std::vector<double> load_refugees(const std::string& path, const StateTable& states);
std::vector<double> diaspora_of(const std::vector<double>& migrant_stock,
                                const std::vector<double>& refugees);

// Month index (0 = October 2025) of a date written as YYYY-MM or YYYY-MM-DD,
// with anything after the month ignored; nullopt if it does not start so.
std::optional<Month> month_of_date(const std::string& text);

}  // namespace havens
