// Crash safety for a calibration: every simulated particle's statistics are
// saved at once, one small file each, in the checkpoint folder of the output
// (io/checkpoint.hpp: OUTPUT.partial/ with its marker and manifest). The
// sampler is deterministic, so a resumed calibration asks for the same
// simulations in the same order; those already saved are read back instead
// of run, and the posterior is identical to an uninterrupted one. A file
// that is damaged or belongs to another simulation is ignored and the
// simulation run again: it would give the same numbers.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <vector>

namespace havens {

// Which simulation a file holds: its place, its seed and a hash of its
// parameter values' bits.
struct EvaluationIdentity {
    std::uint64_t generation = 0;
    std::uint64_t step = 0;
    std::uint64_t particle = 0;
    std::uint64_t seed = 0;
    std::uint64_t values_hash = 0;
    bool operator==(const EvaluationIdentity&) const = default;
};

std::uint64_t hash_values(const std::vector<double>& values);

class EvaluationStore {
public:
    explicit EvaluationStore(std::filesystem::path folder);

    // The statistics [replicate][target] saved for `id`, if a sound file holds them.
    std::optional<std::vector<std::vector<double>>> load(const EvaluationIdentity& id) const;
    void save(const EvaluationIdentity& id, const std::vector<std::vector<double>>& stats) const;

private:
    std::filesystem::path file_of(const EvaluationIdentity& id) const;
    std::filesystem::path folder_;
};

}  // namespace havens
