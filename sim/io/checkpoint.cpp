#include "io/checkpoint.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <limits>
#include <stdexcept>
#include <string_view>
#include <type_traits>

#include "core/errors.hpp"
#include "core/fnv1a.hpp"
#include "core/xxh64.hpp"

namespace havens {

namespace {

namespace fs = std::filesystem;

// The run record's format, the last byte of its magic. 3: arrays in bulk,
// integer arrays of mostly zeros as (index, value) pairs, an XXH64
// checksum. 2: every element in turn, an FNV-1a checksum. 1: no identity.
constexpr char record_format = '3';
constexpr char magic[8] = {'H', 'V', 'N', 'S', 'R', 'U', 'N', record_format};
constexpr std::size_t magic_stem = sizeof magic - 1;  // "HVNSRUN", common to every format

// How an array's elements follow its header: every element in turn, or
// (for integers) the number of nonzero elements, their indices (uint32,
// ascending) and their values.
enum class Layout : std::uint8_t { dense = 0, sparse = 1 };

// The most bytes the sparse arrays of one record may unfold to (a run of the
// shipped world unfolds to about 1.5 MB in all): a crafted file cannot make
// the reader allocate more than this beyond its own size.
constexpr std::uint64_t max_unfolded = std::uint64_t{1} << 30;

std::uint64_t record_checksum(const char* data, std::size_t size) { return xxh64({data, size}); }

// FNV-1a: the configuration's fingerprint and the manifest's checksum.
std::uint64_t checksum(const char* data, std::size_t size) { return fnv1a({data, size}); }

// The element type of a field: a vector's, or the scalar's own.
template <typename T>
struct element {
    using type = T;
};
template <typename E>
struct element<std::vector<E>> {
    using type = E;
};

template <typename E>
constexpr bool may_be_sparse = std::is_integral_v<E>;

// Whether an array of `count` elements of `size` bytes, `nonzero` of them
// not zero, takes fewer bytes as (index, value) pairs: the one rule that
// serialise applies and deserialise checks, so that a run has one record.
bool sparse_is_smaller(std::uint64_t count, std::uint64_t nonzero, std::size_t size) {
    return count <= std::numeric_limits<std::uint32_t>::max() &&
           8 + nonzero * (4 + size) < count * size;
}

template <typename E>
std::uint64_t nonzeros(const E* data, std::uint64_t count) {
    std::uint64_t n = 0;
    for (std::uint64_t i = 0; i < count; ++i) n += data[i] != 0;
    return n;
}

template <typename T>
void put(std::string& out, const T& value) {
    out.append(reinterpret_cast<const char*>(&value), sizeof(T));
}

// A field: its name, its element size, its layout and its count, then its
// elements.
template <typename E>
void put_field(std::string& out, std::string_view name, const E* data, std::uint64_t count) {
    static_assert(std::is_trivially_copyable_v<E>);
    if (name.size() > std::numeric_limits<std::uint8_t>::max()) {
        throw std::logic_error("checkpoint: a field name longer than 255 bytes: " +
                               std::string(name));
    }
    out.push_back(static_cast<char>(name.size()));
    out.append(name);
    put(out, static_cast<std::uint32_t>(sizeof(E)));
    if constexpr (may_be_sparse<E>) {
        const std::uint64_t nonzero = nonzeros(data, count);
        if (sparse_is_smaller(count, nonzero, sizeof(E))) {
            out.push_back(static_cast<char>(Layout::sparse));
            put(out, count);
            put(out, nonzero);
            const std::size_t at = out.size();
            out.resize(at + nonzero * (sizeof(std::uint32_t) + sizeof(E)));
            char* index = out.data() + at;
            char* value = index + nonzero * sizeof(std::uint32_t);
            for (std::uint32_t i = 0; i < count; ++i) {  // count < 2^32: sparse_is_smaller
                if (data[i] == 0) continue;
                std::memcpy(index, &i, sizeof i);
                std::memcpy(value, data + i, sizeof(E));
                index += sizeof i;
                value += sizeof(E);
            }
            return;
        }
    }
    out.push_back(static_cast<char>(Layout::dense));
    put(out, count);
    if (count > 0) out.append(reinterpret_cast<const char*>(data), count * sizeof(E));
}

class Reader {
public:
    Reader(const char* begin, const char* end) : pos_(begin), end_(end) {}
    std::size_t remaining() const { return static_cast<std::size_t>(end_ - pos_); }
    // The next `n` bytes, or nullptr if there are fewer.
    const char* take(std::size_t n) {
        if (n > remaining()) return nullptr;
        const char* at = pos_;
        pos_ += n;
        return at;
    }
    template <typename T>
    bool get(T& value) {
        const char* at = take(sizeof(T));
        if (at) std::memcpy(&value, at, sizeof(T));
        return at != nullptr;
    }

private:
    const char* pos_;
    const char* end_;
};

// Reads the field `name` into `member` (a vector or a scalar); false if the
// bytes are not that field as put_field writes it.
template <typename T>
bool get_field(Reader& in, std::string_view name, T& member, std::uint64_t& unfolded) {
    using E = typename element<T>::type;
    constexpr bool is_array = !std::is_same_v<E, T>;
    std::uint8_t name_length = 0;
    std::uint32_t size = 0;
    Layout layout{};
    std::uint64_t count = 0;
    if (!in.get(name_length) || name_length != name.size()) return false;
    const char* stored = in.take(name_length);
    if (!stored || std::memcmp(stored, name.data(), name.size()) != 0) return false;
    if (!in.get(size) || size != sizeof(E) || !in.get(layout) || !in.get(count)) return false;
    if (!is_array && count != 1) return false;
    if (layout == Layout::dense) {
        if (count > in.remaining() / sizeof(E)) return false;
        E* data = nullptr;
        if constexpr (is_array) {
            member.resize(count);
            data = member.data();
        } else {
            data = &member;
        }
        if (count > 0) std::memcpy(data, in.take(count * sizeof(E)), count * sizeof(E));
        if constexpr (may_be_sparse<E>) {
            if (sparse_is_smaller(count, nonzeros(data, count), sizeof(E))) return false;
        }
        return true;
    }
    if constexpr (is_array && may_be_sparse<E>) {
        constexpr std::size_t pair = sizeof(std::uint32_t) + sizeof(E);
        std::uint64_t nonzero = 0;
        if (layout != Layout::sparse || !in.get(nonzero) || nonzero > in.remaining() / pair ||
            !sparse_is_smaller(count, nonzero, sizeof(E))) {
            return false;
        }
        unfolded += count * sizeof(E);  // count < 2^32: sparse_is_smaller
        if (unfolded > max_unfolded) return false;
        member.assign(count, E{0});
        const char* index = in.take(nonzero * sizeof(std::uint32_t));
        const char* value = in.take(nonzero * sizeof(E));
        std::uint64_t least = 0;  // indices ascend
        for (std::uint64_t k = 0; k < nonzero; ++k) {
            std::uint32_t i = 0;
            E v{};
            std::memcpy(&i, index + k * sizeof i, sizeof i);
            std::memcpy(&v, value + k * sizeof(E), sizeof(E));
            if (i < least || i >= count || v == 0) return false;
            member[i] = v;
            least = std::uint64_t{i} + 1;
        }
        return true;
    }
    return false;
}

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
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return {};
    struct stat st {};
    const bool sized = ::fstat(fd, &st) == 0 && st.st_size > 0;
    // One byte more than the size, so that the end is seen in one read.
    std::string bytes(sized ? static_cast<std::size_t>(st.st_size) + 1 : 4096, '\0');
    std::size_t done = 0;
    for (;;) {
        if (done == bytes.size()) bytes.resize(2 * bytes.size());
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n > 0) {
            done += static_cast<std::size_t>(n);
        } else if (n == 0 || errno != EINTR) {
            if (n < 0) done = 0;  // unreadable: nothing, as if it were not there
            break;
        }
    }
    ::close(fd);
    bytes.resize(done);
    return bytes;
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
    // Room for the record as if every array were dense: one allocation.
    std::size_t most = sizeof magic + sizeof(std::uint32_t) + identity.group.size() +
                       3 * sizeof(std::uint64_t) + sizeof(std::uint64_t);
    visit_fields(
        [&](const char* name, const auto& member) {
            using E = typename element<std::decay_t<decltype(member)>>::type;
            std::size_t count = 1;
            if constexpr (!std::is_same_v<E, std::decay_t<decltype(member)>>) {
                count = member.size();
            }
            most += 1 + std::strlen(name) + sizeof(std::uint32_t) + 1 + sizeof(std::uint64_t) +
                    count * sizeof(E);
        },
        result);
    std::string out;
    out.reserve(most);
    out.append(magic, sizeof magic);
    put(out, static_cast<std::uint32_t>(identity.group.size()));
    out.append(identity.group);
    put(out, identity.replicate);
    put(out, identity.seed);
    put(out, identity.config_hash);
    visit_fields(
        [&](const char* name, const auto& member) {
            const std::string_view n(name);
            if constexpr (requires { member.data(); }) {
                put_field(out, n, member.data(), member.size());
            } else {
                put_field(out, n, &member, 1);
            }
        },
        result);
    put(out, record_checksum(out.data(), out.size()));
    return out;
}

std::optional<std::pair<RunIdentity, ReplicateResult>> deserialise(const std::string& bytes) {
    std::uint64_t stored = 0;
    if (bytes.size() < sizeof magic + sizeof stored ||
        std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
        return std::nullopt;
    }
    const std::size_t body = bytes.size() - sizeof stored;
    std::memcpy(&stored, bytes.data() + body, sizeof stored);
    if (stored != record_checksum(bytes.data(), body)) return std::nullopt;
    ReplicateResult result;
    RunIdentity identity;
    Reader in(bytes.data() + sizeof magic, bytes.data() + body);
    std::uint32_t group_length = 0;
    bool ok = in.get(group_length);
    if (const char* group = ok ? in.take(group_length) : nullptr) {
        identity.group.assign(group, group_length);
        ok = in.get(identity.replicate) && in.get(identity.seed) && in.get(identity.config_hash);
    } else {
        ok = false;
    }
    std::uint64_t unfolded = 0;
    visit_fields(
        [&](const char* name, auto& member) { ok = ok && get_field(in, name, member, unfolded); },
        result);
    if (!ok || in.remaining() != 0) return std::nullopt;
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
    const std::string bytes = read_all(run_file(id));
    auto loaded = deserialise(bytes);
    if (!loaded) {
        // A run record of another format: made by another build of havens.
        if (bytes.size() >= sizeof magic && std::memcmp(bytes.data(), magic, magic_stem) == 0 &&
            bytes[magic_stem] != record_format && bytes[magic_stem] >= '0' &&
            bytes[magic_stem] <= '9') {
            throw OutputError(run_file(id).string(),
                              "was written by another build of havens (run record format " +
                                  std::string(1, bytes[magic_stem]) + ", this build reads format " +
                                  std::string(1, record_format) +
                                  "): run without --resume to start afresh");
        }
        throw OutputError(run_file(id).string(),
                          "damaged checkpoint (delete it to re-run that run)");
    }
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
