// The run record of a checkpoint (serialise / deserialise): exact for every
// field, compact for integer arrays of mostly zeros, and nothing accepted
// but a whole, undamaged record of this format in the one layout serialise
// writes.
#include <gtest/gtest.h>

#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <new>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "core/errors.hpp"
#include "core/xxh64.hpp"
#include "engine/footprint.hpp"
#include "engine/run.hpp"
#include "io/checkpoint.hpp"
#include "support/default_world.hpp"
#include "support/results_equal.hpp"
#include "support/temp_dir.hpp"

namespace havens {
namespace {

const RunIdentity identity{"grid_p0007", 2, 99, 0xfeedbeefu};

template <typename T>
struct element {
    using type = T;
};
template <typename E>
struct element<std::vector<E>> {
    using type = E;
};

// The i-th value of an awkward sequence: zeros, both signs, the type's
// extremes; for floating types NaNs with payloads, -0.0, infinities and the
// smallest subnormal too.
template <typename E>
E awkward(std::size_t i) {
    if constexpr (std::is_floating_point_v<E>) {
        using Bits = std::conditional_t<sizeof(E) == 8, std::uint64_t, std::uint32_t>;
        const E values[] = {
            E{0},
            std::bit_cast<E>(Bits{sizeof(E) == 8 ? 0x7ff8000000000123ull : Bits{0x7fc00123u}}),
            std::bit_cast<E>(Bits{sizeof(E) == 8 ? 0xfff0000000000001ull : Bits{0xff800001u}}),
            -E{0},
            std::numeric_limits<E>::infinity(),
            -std::numeric_limits<E>::infinity(),
            std::numeric_limits<E>::denorm_min(),
            E{0.25} * static_cast<E>(i)};
        return values[i % std::size(values)];
    } else {
        const E values[] = {E{0},
                            std::numeric_limits<E>::max(),
                            std::numeric_limits<E>::min(),
                            E{0},
                            static_cast<E>(i),
                            E{1},
                            E{0}};
        return values[i % std::size(values)];
    }
}

// A result with a value in every field: each number array filled with the
// awkward sequence, the others by hand. A field added to ReplicateResult
// is filled here too, or the test that uses this says which is empty.
ReplicateResult awkward_result(std::size_t length = 41) {
    ReplicateResult r;
    visit_fields(
        [&](const char*, auto& member) {
            using T = std::decay_t<decltype(member)>;
            using E = typename element<T>::type;
            if constexpr (!std::is_same_v<T, E> && std::is_arithmetic_v<E>) {
                member.resize(length);
                for (std::size_t i = 0; i < length; ++i) member[i] = awkward<E>(i + 1);
            } else if constexpr (std::is_arithmetic_v<T>) {
                member = awkward<T>(2);  // the type's largest
            }
        },
        r);
    r.entry_into_force_month = never;
    r.signed_month.assign(length, never);
    r.signed_month[3] = 17;
    r.reservations = {{0, 1, 0}, {1, 1, 1}, {0, 0, 0}, {255, 2, 7}};
    RequestEvent a;
    a.month_sent = 4;
    a.target = 123456;
    a.origin = 17;
    a.requested = 192;
    a.kind = 1;
    a.outcome = 3;
    a.penalty_years = -0.0f;
    RequestEvent b = a;
    b.month_completed = 9;
    b.month_arrested = 6;
    b.pretextual = 1;
    b.penalty_years = std::numeric_limits<float>::infinity();
    r.events = {a, b, RequestEvent{}};
    return r;
}

std::string with_checksum(std::string bytes) {
    const std::size_t body = bytes.size() - sizeof(std::uint64_t);
    const std::uint64_t sum = xxh64(std::string_view(bytes).substr(0, body));
    std::memcpy(bytes.data() + body, &sum, sizeof sum);
    return bytes;
}

// Where the 8 bytes of `value` are in `bytes` (they must be there once).
std::size_t offset_of(const std::string& bytes, std::int64_t value) {
    const std::string pattern(reinterpret_cast<const char*>(&value), sizeof value);
    const std::size_t at = bytes.find(pattern);
    EXPECT_NE(at, std::string::npos);
    EXPECT_EQ(bytes.rfind(pattern), at) << "the value is not unique in the record";
    return at;
}

TEST(CheckpointRecord, EveryFieldRoundTripsBitForBit) {
    const ReplicateResult r = awkward_result();
    visit_fields(
        [&](const char* name, const auto& member) {
            if constexpr (requires { member.empty(); }) {
                EXPECT_FALSE(member.empty()) << name << " is not filled by awkward_result";
            }
        },
        r);
    const auto back = deserialise(serialise(identity, r));
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(back->first, identity);
    testing::expect_identical(r, back->second);
    // The NaN payloads, signalling NaN included, survive (compared as bits).
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back->second.grant_probability[0]),
              0x7ff8000000000123ull);
    EXPECT_EQ(std::bit_cast<std::uint64_t>(back->second.grant_probability[1]),
              0xfff0000000000001ull);
    EXPECT_EQ(std::bit_cast<std::uint32_t>(back->second.exile_risk_by_origin[0]), 0x7fc00123u);
    EXPECT_EQ(back->second.entry_into_force_month, never);
}

TEST(CheckpointRecord, ARealRunRoundTripsExactly) {
    Scenario s;
    s.months = 12;
    s.world.exiles = 1000;
    s.output.request_log = true;
    const ReplicateResult r = run_replicate(testing::default_world(), s, 5);
    ASSERT_EQ(r.flows_granted.size(), r.grant_probability.size());
    ASSERT_FALSE(r.flows_granted.empty());
    ASSERT_FALSE(r.events.empty());
    const std::string bytes = serialise(identity, r);
    const auto back = deserialise(bytes);
    ASSERT_TRUE(back.has_value());
    testing::expect_identical(r, back->second);
    // The same run makes the same record.
    EXPECT_EQ(serialise(identity, back->second), bytes);
}

// The size check counts every run's record on disk while a job runs: the
// estimate is the real record's size within a few per cent, for a short run
// and a long one.
TEST(CheckpointRecord, TheFootprintEstimatesItsSize) {
    const std::size_t states = testing::default_world().states.size();
    for (const int months : {12, 60}) {
        Scenario s;
        s.months = months;
        s.world.exiles = 1000;
        const std::string bytes =
            serialise(identity, run_replicate(testing::default_world(), s, 3));
        const auto estimate = static_cast<double>(
            checkpoint_record_bytes(static_cast<std::uint64_t>(months), states));
        EXPECT_GT(estimate, 0.97 * static_cast<double>(bytes.size())) << months;
        EXPECT_LT(estimate, 1.10 * static_cast<double>(bytes.size())) << months;
    }
}

// Equal events make equal records whatever the memory they were made in
// held before: an event has no byte that is not one of its members.
TEST(CheckpointRecord, EqualEventsMakeTheSameBytesWhateverTheMemoryHeld) {
    const auto made_over = [](unsigned char fill) {
        alignas(RequestEvent) unsigned char raw[sizeof(RequestEvent)];
        std::memset(raw, fill, sizeof raw);
        auto* e = new (raw) RequestEvent;  // the members' own initialisers only
        e->month_sent = 4;
        e->target = 99;
        e->reason = 2;
        e->penalty_years = 3.5f;
        return *e;
    };
    ReplicateResult zeros, ones;
    zeros.events = {made_over(0x00)};
    ones.events = {made_over(0xff)};
    ASSERT_EQ(zeros.events[0], ones.events[0]);
    EXPECT_EQ(serialise(identity, zeros), serialise(identity, ones));
}

// An integer array is stored as (index, value) pairs exactly when they take
// fewer bytes than the array: for 100 int64, 8 + 12 k < 800, so up to 65
// nonzero values. Either way it reads back the same.
TEST(CheckpointRecord, IntegerArraysAreSparseOnlyWhileThatIsSmaller) {
    const std::size_t empty = serialise(identity, ReplicateResult{}).size();
    auto size_with = [&](std::size_t nonzero) {
        ReplicateResult r;
        r.legitimate_sent.assign(100, 0);
        for (std::size_t k = 0; k < nonzero; ++k) {
            // Spread over the array, the first and last places included.
            const std::size_t at = nonzero == 1 ? 99 : k * 99 / (nonzero - 1);
            r.legitimate_sent[at] = k % 2 ? -static_cast<std::int64_t>(k + 1) : 7;
        }
        const std::string bytes = serialise(identity, r);
        const auto back = deserialise(bytes);
        EXPECT_TRUE(back.has_value()) << nonzero;
        if (back) EXPECT_EQ(back->second.legitimate_sent, r.legitimate_sent) << nonzero;
        return bytes.size() - empty;
    };
    const std::size_t header = 8;  // the count of nonzero values
    EXPECT_EQ(size_with(0), header);
    EXPECT_EQ(size_with(1), header + 12);
    EXPECT_EQ(size_with(2), header + 24);
    EXPECT_EQ(size_with(65), header + 65 * 12);
    EXPECT_EQ(size_with(66), 800u);  // dense
    EXPECT_EQ(size_with(100), 800u);
}

// The flows arrays of a short run are mostly zeros: all zeros cost a few
// bytes whatever the length, and every element comes back.
TEST(CheckpointRecord, AllZeroArraysCostAFewBytes) {
    const std::size_t empty = serialise(identity, ReplicateResult{}).size();
    ReplicateResult r;
    r.flows_granted.assign(193 * 193, 0);
    r.flows_relocated.assign(193 * 193, 0);
    r.safe_haven.assign(193 * 193, 0);
    r.signed_month.assign(193, 0);
    const std::string bytes = serialise(identity, r);
    EXPECT_EQ(bytes.size(), empty + 4 * 8);
    const auto back = deserialise(bytes);
    ASSERT_TRUE(back.has_value());
    testing::expect_identical(r, back->second);
    // Floating-point zeros are kept as they are (-0.0 is not 0.0 bit for bit).
    r.grant_probability.assign(1000, 0.0);
    EXPECT_EQ(serialise(identity, r).size(), bytes.size() + 1000 * sizeof(double));
}

TEST(CheckpointRecord, EveryDamagedByteAndEveryTruncationIsRefused) {
    const std::string bytes = serialise(identity, awkward_result(5));
    ASSERT_TRUE(deserialise(bytes).has_value());
    for (std::size_t i = 0; i < bytes.size(); ++i) {
        for (const int flip : {0x01, 0x80, 0xff}) {
            std::string damaged = bytes;
            damaged[i] = static_cast<char>(damaged[i] ^ flip);
            ASSERT_FALSE(deserialise(damaged).has_value()) << "byte " << i << " xor " << flip;
        }
    }
    for (std::size_t n = 0; n < bytes.size(); ++n) {
        ASSERT_FALSE(deserialise(bytes.substr(0, n)).has_value()) << n << " bytes";
    }
    EXPECT_FALSE(deserialise(bytes + '\0').has_value());
    EXPECT_FALSE(deserialise(with_checksum(bytes + std::string(8, '\0'))).has_value());
    EXPECT_TRUE(deserialise(with_checksum(bytes)).has_value());  // the helper itself
}

TEST(CheckpointRecord, DamageAnywhereInARealRecordIsRefused) {
    Scenario s;
    s.months = 24;
    s.world.exiles = 2000;
    const std::string bytes = serialise(identity, run_replicate(testing::default_world(), s, 1));
    ASSERT_TRUE(deserialise(bytes).has_value());
    const std::size_t step = bytes.size() / 397 + 1;
    for (std::size_t i = 0; i < bytes.size(); i += step) {
        std::string damaged = bytes;
        damaged[i] = static_cast<char>(damaged[i] ^ 0x10);
        ASSERT_FALSE(deserialise(damaged).has_value()) << "byte " << i;
        ASSERT_FALSE(deserialise(bytes.substr(0, i)).has_value()) << i << " bytes";
    }
}

// A record whose checksum is right but whose layout is not the one
// serialise chooses is refused, so that a run has one record (what the
// fuzzing harness checks: whatever is read serialises back to its bytes).
TEST(CheckpointRecord, OnlyTheLayoutSerialiseChoosesIsRead) {
    // Dense: 66 of 100 nonzero. One made zero leaves 65: sparse was due.
    ReplicateResult dense;
    dense.legitimate_sent.assign(100, 0);
    for (std::int64_t k = 0; k < 66; ++k) dense.legitimate_sent[k] = 0x5eed0000 + k;
    std::string bytes = serialise(identity, dense);
    const std::size_t at = offset_of(bytes, 0x5eed0000 + 10);
    std::memset(bytes.data() + at, 0, sizeof(std::int64_t));
    EXPECT_FALSE(deserialise(with_checksum(bytes)).has_value());

    // Sparse: the count, the indices (uint32), the values.
    ReplicateResult sparse;
    sparse.flows_granted.assign(1000, 0);
    sparse.flows_granted[200] = 0x0bad0001;
    sparse.flows_granted[700] = 0x0bad0002;
    const std::string good = serialise(identity, sparse);
    ASSERT_TRUE(deserialise(with_checksum(good)).has_value());
    const std::size_t values = offset_of(good, 0x0bad0001);
    ASSERT_EQ(offset_of(good, 0x0bad0002), values + 8);
    const std::size_t indices = values - 2 * sizeof(std::uint32_t);
    auto with_indices = [&](std::uint32_t first, std::uint32_t second) {
        std::string b = good;
        std::memcpy(b.data() + indices, &first, sizeof first);
        std::memcpy(b.data() + indices + 4, &second, sizeof second);
        return with_checksum(b);
    };
    EXPECT_TRUE(deserialise(with_indices(200, 700)).has_value());  // as written
    const auto moved = deserialise(with_indices(3, 999));
    ASSERT_TRUE(moved.has_value());  // other places are fine...
    EXPECT_EQ(moved->second.flows_granted[999], 0x0bad0002);
    EXPECT_FALSE(deserialise(with_indices(700, 200)).has_value());   // ... not descending
    EXPECT_FALSE(deserialise(with_indices(200, 200)).has_value());   // ... nor repeated
    EXPECT_FALSE(deserialise(with_indices(200, 1000)).has_value());  // ... nor past the end
    std::string zero = good;
    std::memset(zero.data() + values, 0, sizeof(std::int64_t));  // a pair for a zero
    EXPECT_FALSE(deserialise(with_checksum(zero)).has_value());
}

// A checkpoint left by a build that wrote another record format is refused
// when resumed, naming the file and saying what to do; damage is still
// damage.
TEST(CheckpointRecord, ARunFileOfAnotherFormatIsRefusedAsSuch) {
    testing::TempDir dir;
    const std::string out = dir.path("r.h5");
    const std::vector<PointIdentity> points{{"grid_p0000", 42, config_hash("{}")}};
    const Checkpoint c = Checkpoint::start(out, "{}", points);
    const ReplicateResult r = awkward_result();
    c.save({0, 0}, r);
    c.save({0, 1}, r);
    const std::string file = out + ".partial/p0_r0.run";
    std::string bytes = read_all(file);
    ASSERT_EQ(bytes.substr(0, 8), "HVNSRUN3");
    bytes[7] = '2';  // as the previous format began
    std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
    EXPECT_FALSE(deserialise(bytes).has_value());
    testing::expect_error_mentions<OutputError>(
        [&] {
            c.load({0, 0});
        },
        {file, "another build of havens", "format 2", "this build reads format 3",
         "without --resume"});
    const std::string other = out + ".partial/p0_r1.run";
    bytes = read_all(other);
    bytes[bytes.size() / 2] ^= 0x04;
    std::ofstream(other, std::ios::binary | std::ios::trunc) << bytes;
    testing::expect_error_mentions<OutputError>(
        [&] {
            c.load({0, 1});
        },
        {other, "damaged checkpoint"});
    c.save({0, 1}, r);
    testing::expect_identical(c.load({0, 1}), r);
}

}  // namespace
}  // namespace havens
