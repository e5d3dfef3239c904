#include "model/exiles.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "engine/run.hpp"
#include "support/default_world.hpp"
#include "support/tiny_world.hpp"

namespace havens {
namespace {

std::size_t index_of_state(const World& w, const char* iso3) {
    return static_cast<std::size_t>(std::find(w.states.iso3.begin(), w.states.iso3.end(), iso3) -
                                    w.states.iso3.begin());
}

TEST(OriginWeights, KeepPublishedCountsAndTheTotal) {
    const World& w = testing::default_world();
    const ExileParams p;
    const auto weights = origin_weights(w.states, p);
    EXPECT_DOUBLE_EQ(weights[index_of_state(w, "CHN")], 272.0);
    EXPECT_DOUBLE_EQ(weights[index_of_state(w, "TJK")], 92.0);
    EXPECT_NEAR(std::accumulate(weights.begin(), weights.end(), 0.0), 1219.0, 1e-6);
    // Egypt and Cambodia (leaders, counts unpublished): the top ten's 80% less
    // the seven known counts (765), in three equal slots.
    EXPECT_NEAR(weights[index_of_state(w, "EGY")], (0.8 * 1219 - 765) / 3, 1e-9);
    // The rest rise with repression: Eritrea (FH 3) above Norway (FH 100).
    EXPECT_GT(weights[index_of_state(w, "ERI")], weights[index_of_state(w, "NOR")]);
}

TEST(ExilePopulation, ApportionedExactlyAndSortedByOrigin) {
    const World& w = testing::default_world();
    const ExileSetup setup = prepare_exiles(w, ExileParams{}, 100'000);
    EXPECT_EQ(setup.origin_begin.back(), 100'000u);
    Exiles e = allocate_exiles(setup);
    const StreamKey key{1, 0};
    for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, w.states, key, i, e);
    for (ExileId i = 0; i < e.size(); ++i) draw_contacts(setup, key, i, e);
    const auto china = static_cast<StateId>(index_of_state(w, "CHN"));
    EXPECT_NEAR(static_cast<double>(e.of_origin(china)) / 100000.0, 272.0 / 1219.0, 1e-4);
    for (ExileId i = 0; i < e.size(); ++i) {
        ASSERT_NE(e.host[i], e.origin[i]);
        ASSERT_GE(i, e.origin_begin[e.origin[i]]);
        ASSERT_LT(i, e.origin_begin[e.origin[i] + 1]);
        // The origin's own provider only where its national platforms have
        // users, or where the origin is itself a platforms' home.
        const StateId o = e.origin[i];
        if (e.provider[i] == o) {
            ASSERT_TRUE(w.states.platform_national[o] > 0.0 || o == setup.usa ||
                        o == setup.eu_hub || o == setup.telegram)
                << w.states.iso3[o];
        }
        for (int c = 0; c < e.contacts_per_exile; ++c) {
            // Contacts are exiles of the same origin.
            ASSERT_EQ(e.origin[e.contacts[static_cast<std::size_t>(i) * e.contacts_per_exile + c]],
                      e.origin[i]);
        }
    }
}

// Where data lives: the origin's own platforms for kappa times their usage
// share, Telegram (UAE) for its share, else the global platforms, in
// Ireland for EU residents and in the USA for the rest.
TEST(ExilePopulation, ProvidersFollowTheOriginsPlatformShares) {
    const World& w = testing::default_world();
    for (double kappa : {0.0, 0.5, 1.0}) {
        ExileParams params;
        params.national_platform_use = kappa;
        const ExileSetup setup = prepare_exiles(w, params, 100'000);
        Exiles e = allocate_exiles(setup);
        for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, w.states, {4, 0}, i, e);
        const std::size_t n_states = w.states.size();
        std::vector<double> own(n_states), telegram(n_states), of(n_states);
        for (ExileId i = 0; i < e.size(); ++i) {
            const StateId o = e.origin[i], p = e.provider[i];
            ++of[o];
            own[o] += p == o;
            telegram[o] += p == setup.telegram;
            if (p != o && p != setup.telegram) {
                // A global platform: its EU establishment for EU residents.
                ASSERT_EQ(p, setup.in_eu[e.host[i]] ? setup.eu_hub : setup.usa);
            }
        }
        for (const char* code : {"CHN", "RUS", "IRN", "UZB", "TUR"}) {
            const auto o = index_of_state(w, code);
            const double n = of[o];
            const double national = kappa * w.states.platform_national[o];
            const double tg = w.states.platform_telegram[o];
            EXPECT_NEAR(own[o] / n, national, 4 * std::sqrt(national * (1 - national) / n) + 1e-12)
                << code << " kappa " << kappa;
            EXPECT_NEAR(telegram[o] / n, tg, 4 * std::sqrt(tg * (1 - tg) / n) + 1e-12) << code;
        }
    }
}

// The at-risk population of an origin in a host: its refugees and
// asylum-seekers there plus the documented share of its migrant stock.
double at_risk(const World& w, StateId o, StateId h) {
    const std::size_t i = static_cast<std::size_t>(o) * w.states.size() + h;
    return w.refugees[i] + ExileParams{}.at_risk_diaspora_share * w.migrant_stock[i];
}

// Exile hosts follow the origin's at-risk population: the share of an
// origin's exiles in each of its largest hosts lies within four binomial
// standard errors of that host's share, and no exile lives where none is recorded.
TEST(ExileHosts, FollowTheAtRiskPopulationWithinSamplingError) {
    const World& w = testing::default_world();
    const std::size_t n = w.states.size();
    ASSERT_EQ(w.refugees.size(), n * n);
    ASSERT_EQ(w.migrant_stock.size(), n * n);
    const ExileSetup setup = prepare_exiles(w, ExileParams{}, 150'000);
    Exiles e = allocate_exiles(setup);
    for (const char* iso3 : {"CHN", "TUR"}) {
        const auto o = static_cast<StateId>(index_of_state(w, iso3));
        ASSERT_EQ(setup.host_from_diaspora[o], 1) << iso3;
        const ExileId first = setup.origin_begin[o], last = setup.origin_begin[o + 1];
        const double count = last - first;
        ASSERT_GE(count, 20'000) << iso3;
        std::vector<double> in_host(n, 0.0);
        for (ExileId i = first; i < last; ++i) {
            draw_exile(setup, w.states, {5, 0}, i, e);
            ++in_host[e.host[i]];
        }
        std::vector<double> diaspora(n, 0.0);
        for (StateId h = 0; h < n; ++h) diaspora[h] = h == o ? 0.0 : at_risk(w, o, h);
        const double total = std::accumulate(diaspora.begin(), diaspora.end(), 0.0);
        std::vector<StateId> hosts(n);
        std::iota(hosts.begin(), hosts.end(), StateId{0});
        std::sort(hosts.begin(), hosts.end(),
                  [&](StateId a, StateId b) { return diaspora[a] > diaspora[b]; });
        for (std::size_t rank = 0; rank < 8; ++rank) {
            const StateId h = hosts[rank];
            const double p = diaspora[h] / total;
            EXPECT_NEAR(in_host[h] / count, p, 4 * std::sqrt(p * (1 - p) / count))
                << iso3 << " in " << w.states.iso3[h];
        }
        for (StateId h = 0; h < n; ++h) {
            if (diaspora[h] > 0.0) continue;
            EXPECT_EQ(in_host[h], 0.0) << iso3 << " in " << w.states.iso3[h];
        }
    }
}

// An origin whose diaspora row is empty falls back to the gravity rule:
// region, a bloc in common, and the host's freedom.
TEST(ExileHosts, AnOriginWithoutADiasporaRowFallsBackToTheGravityRule) {
    World w = testing::default_world();
    const std::size_t n = w.states.size();
    const auto china = static_cast<StateId>(index_of_state(w, "CHN"));
    const auto turkey = static_cast<StateId>(index_of_state(w, "TUR"));
    for (auto* pairs : {&w.refugees, &w.migrant_stock}) {
        std::fill(pairs->begin() + static_cast<std::ptrdiff_t>(china * n),
                  pairs->begin() + static_cast<std::ptrdiff_t>((china + 1) * n), 0.0);
    }
    const ExileParams p;
    std::vector<std::uint8_t> from_diaspora;
    const auto weights = host_weights(w, p, &from_diaspora);
    EXPECT_EQ(from_diaspora[china], 0);
    EXPECT_EQ(from_diaspora[turkey], 1);
    for (StateId k = 0; k < n; ++k) {
        if (k == china) {
            EXPECT_EQ(weights[china][k], 0.0);
            continue;
        }
        const double gravity =
            (w.states.region[k] == w.states.region[china] ? p.host_same_region : 1.0) *
            (w.network.channels(china, k) & channel_bit(Channel::regional) ? p.host_shared_bloc
                                                                           : 1.0) *
            (1.0 + p.host_freedom * w.states.fh_score[k] / 100.0);
        EXPECT_DOUBLE_EQ(weights[china][k], gravity) << w.states.iso3[k];
        if (k != turkey) EXPECT_EQ(weights[turkey][k], at_risk(w, turkey, k));
    }
}

// A hand-made diaspora: A's people live in B and C (3 to 1), C's in D;
// B and D have no row and spread over the others by the gravity rule.
TEST(ExileHosts, AHandMadeDiasporaSetsTheHosts) {
    std::vector<testing::TinyState> rows;
    for (const char* code : {"AAA", "BBB", "CCC", "DDD"}) rows.push_back({.iso3 = code});
    std::vector<double> diaspora(16, 0.0);
    diaspora[0 * 4 + 1] = 300;
    diaspora[0 * 4 + 2] = 100;
    diaspora[2 * 4 + 3] = 50;
    PairData pairs;
    pairs.diaspora = diaspora;
    const World w = build_world(testing::make_states(rows), Blocs{}, WorldParams{}, pairs);
    const ExileSetup setup = prepare_exiles(w, ExileParams{}, 1000);
    EXPECT_EQ(setup.host_from_diaspora, (std::vector<std::uint8_t>{1, 0, 1, 0}));
    const int draws = 20'000;
    std::array<std::array<double, 4>, 4> hosts{};
    for (StateId o = 0; o < 4; ++o) {
        for (int i = 0; i < draws; ++i) {
            RandomStream rng({8, 0}, Purpose::exile_setup, o, static_cast<std::uint64_t>(i));
            ++hosts[o][draw_residence(setup, w.states, o, Person::suspect, rng).host];
        }
    }
    const double se = std::sqrt(0.75 * 0.25 / draws);
    EXPECT_NEAR(hosts[0][1] / draws, 0.75, 4 * se);
    EXPECT_NEAR(hosts[0][2] / draws, 0.25, 4 * se);
    EXPECT_EQ(hosts[0][3], 0.0);
    EXPECT_EQ(hosts[2][3], draws);
    // Identical states: the gravity rule spreads B's and D's exiles evenly.
    const double third = 1.0 / 3.0, se3 = std::sqrt(third * (1 - third) / draws);
    for (StateId o : {StateId{1}, StateId{3}}) {
        EXPECT_EQ(hosts[o][o], 0.0);
        for (StateId k = 0; k < 4; ++k) {
            if (k != o) EXPECT_NEAR(hosts[o][k] / draws, third, 4 * se3) << o << " -> " << k;
        }
    }
}

// exiles.contacts = 0 is allowed (parameter_table: 0 to 64): no contact
// graph at all. Drawing it once took a reference into the empty vector (a
// null reference under -fsanitize=undefined, the asan preset).
TEST(ExileContacts, NoContactsIsAllowed) {
    const World& w = testing::default_world();
    ExileParams params;
    params.contacts = 0;
    const ExileSetup setup = prepare_exiles(w, params, 3'000);
    Exiles e = allocate_exiles(setup);
    const StreamKey key{1, 0};
    for (ExileId i = 0; i < e.size(); ++i) draw_exile(setup, w.states, key, i, e);
    for (ExileId i = 0; i < e.size(); ++i) draw_contacts(setup, key, i, e);
    EXPECT_EQ(e.contacts_per_exile, 0);
    EXPECT_TRUE(e.contacts.empty());
}

// Without rewiring, contact c of an exile is its ring neighbour at offset
// c / 2 + 1, left then right, wrapping within its origin's block; on a ring
// shorter than the offset it wraps more than once.
TEST(ExileContacts, RingNeighboursWrapWithinTheOrigin) {
    ExileSetup setup;
    setup.origin_begin = {0, 2, 5, 10, 50};  // rings of 2, 3, 5 and 40 exiles
    setup.params.contacts = 8;
    setup.params.contact_rewiring = 0.0;
    Exiles e = allocate_exiles(setup);
    for (std::size_t o = 0; o + 1 < setup.origin_begin.size(); ++o) {
        for (ExileId i = setup.origin_begin[o]; i < setup.origin_begin[o + 1]; ++i) {
            e.origin[i] = static_cast<StateId>(o);
        }
    }
    for (ExileId i = 0; i < e.size(); ++i) draw_contacts(setup, StreamKey{1, 0}, i, e);
    for (ExileId i = 0; i < e.size(); ++i) {
        const ExileId first = setup.origin_begin[e.origin[i]];
        const std::int64_t size = setup.origin_begin[e.origin[i] + 1] - first;
        const std::int64_t local = i - first;
        for (int c = 0; c < 8; ++c) {
            const std::int64_t step = (c % 2 ? 1 : -1) * (c / 2 + 1);
            const std::int64_t expected = (((local + step) % size) + size) % size;
            EXPECT_EQ(e.contacts[static_cast<std::size_t>(i) * 8 + c], first + expected)
                << "exile " << i << ", contact " << c;
        }
    }
}

TEST(ExileContacts, ARunWithoutContactsCompletes) {
    Scenario s;
    s.months = 36;
    s.world.exiles = 3'000;
    s.exiles.contacts = 0;
    const ReplicateResult r = run_replicate(testing::default_world(), s, 0);
    const auto months = static_cast<std::size_t>(s.months);
    ASSERT_EQ(r.exiles_by_status.size() % months, 0u);
    const std::size_t statuses = r.exiles_by_status.size() / months;
    for (std::size_t m = 0; m < months; ++m) {
        std::int64_t exiles = 0;
        for (std::size_t k = 0; k < statuses; ++k) exiles += r.exiles_by_status[m * statuses + k];
        ASSERT_EQ(exiles, s.world.exiles) << "month " << m;
    }
}

}  // namespace
}  // namespace havens
