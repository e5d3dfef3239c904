#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "core/fnv1a.hpp"

namespace havens {

namespace {

namespace fs = std::filesystem;

// Version 2: the run's identity follows the magic.
constexpr char magic[8] = {'H', 'V', 'N', 'S', 'R', 'U', 'N', '2'};

// FNV-1a: enough to tell a damaged file from a good one.
std::uint64_t checksum(const char* data, std::size_t size) { return fnv1a({data, size}); }

template <typename T>
void put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

class Reader {
public:
    explicit Reader(const std::string& bytes) : bytes_(bytes) {}
    template <typename T>
    bool get(T& value) {
        if (pos_ + sizeof(T) > bytes_.size()) return false;
        std::memcpy(&value, bytes_.data() + pos_, sizeof(T));
        pos_ += sizeof(T);
        return true;
    }
    bool get_bytes(void* out, std::size_t n) {
        if (pos_ + n > bytes_.size()) return false;
        std::memcpy(out, bytes_.data() + pos_, n);
        pos_ += n;
        return true;
    }
    std::size_t position() const { return pos_; }

private:
    const std::string& bytes_;
    std::size_t pos_ = 0;
};

std::string hex(std::uint64_t value) {
    char text[17];
    std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(value));
    return text;
}

}  // namespace

// Every byte written and the file closed without error, or OutputError: a
// short write (a full disk, a file-size limit) is an error, never a
// truncated file; the temporary is then removed.
void write_atomically(const fs::path& path, const std::string& bytes) {
    const fs::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        throw OutputError(temporary.string(),
                          std::string("cannot write the checkpoint: ") + std::strerror(errno));
    }
    int error = 0;
    for (std::size_t done = 0; done < bytes.size() && error == 0;) {
        const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
        } else if (n < 0 && errno != EINTR) {
            error = errno;
        } else if (n == 0) {
            error = EIO;
        }
    }
    if (::close(fd) != 0 && error == 0) error = errno;
    if (error != 0) {
        std::error_code ignored;
        fs::remove(temporary, ignored);
        throw OutputError(path.string(),
                          std::string("cannot write the checkpoint: ") + std::strerror(error));
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec)
        throw OutputError(path.string(), "cannot move the checkpoint into place: " + ec.message());
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

namespace {

fs::path folder_for(const std::string& output) { return checkpoint_folder(output); }

// The file that marks a folder as havens's own checkpoint: only a folder
// that holds it is ever reused or removed.
constexpr const char* marker = ".havens-checkpoint";

// Whether `folder` is a checkpoint havens made (a real folder, not a link, with the marker).
bool is_ours(const fs::path& folder) {
    std::error_code ec;
    return fs::is_directory(fs::symlink_status(folder, ec)) &&
           fs::is_regular_file(fs::symlink_status(folder / marker, ec));
}

[[noreturn]] void refuse_foreign(const fs::path& folder) {
    throw OutputError(folder.string(), "exists and is not a havens checkpoint (no " +
                                           std::string(marker) +
                                           " in it): move it away or choose another output file");
}

}  // namespace

fs::path checkpoint_folder(const std::string& output) { return fs::path(output + ".partial"); }

std::uint64_t config_hash(const std::string& config_json) {
    return checksum(config_json.data(), config_json.size());
}

std::string serialise(const RunIdentity& identity, const ReplicateResult& result) {
    std::string out(magic, sizeof magic);
    put(out, static_cast<std::uint32_t>(identity.group.size()));
    out.append(identity.group);
    put(out, identity.replicate);
    put(out, identity.seed);
    put(out, identity.config_hash);
    visit_fields(
        [&](const char* name, const auto& member) {
            using T = std::decay_t<decltype(member)>;
            const std::uint32_t name_length = static_cast<std::uint32_t>(std::strlen(name));
            put(out, name_length);
            out.append(name, name_length);
            if constexpr (requires { member.data(); }) {
                using E = typename T::value_type;
                static_assert(std::is_trivially_copyable_v<E>);
                put(out, static_cast<std::uint64_t>(member.size()));
                for (const E& e : member) put(out, e);  // element by element: no padding garbage
            } else {
                put(out, std::uint64_t{1});
                put(out, member);
            }
        },
        result);
    put(out, checksum(out.data(), out.size()));
    return out;
}

std::optional<std::pair<RunIdentity, ReplicateResult>> deserialise(const std::string& bytes) {
    if (bytes.size() < sizeof magic + sizeof(std::uint64_t) ||
        std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
        return std::nullopt;
    }
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
    if (stored != checksum(bytes.data(), bytes.size() - sizeof stored)) return std::nullopt;
    ReplicateResult result;
    RunIdentity identity;
    Reader in(bytes);
    char skip[sizeof magic];
    in.get_bytes(skip, sizeof magic);
    std::uint32_t group_length = 0;
    bool ok = in.get(group_length) && group_length <= bytes.size();
    if (ok) {
        identity.group.resize(group_length);
        ok = in.get_bytes(identity.group.data(), group_length) && in.get(identity.replicate) &&
             in.get(identity.seed) && in.get(identity.config_hash);
    }
    visit_fields(
        [&](const char* name, auto& member) {
            if (!ok) return;
            std::uint32_t name_length = 0;
            std::string stored_name;
            ok = in.get(name_length) && name_length < 256;
            if (ok) {
                stored_name.resize(name_length);
                ok = in.get_bytes(stored_name.data(), name_length) && stored_name == name;
            }
            std::uint64_t count = 0;
            ok = ok && in.get(count);
            if (!ok) return;
            using T = std::decay_t<decltype(member)>;
            if constexpr (requires { member.data(); }) {
                using E = typename T::value_type;
                if (count > bytes.size() / sizeof(E)) {
                    ok = false;
                    return;
                }
                member.resize(count);
                for (E& e : member) ok = ok && in.get(e);
            } else {
                ok = count == 1 && in.get(member);
            }
        },
        result);
    if (!ok || in.position() + sizeof stored != bytes.size()) return std::nullopt;
    return std::pair{std::move(identity), std::move(result)};
}

namespace {

// The marker's text: what it is, and the manifest's checksum, which tells a
// damaged manifest from one of another experiment.
std::string marker_text(const std::string& manifest) {
    return "a havens checkpoint: havens run --resume finishes it\nmanifest " +
           hex(checksum(manifest.data(), manifest.size())) + "\n";
}

// The manifest checksum a marker records, if it records one.
std::optional<std::string> recorded_checksum(const std::string& marker_contents) {
    const std::string key = "\nmanifest ";
    const auto at = marker_contents.find(key);
    if (at == std::string::npos || at + key.size() + 16 > marker_contents.size())
        return std::nullopt;
    return marker_contents.substr(at + key.size(), 16);
}

}  // namespace

OutputLock OutputLock::acquire(const std::string& output) {
    const fs::path path = output + ".partial.lock";
    // The holder removes the lock file when it is done: a lock taken on a
    // file that is no longer at `path` is let go and taken again.
    for (int attempt = 0; attempt < 100; ++attempt) {
        const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
        if (fd < 0) {
            throw OutputError(path.string(),
                              std::string("cannot open the lock file: ") + std::strerror(errno));
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            ::close(fd);
            if (error == EWOULDBLOCK) {
                throw OutputError(
                    output, "another havens run is writing this file (it holds " + path.string() +
                                "): wait for it to finish or choose another output file");
            }
            throw OutputError(path.string(), std::string("cannot lock: ") + std::strerror(error));
        }
        struct stat held {
        }, now{};
        if (::fstat(fd, &held) == 0 && ::lstat(path.c_str(), &now) == 0 &&
            held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
            return OutputLock(path, fd);
        }
        ::close(fd);
    }
    throw OutputError(output,
                      "cannot take the lock " + path.string() + ": it keeps being replaced");
}

OutputLock::~OutputLock() {
    if (fd_ < 0) return;
    struct stat held {
    }, now{};
    if (::fstat(fd_, &held) == 0 && ::lstat(path_.c_str(), &now) == 0 &&
        held.st_dev == now.st_dev && held.st_ino == now.st_ino) {
        ::unlink(path_.c_str());  // still holding the lock: no one else can be using it
    }
    ::close(fd_);
}

Checkpoint Checkpoint::start(const std::string& output, const std::string& manifest,
                             std::vector<PointIdentity> points) {
    const fs::path folder = folder_for(output);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(folder, ec))) {
        if (!is_ours(folder)) refuse_foreign(folder);
        fs::remove_all(folder, ec);  // an interrupted run's, started afresh
        if (ec)
            throw OutputError(folder.string(), "cannot remove the old checkpoint: " + ec.message());
    }
    if (!fs::create_directory(folder, ec) || ec) {
        throw OutputError(folder.string(),
                          "cannot create the checkpoint folder: " +
                              (ec ? ec.message() : std::string("it appeared meanwhile")));
    }
    write_atomically(folder / marker, marker_text(manifest));
    write_atomically(folder / "manifest.json", manifest);
    return Checkpoint(folder, std::move(points));
}

Checkpoint Checkpoint::resume(const std::string& output, const std::string& manifest,
                              std::vector<PointIdentity> points) {
    const fs::path folder = folder_for(output);
    std::error_code ec;
    if (!fs::exists(fs::symlink_status(folder, ec))) {
        throw InputError("--resume", 0, "",
                         "nothing to resume: no checkpoint at " + folder.string());
    }
    if (!is_ours(folder)) refuse_foreign(folder);
    const fs::path manifest_file = folder / "manifest.json";
    if (!fs::is_regular_file(fs::symlink_status(manifest_file, ec))) {
        throw OutputError(folder.string(),
                          "the checkpoint is incomplete or damaged: it has no manifest.json "
                          "(run without --resume to start afresh)");
    }
    const std::string stored = read_all(manifest_file);
    if (stored != manifest) {
        const auto recorded = recorded_checksum(read_all(folder / marker));
        if (recorded && *recorded != hex(checksum(stored.data(), stored.size()))) {
            throw OutputError(manifest_file.string(),
                              "the checkpoint's manifest is damaged (its checksum does not match; "
                              "run without --resume to start afresh)");
        }
        throw InputError("--resume", 0, "",
                         "the arguments differ from those of the interrupted run in " +
                             folder.string() + " (run without --resume to start afresh)");
    }
    return Checkpoint(folder, std::move(points));
}

fs::path Checkpoint::run_file(RunId id) const {
    return folder_ /
           ("p" + std::to_string(id.point) + "_r" + std::to_string(id.replicate) + ".run");
}

bool Checkpoint::has(RunId id) const { return fs::is_regular_file(run_file(id)); }

RunIdentity Checkpoint::identity(RunId id) const {
    if (id.point >= points_.size()) {
        throw std::logic_error("checkpoint: no identity for point " + std::to_string(id.point));
    }
    const PointIdentity& p = points_[id.point];
    return RunIdentity{p.group, id.replicate, p.seed, p.config_hash};
}

namespace {

std::string describe(const RunIdentity& r) {
    return "group " + r.group + " replicate " + std::to_string(r.replicate) + " seed " +
           std::to_string(r.seed) + " configuration " + hex(r.config_hash);
}

}  // namespace

ReplicateResult Checkpoint::load(RunId id) const {
    auto loaded = deserialise(read_all(run_file(id)));
    if (!loaded)
        throw OutputError(run_file(id).string(),
                          "damaged checkpoint (delete it to re-run that run)");
    const RunIdentity expected = identity(id);
    if (loaded->first != expected) {
        throw OutputError(run_file(id).string(),
                          "holds another run (" + describe(loaded->first) +
                              ") than its place in the checkpoint (" + describe(expected) +
                              "): the checkpoint is damaged (delete the file to re-run that run)");
    }
    return std::move(loaded->second);
}

void Checkpoint::save(RunId id, const ReplicateResult& result) const {
    write_atomically(run_file(id), serialise(identity(id), result));
}

void Checkpoint::discard() const {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

}  // namespace havens
