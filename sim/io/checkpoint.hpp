// Crash safety for long experiments: every finished run is saved at once as
// its own file in a folder beside the output (NAME.h5.partial/), written
// under a temporary name and renamed, so that a killed process loses only
// the runs it had not finished. The folder's manifest records what the
// experiment is (its resolved configuration); `--resume` reuses the saved
// runs only when the manifest matches, and the folder is removed once the
// result file is complete. The folder holds a marker file, .havens-checkpoint:
// a NAME.h5.partial without it was not made by havens and is never reused or
// removed (OutputError asking the user to move it).
//
// Each run file carries the identity of its run (group name, replicate,
// seed, a hash of the point's resolved configuration), checked when it is
// loaded: a file that does not belong to its slot is refused. One process at
// a time writes an output path: OutputLock holds an advisory lock (flock) on
// NAME.h5.partial.lock for the whole run; the kernel releases it when the
// process ends, however it ends.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "engine/experiment.hpp"
#include "engine/replicate_result.hpp"

namespace havens {

// An exclusive advisory lock on an output path, held while the object lives
// (and released by the kernel if the process dies). The lock file,
// OUTPUT.partial.lock, is removed when the lock is given up normally.
class OutputLock {
public:
    // Takes the lock at once or throws OutputError naming `output`: another
    // havens run is writing it. A refused caller writes and removes nothing.
    static OutputLock acquire(const std::string& output);
    OutputLock(OutputLock&& other) noexcept
        : path_(std::move(other.path_)), fd_(std::exchange(other.fd_, -1)) {}
    OutputLock& operator=(OutputLock&&) = delete;
    OutputLock(const OutputLock&) = delete;
    ~OutputLock();

private:
    OutputLock(std::filesystem::path path, int fd) : path_(std::move(path)), fd_(fd) {}
    std::filesystem::path path_;
    int fd_ = -1;
};

// What a run file must be: the run's group name, replicate, seed and a hash
// of the point's resolved configuration (config_hash of its JSON text).
struct RunIdentity {
    std::string group;
    std::uint64_t replicate = 0;
    std::uint64_t seed = 0;
    std::uint64_t config_hash = 0;
    bool operator==(const RunIdentity&) const = default;
};

// A point of a checkpoint: what its runs' identities are made of.
struct PointIdentity {
    std::string group;
    std::uint64_t seed = 0;
    std::uint64_t config_hash = 0;
};

// Writes `bytes` to a temporary file beside `path` and renames it into place,
// so that `path` holds either nothing or all of it; OutputError naming it.
void write_atomically(const std::filesystem::path& path, const std::string& bytes);
// The whole file (empty if it cannot be read).
std::string read_all(const std::filesystem::path& path);

// FNV-1a (64 bits) of a point's configuration JSON.
std::uint64_t config_hash(const std::string& config_json);

// The folder where the checkpoint of the job writing `output` keeps its
// runs (OUTPUT.partial/, one .run file per run).
std::filesystem::path checkpoint_folder(const std::string& output);

class Checkpoint {
public:
    // A fresh checkpoint for `output` (an earlier one of havens's is
    // discarded); `points[p]` is the identity of local point p.
    static Checkpoint start(const std::string& output, const std::string& manifest,
                            std::vector<PointIdentity> points);
    // The interrupted checkpoint for `output`; InputError if there is none or
    // if it belongs to an experiment with a different manifest; OutputError
    // if it is incomplete or damaged (a missing or damaged manifest).
    static Checkpoint resume(const std::string& output, const std::string& manifest,
                             std::vector<PointIdentity> points);

    bool has(RunId id) const;
    // The saved run; OutputError naming the file if it is corrupt, holds
    // another run than `id` or was written in another record format (by
    // another build).
    ReplicateResult load(RunId id) const;
    void save(RunId id, const ReplicateResult& result) const;
    // Removes the folder (after the result file is in place).
    void discard() const;

    const std::filesystem::path& folder() const { return folder_; }

private:
    Checkpoint(std::filesystem::path folder, std::vector<PointIdentity> points)
        : folder_(std::move(folder)), points_(std::move(points)) {}
    std::filesystem::path run_file(RunId id) const;
    RunIdentity identity(RunId id) const;

    std::filesystem::path folder_;
    std::vector<PointIdentity> points_;
};

// Bytes of a run and back: the checkpoint's run-file format, exposed for tests.
// A record is the magic "HVNSRUN" and its format's digit, the identity, then
// every field of ReplicateResult in visit_fields's order (its name, element
// size, layout and count; the elements copied in bulk, or for an integer
// array whose nonzero elements are few, their indices and values), then the
// XXH64 of all that. deserialise refuses anything else, including a record
// in another layout than the one serialise would choose, so that a run has
// exactly one record.
std::string serialise(const RunIdentity& identity, const ReplicateResult& result);
std::optional<std::pair<RunIdentity, ReplicateResult>> deserialise(const std::string& bytes);

}  // namespace havens
