// Crash safety for long experiments: every finished run is saved at once as
// its own file in a folder beside the output (NAME.h5.partial/), written
// under a temporary name and renamed, so that a killed process loses only
// the runs it had not finished. The folder's manifest records what the
// experiment is (its resolved configuration); `--resume` reuses the saved
// runs only when the manifest matches, and the folder is removed once the
// result file is complete. The folder holds a marker file, .havens-checkpoint:
// a NAME.h5.partial without it was not made by havens and is never reused or
// removed (OutputError asking the user to move it).
#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "engine/experiment.hpp"
#include "engine/replicate_result.hpp"

namespace havens {

class Checkpoint {
public:
    // A fresh checkpoint for `output` (an earlier one of havens's is discarded).
    static Checkpoint start(const std::string& output, const std::string& manifest);
    // The interrupted checkpoint for `output`; InputError if there is none or
    // if it belongs to an experiment with a different manifest.
    static Checkpoint resume(const std::string& output, const std::string& manifest);

    bool has(RunId id) const;
    // The saved run; OutputError naming the file if it is corrupt.
    ReplicateResult load(RunId id) const;
    void save(RunId id, const ReplicateResult& result) const;
    // Removes the folder (after the result file is in place).
    void discard() const;

    const std::filesystem::path& folder() const { return folder_; }

private:
    explicit Checkpoint(std::filesystem::path folder) : folder_(std::move(folder)) {}
    std::filesystem::path run_file(RunId id) const;

    std::filesystem::path folder_;
};

// Bytes of a result and back: the checkpoint's run-file format, exposed for tests.
std::string serialise(const ReplicateResult& result);
std::optional<ReplicateResult> deserialise(const std::string& bytes);

}  // namespace havens
