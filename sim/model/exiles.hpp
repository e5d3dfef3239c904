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
// the cumulative host weights: the origin's diaspora (migrant stock and
// refugees) where the world has data for it, else the gravity rule.
struct ExileSetup {
    std::vector<ExileId> origin_begin;
    std::vector<std::vector<double>> host_cumulative;  // [origin][host]
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

// Host weights of every origin (n x n, row o the hosts of origin o): the
// diaspora where its row has any weight, else the gravity rule of ExileParams.
std::vector<std::vector<double>> host_weights(const World& world, const ExileParams& params,
                                              std::vector<std::uint8_t>* from_diaspora = nullptr);

// Where someone of `origin` lives and whose providers hold their data. The
// origin's national platforms hold `national_use` of their usage share:
// exiles.national_platform_use for the at-risk exiles, 1 for the ordinary
// suspects of the legitimate stream. A provider equal to the origin is the
// origin's own (a domestic order reaches it).
struct Residence {
    StateId host = 0;
    StateId provider = 0;
};
Residence draw_residence(const ExileSetup& setup, const StateTable& states, StateId origin,
                         double national_use, RandomStream& rng);

ExileSetup prepare_exiles(const World& world, const ExileParams& params, std::int64_t count);

// Sizes the arrays; every slot is then filled by draw_exile and draw_contacts,
// which touch only exile i and may run in parallel.
Exiles allocate_exiles(const ExileSetup& setup);
void draw_exile(const ExileSetup& setup, const StateTable& states, StreamKey key, ExileId i,
                Exiles& exiles);
void draw_contacts(const ExileSetup& setup, StreamKey key, ExileId i, Exiles& exiles);

}  // namespace havens
