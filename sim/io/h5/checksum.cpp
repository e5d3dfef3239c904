#include "io/h5/checksum.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

#include "core/errors.hpp"
#include "core/fnv1a.hpp"
#include "core/xxh64.hpp"

namespace havens::h5 {

namespace {

// Record 2, written now: XXH64 of each mebibyte, then of those hashes. Record
// 1 (FNV-1a of every byte, a byte at a time) is still read.
constexpr std::string_view magic_prefix = "havens-checksum ";
constexpr std::string_view magic = "havens-checksum 2\n";
constexpr std::string_view magic_fnv = "havens-checksum 1\n";
constexpr std::string_view length_field = "length ";
constexpr std::string_view hash_field = "xxh64-mib ";
constexpr std::string_view hash_field_fnv = "fnv1a64 ";
constexpr std::size_t block_bytes = std::size_t{1} << 20;
constexpr std::string_view hdf5_signature = "\x89HDF\r\n\x1a\n";

struct Record {
    bool fnv = false;  // record 1
    std::uint64_t length = 0;
    std::uint64_t hash = 0;
};

// Closes the descriptor on every path out.
class Descriptor {
public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0) ::close(fd_);
    }
    int get() const { return fd_; }
    // The checked close, for a file just written.
    int release() {
        const int status = ::close(fd_);
        fd_ = -1;
        return status;
    }

private:
    int fd_;
};

std::string system_error() { return std::strerror(errno); }

// Reads up to `size` bytes at `offset`; fewer only at the end of the file.
bool read_at(int fd, char* out, std::size_t size, std::uint64_t offset, std::size_t& got) {
    got = 0;
    while (got < size) {
        const ssize_t n = ::pread(fd, out + got, size - got, static_cast<off_t>(offset + got));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return false;
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    return true;
}

// The hash of every byte after the user block: record 2's, XXH64 of each
// mebibyte (the last may be shorter) and XXH64 of their hashes as 8-byte
// little-endian words; or record 1's, FNV-1a (core/fnv1a.hpp).
std::uint64_t hash_after_user_block(int fd, std::uint64_t size, const std::string& path, bool fnv) {
    std::uint64_t h = fnv1a_start;
    std::string blocks;
    std::vector<char> buffer(block_bytes);
    for (std::uint64_t offset = user_block_size; offset < size;) {
        std::size_t got = 0;
        if (!read_at(fd, buffer.data(), buffer.size(), offset, got)) {
            throw OutputError(path, "cannot read it: " + system_error());
        }
        if (got == 0) break;  // it shrank while being read: the length check fails
        if (fnv) {
            h = fnv1a({buffer.data(), got}, h);
        } else {
            const std::uint64_t b = xxh64({buffer.data(), got});
            for (int i = 0; i < 8; ++i) blocks.push_back(static_cast<char>((b >> (8 * i)) & 0xFF));
        }
        offset += got;
    }
    return fnv ? h : xxh64(blocks);
}

std::string format_record(const Record& r) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string hex(16, '0');
    for (int i = 0; i < 16; ++i) hex[15 - i] = digits[(r.hash >> (4 * i)) & 0xF];
    std::string out = std::string(r.fnv ? magic_fnv : magic) + std::string(length_field) +
                      std::to_string(r.length) + "\n" +
                      std::string(r.fnv ? hash_field_fnv : hash_field) + hex + "\n";
    out.resize(user_block_size, '\0');
    return out;
}

// The record exactly as format_record writes it, or nothing: a changed byte
// anywhere in the block (the padding included) makes it unreadable or makes
// its numbers disagree with the file. The numbers are compared as numbers,
// never as text, so that no comparison shows a fuzzer the expected value.
std::optional<Record> parse_record(std::string_view block) {
    Record r;
    if (block.size() != user_block_size) return {};
    if (block.substr(0, magic_fnv.size()) == magic_fnv) {
        r.fnv = true;
    } else if (block.substr(0, magic.size()) != magic) {
        return {};
    }
    std::size_t at = magic.size();
    const auto field = [&](std::string_view name, int base, std::size_t max_digits,
                           std::uint64_t& value) {
        if (block.substr(at, name.size()) != name) return false;
        at += name.size();
        std::size_t n = 0;
        value = 0;
        for (; at < block.size() && block[at] != '\n'; ++at, ++n) {
            const char c = block[at];
            int digit = -1;
            if (c >= '0' && c <= '9') digit = c - '0';
            if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
            if (digit < 0 || n == max_digits) return false;
            value = value * static_cast<std::uint64_t>(base) + static_cast<std::uint64_t>(digit);
        }
        if (n == 0 || at == block.size()) return false;
        ++at;  // the newline
        return true;
    };
    if (!field(length_field, 10, 19, r.length) ||
        !field(r.fnv ? hash_field_fnv : hash_field, 16, 16, r.hash)) {
        return {};
    }
    for (; at < block.size(); ++at) {
        if (block[at] != '\0') return {};
    }
    return r;
}

}  // namespace

void write_checksum(const std::string& path) {
    Descriptor fd(::open(path.c_str(), O_RDWR | O_CLOEXEC));
    if (fd.get() < 0) throw OutputError(path, "cannot write its checksum: " + system_error());
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) {
        throw OutputError(path, "cannot write its checksum: " + system_error());
    }
    const auto size = static_cast<std::uint64_t>(info.st_size);
    if (size <= user_block_size) {
        throw OutputError(path, "cannot write its checksum: the file has no room for it");
    }
    const std::string block =
        format_record({false, size, hash_after_user_block(fd.get(), size, path, false)});
    std::size_t done = 0;
    while (done < block.size()) {
        const ssize_t n =
            ::pwrite(fd.get(), block.data() + done, block.size() - done, static_cast<off_t>(done));
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw OutputError(path, "cannot write its checksum: " + system_error());
        done += static_cast<std::size_t>(n);
    }
    if (fd.release() != 0) throw OutputError(path, "cannot write its checksum: " + system_error());
}

void verify_checksum(const std::string& path) {
    // Non-blocking, so that a named pipe given as a result file cannot hang the open.
    Descriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
    if (fd.get() < 0) {
        if (errno == ENOENT) throw OutputError(path, "no such file");
        throw OutputError(path, "cannot read it: " + system_error());
    }
    struct stat info {};
    if (::fstat(fd.get(), &info) != 0) throw OutputError(path, "cannot read it: " + system_error());
    const auto damaged = [&](const std::string& why) { return InputError(path, 0, "", why); };
    if (!S_ISREG(info.st_mode)) throw damaged("not an HDF5 file (not even a regular file)");
    const auto size = static_cast<std::uint64_t>(info.st_size);

    std::array<char, user_block_size + hdf5_signature.size()> head{};
    std::size_t got = 0;
    if (!read_at(fd.get(), head.data(), head.size(), 0, got)) {
        throw OutputError(path, "cannot read it: " + system_error());
    }
    const std::string_view bytes(head.data(), got);
    const auto signature_at = [&](std::size_t offset) {
        return bytes.size() >= offset + hdf5_signature.size() &&
               bytes.substr(offset, hdf5_signature.size()) == hdf5_signature;
    };
    if (bytes.substr(0, magic_prefix.size()) != magic_prefix) {
        if (signature_at(0)) {
            throw damaged(
                "written without a checksum (by an older havens), so its damage could "
                "not be told from its data; havens reads only checksummed result files: write "
                "it again with this havens (h5py still reads it)");
        }
        if (signature_at(user_block_size)) {
            throw damaged(
                "damaged: its checksum record is missing (the file was changed after havens "
                "wrote it)");
        }
        throw damaged("not an HDF5 file (or it is corrupt)");
    }
    const auto record = parse_record(bytes.substr(0, std::min<std::size_t>(got, user_block_size)));
    if (!record) {
        throw damaged(
            "damaged: its checksum record is unreadable (the file was changed after havens "
            "wrote it)");
    }
    if (record->length != size) {
        throw damaged("damaged: " + std::to_string(size) + " bytes where havens wrote " +
                      std::to_string(record->length) + " (cut short or extended since)");
    }
    if (hash_after_user_block(fd.get(), size, path, record->fnv) != record->hash) {
        throw damaged(
            "damaged: its checksum does not match (the file was changed after havens wrote "
            "it)");
    }
}

}  // namespace havens::h5
