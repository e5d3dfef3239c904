#include "jobs/evaluation_store.hpp"

#include <cstdio>
#include <cstring>

#include "io/checkpoint.hpp"

namespace havens {

namespace {

constexpr char magic[8] = {'H', 'V', 'N', 'S', 'E', 'V', 'L', '2'};

void put(std::string& out, std::uint64_t v) {
    out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

bool get(const std::string& in, std::size_t& at, std::uint64_t& v) {
    if (at + sizeof v > in.size()) return false;
    std::memcpy(&v, in.data() + at, sizeof v);
    at += sizeof v;
    return true;
}

}  // namespace

std::uint64_t hash_values(const std::vector<double>& values) {
    return config_hash(
        std::string(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(double)));
}

EvaluationStore::EvaluationStore(std::filesystem::path folder) : folder_(std::move(folder)) {
    std::filesystem::create_directories(folder_);
}

std::filesystem::path EvaluationStore::file_of(const EvaluationIdentity& id) const {
    char name[80];
    std::snprintf(name, sizeof name, "g%04llu-s%02llu-p%07llu.eval",
                  static_cast<unsigned long long>(id.generation),
                  static_cast<unsigned long long>(id.step),
                  static_cast<unsigned long long>(id.particle));
    return folder_ / name;
}

void EvaluationStore::save(const EvaluationIdentity& id,
                           const std::vector<std::vector<double>>& stats) const {
    std::string bytes(magic, sizeof magic);
    for (std::uint64_t v : {id.generation, id.step, id.particle, id.seed, id.values_hash,
                            static_cast<std::uint64_t>(stats.size()),
                            static_cast<std::uint64_t>(stats.empty() ? 0 : stats[0].size())}) {
        put(bytes, v);
    }
    for (const auto& row : stats) {
        bytes.append(reinterpret_cast<const char*>(row.data()), row.size() * sizeof(double));
    }
    put(bytes, config_hash(bytes));
    write_atomically(file_of(id), bytes);
}

std::optional<std::vector<std::vector<double>>> EvaluationStore::load(
    const EvaluationIdentity& id) const {
    const std::string bytes = read_all(file_of(id));
    if (bytes.size() < sizeof magic + 8 * sizeof(std::uint64_t) ||
        std::memcmp(bytes.data(), magic, sizeof magic) != 0) {
        return std::nullopt;
    }
    std::size_t at = sizeof magic;
    EvaluationIdentity stored;
    std::uint64_t rows = 0, columns = 0, checksum = 0;
    get(bytes, at, stored.generation);
    get(bytes, at, stored.step);
    get(bytes, at, stored.particle);
    get(bytes, at, stored.seed);
    get(bytes, at, stored.values_hash);
    get(bytes, at, rows);
    get(bytes, at, columns);
    if (!(stored == id) || rows > 100000 || columns > 100000 ||
        bytes.size() != at + rows * columns * sizeof(double) + sizeof checksum) {
        return std::nullopt;
    }
    std::size_t end = bytes.size() - sizeof checksum;
    std::memcpy(&checksum, bytes.data() + end, sizeof checksum);
    if (checksum != config_hash(bytes.substr(0, end))) return std::nullopt;
    std::vector<std::vector<double>> stats(rows, std::vector<double>(columns));
    for (auto& row : stats) {
        std::memcpy(row.data(), bytes.data() + at, columns * sizeof(double));
        at += columns * sizeof(double);
    }
    return stats;
}

}  // namespace havens
