#include "io/checkpoint.hpp"

#include <unistd.h>

#include <cstring>
#include <fstream>
#include <sstream>

#include "core/errors.hpp"

namespace havens {

namespace {

namespace fs = std::filesystem;

constexpr char magic[8] = {'H', 'V', 'N', 'S', 'R', 'U', 'N', '1'};

// FNV-1a, 64 bits: enough to tell a damaged file from a good one.
std::uint64_t checksum(const char* data, std::size_t size) {
    std::uint64_t h = 1469598103934665603ull;
    for (std::size_t i = 0; i < size; ++i) {
        h ^= static_cast<unsigned char>(data[i]);
        h *= 1099511628211ull;
    }
    return h;
}

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

void write_atomically(const fs::path& path, const std::string& bytes) {
    const fs::path temporary = path.string() + ".tmp-" + std::to_string(::getpid());
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        if (!out) throw OutputError(temporary.string(), "cannot write the checkpoint");
    }
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec) throw OutputError(path.string(), "cannot move the checkpoint into place: " + ec.message());
}

std::string read_all(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

fs::path folder_for(const std::string& output) { return fs::path(output + ".partial"); }

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
    throw OutputError(folder.string(),
                      "exists and is not a havens checkpoint (no " + std::string(marker) +
                          " in it): move it away or choose another output file");
}

}  // namespace

std::string serialise(const ReplicateResult& result) {
    std::string out(magic, sizeof magic);
    visit_fields([&](const char* name, const auto& member) {
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
    }, result);
    put(out, checksum(out.data(), out.size()));
    return out;
}

std::optional<ReplicateResult> deserialise(const std::string& bytes) {
    if (bytes.size() < sizeof magic + sizeof(std::uint64_t) ||
        std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
        return std::nullopt;
    }
    std::uint64_t stored = 0;
    std::memcpy(&stored, bytes.data() + bytes.size() - sizeof stored, sizeof stored);
    if (stored != checksum(bytes.data(), bytes.size() - sizeof stored)) return std::nullopt;
    ReplicateResult result;
    Reader in(bytes);
    char skip[sizeof magic];
    in.get_bytes(skip, sizeof magic);
    bool ok = true;
    visit_fields([&](const char* name, auto& member) {
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
    }, result);
    if (!ok || in.position() + sizeof stored != bytes.size()) return std::nullopt;
    return result;
}

Checkpoint Checkpoint::start(const std::string& output, const std::string& manifest) {
    const fs::path folder = folder_for(output);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(folder, ec))) {
        if (!is_ours(folder)) refuse_foreign(folder);
        fs::remove_all(folder, ec);  // an interrupted run's, started afresh
        if (ec) throw OutputError(folder.string(), "cannot remove the old checkpoint: " + ec.message());
    }
    if (!fs::create_directory(folder, ec) || ec) {
        throw OutputError(folder.string(), "cannot create the checkpoint folder: " +
                                               (ec ? ec.message() : std::string("it appeared meanwhile")));
    }
    write_atomically(folder / marker, "a havens checkpoint: havens run --resume finishes it\n");
    write_atomically(folder / "manifest.json", manifest);
    return Checkpoint(folder);
}

Checkpoint Checkpoint::resume(const std::string& output, const std::string& manifest) {
    const fs::path folder = folder_for(output);
    std::error_code ec;
    if (fs::exists(fs::symlink_status(folder, ec)) && !is_ours(folder)) refuse_foreign(folder);
    if (!fs::is_regular_file(folder / "manifest.json")) {
        throw InputError("--resume", 0, "", "nothing to resume: no checkpoint at " + folder.string());
    }
    if (read_all(folder / "manifest.json") != manifest) {
        throw InputError("--resume", 0, "",
                         "the arguments differ from those of the interrupted run in " +
                             folder.string() + " (run without --resume to start afresh)");
    }
    return Checkpoint(folder);
}

fs::path Checkpoint::run_file(RunId id) const {
    return folder_ / ("p" + std::to_string(id.point) + "_r" + std::to_string(id.replicate) + ".run");
}

bool Checkpoint::has(RunId id) const { return fs::is_regular_file(run_file(id)); }

ReplicateResult Checkpoint::load(RunId id) const {
    auto result = deserialise(read_all(run_file(id)));
    if (!result) throw OutputError(run_file(id).string(), "damaged checkpoint (delete it to re-run that run)");
    return std::move(*result);
}

void Checkpoint::save(RunId id, const ReplicateResult& result) const {
    write_atomically(run_file(id), serialise(result));
}

void Checkpoint::discard() const {
    std::error_code ignored;
    fs::remove_all(folder_, ignored);
}

}  // namespace havens
