// The exiles, as a structure of arrays sorted by origin: every exile of
// origin o lies in [origin_begin[o], origin_begin[o + 1]). Their contacts form
// a small-world graph among exiles of the same origin, stored as a fixed
// number of 32-bit indices per exile (no offsets needed).
#pragma once

#include <cstdint>
#include <vector>

#include "core/random.hpp"
#include "core/vocabulary.hpp"
#include "model/parameters.hpp"
#include "model/world.hpp"

namespace havens {

using ExileId = std::uint32_t;

struct Exiles {
    std::vector<StateId> origin;
    std::vector<StateId> host;
    std::vector<StateId> provider;
    std::vector<Category> category;
    std::vector<std::uint8_t> refugee;  // a refugee or asylum-seeker, not the wider diaspora
    std::vector<ExileStatus> status;
    std::vector<std::uint8_t> priority;  // an exposed contact: a priority target of its origin
    std::vector<ExileId> contacts;       // contacts_per_exile entries per exile
    std::vector<ExileId> origin_begin;   // size states + 1
    int contacts_per_exile = 0;

    std::size_t size() const { return origin.size(); }
    std::size_t of_origin(StateId o) const { return origin_begin[o + 1] - origin_begin[o]; }
};

// Relative weight of each state as an origin of persecution: published
// incident counts where known, the top-ten share for named leaders without
// one, and the rest spread in proportion to repression^exponent.
std::vector<double> origin_weights(const StateTable& states, const ExileParams& params);

// Everything the per-exile draws share, computed once per world: how many
// exiles each origin has (largest-remainder apportionment) and, per origin,
// the host weights of its at-risk exiles (host_weights) and of the ordinary
// suspects of the legitimate stream (suspect_host_weights), as they are and
// cumulated for drawing.
struct ExileSetup {
    std::vector<ExileId> origin_begin;
    std::vector<std::vector<double>> host_weight;              // [origin][host]
    std::vector<std::vector<double>> host_cumulative;          // [origin][host]
    std::vector<std::vector<double>> suspect_host_cumulative;  // [origin][host]
    // [origin * n + host]: the share of the origin's at-risk people there who
    // are refugees or asylum-seekers (the rest: the wider diaspora's share).
    std::vector<float> refugee_share;
    std::vector<double> category_cumulative;
    // The homes of the providers that hold data outside the origin: the
    // global platforms' parent (USA) and their EU establishment (Ireland),
    // which serves users living in the EU; Telegram's operator (UAE).
    StateId usa = 0, eu_hub = 0, telegram = 0;
    bool has_usa = false, has_eu_hub = false, has_telegram = false;
    std::vector<std::uint8_t> in_eu;  // per state: a member of the bloc "eu"
    ExileParams params;
    std::vector<std::uint8_t> host_from_diaspora;  // per origin: 1 where the data set the hosts
};

// Where the at-risk exiles of every origin live (n x n, row o the hosts of
// origin o): its refugees and asylum-seekers plus at_risk_diaspora_share of
// its migrant stock (a world without those two files: the diaspora), where
// its row has any weight, else the gravity rule of ExileParams.
std::vector<std::vector<double>> host_weights(const World& world, const ExileParams& params,
                                              std::vector<std::uint8_t>* from_diaspora = nullptr);

// Where the ordinary emigrants of every origin live, the suspects abroad of
// legitimate requests: the whole diaspora (the larger of migrant stock and
// refugees), else the gravity rule.
std::vector<std::vector<double>> suspect_host_weights(const World& world,
                                                      const ExileParams& params);

// Where someone of `origin` lives and whose providers hold their data: an
// at-risk exile by host_weights, keeping exiles.national_platform_use of the
// national platforms' usage share; an ordinary suspect of the legitimate
// stream by suspect_host_weights, keeping all of it. A provider equal to the
// origin is the origin's own (a domestic order reaches it).
struct Residence {
    StateId host = 0;
    StateId provider = 0;
};
enum class Person : std::uint8_t { at_risk_exile, suspect };
Residence draw_residence(const ExileSetup& setup, const StateTable& states, StateId origin,
                         Person person, RandomStream& rng);

ExileSetup prepare_exiles(const World& world, const ExileParams& params, std::int64_t count);

// Sizes the arrays; every slot is then filled by draw_exile and draw_contacts,
// which touch only exile i and may run in parallel.
Exiles allocate_exiles(const ExileSetup& setup);
void draw_exile(const ExileSetup& setup, const StateTable& states, StreamKey key, ExileId i,
                Exiles& exiles);
void draw_contacts(const ExileSetup& setup, StreamKey key, ExileId i, Exiles& exiles);

}  // namespace havens
