// Counter-based random streams (Random123 Philox4x64-10).
//
// Every draw is a pure function of (seed, replicate) as the key and
// (purpose, month, entity, sub-entity, draw index) as the counter. Nothing
// depends on which thread asks or in which order, so the output is
// bit-identical for any thread count or rank count, and every arm of a sweep
// sees the same luck for the same replicate (common random numbers).
#pragma once

#include <Random123/philox.h>

#include <array>
#include <cstdint>

namespace havens {

// What a draw is for. Values are part of the reproducibility contract:
// append new purposes, never renumber.
enum class Purpose : std::uint32_t {
    ratification = 1,
    reservation = 2,
    protocol_vote = 3,
    protocol_ratification = 4,
    ratification_threshold = 5,
    exile_setup = 6,
    contact_graph = 7,
    request_count = 8,
    request_draw = 9,
    decision = 10,
    contagion = 11,
    relocation = 12,     // reserved: relocation draws come from the contagion stream
    target_choice = 13,  // reserved: targets are drawn on the request stream
    sweep_design = 14,
    legitimate_count = 15,      // the legitimate stream: requests per origin and month
    legitimate_draw = 16,       // ... each request's attributes
    legitimate_decision = 17,   // ... each request's decision
    ratification_lag = 18,      // a state's domestic procedure for the convention
    conference = 19,            // the Conference's first session
    protocol_draft = 20,        // the month a negotiated protocol draft exists
    protocol_lag = 21,          // a state's domestic procedure for the protocol
    posterior_draw = 22,        // the posterior particle a replicate runs with
    calibration_prior = 23,     // a calibration's draws from the prior
    calibration_move = 24,      // ... its random-walk moves and their acceptance
    calibration_resample = 25,  // ... its resampling
    calibration_seed = 26,      // ... the seed of each of its simulations
};

struct StreamKey {
    std::uint64_t seed = 0;
    std::uint64_t replicate = 0;
};

class RandomStream {
public:
    RandomStream(StreamKey key, Purpose purpose, std::uint32_t month, std::uint64_t entity,
                 std::uint64_t sub_entity = 0)
        : key_{{key.seed, key.replicate}},
          counter_{{(static_cast<std::uint64_t>(purpose) << 32) | month, entity, sub_entity, 0}} {}

    std::uint64_t next_u64() {
        if (used_ == block_.size()) refill();
        return block_[used_++];
    }

    // Uniform on [0, 1) with 53 random bits.
    double uniform() { return static_cast<double>(next_u64() >> 11) * 0x1.0p-53; }

private:
    using Philox = r123::Philox4x64;

    void refill() {
        Philox::ctr_type out = Philox()(counter_, key_);
        for (std::size_t i = 0; i < block_.size(); ++i) block_[i] = out[i];
        ++counter_[3];
        used_ = 0;
    }

    Philox::key_type key_;
    Philox::ctr_type counter_;
    std::array<std::uint64_t, 4> block_{};
    std::size_t used_ = block_.size();
};

}  // namespace havens
