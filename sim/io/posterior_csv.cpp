#include "io/posterior_csv.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/errors.hpp"
#include "io/csv.hpp"

namespace havens {

namespace {

std::string exact(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.17g", x);
    return text;
}

// An out-of-range or non-finite value is refused like any other text that
// is not a plain finite number: havens never writes one.
double read_number(const std::string& path, const CsvRow& row, std::size_t column,
                   const std::string& name) {
    const std::string& v = row.fields[column];
    double x = 0.0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || ec != std::errc() || end != v.data() + v.size() || !std::isfinite(x)) {
        throw InputError(path, row.line, name, "expected a finite number, got '" + v + "'");
    }
    return x;
}

}  // namespace

std::string posterior_csv_text(const Posterior& posterior, const std::string& comment) {
    std::ostringstream out;
    std::istringstream lines(comment);
    for (std::string line; std::getline(lines, line);) out << "# " << line << "\n";
    out << "weight";
    for (const auto& key : posterior.keys) out << "," << key;
    out << "\n";
    for (std::size_t i = 0; i < posterior.particles.size(); ++i) {
        out << exact(posterior.weights[i]);
        for (double x : posterior.particles[i]) out << "," << exact(x);
        out << "\n";
    }
    return out.str();
}

Posterior read_posterior_csv(const std::string& path) {
    const CsvTable table = CsvTable::read(path);
    Posterior posterior;
    posterior.source = path;
    if (table.column("weight") != std::size_t{0}) {
        throw InputError(path, 0, "weight",
                         "the first column must be 'weight' (not a posterior written by havens "
                         "calibrate --posterior-csv)");
    }
    if (table.rows().empty()) throw InputError(path, 0, "", "no particles");
    const std::size_t columns = table.rows().front().fields.size();
    if (columns < 2) throw InputError(path, 0, "", "no parameter columns after 'weight'");
    posterior.keys = table.header();  // no column twice: CsvTable refuses that
    posterior.keys.erase(posterior.keys.begin());
    for (const auto& key : posterior.keys) {
        if (key.empty()) throw InputError(path, 0, "", "an empty column name");
    }
    double sum = 0.0;
    for (const auto& row : table.rows()) {
        const double w = read_number(path, row, 0, "weight");
        if (w < 0.0) throw InputError(path, row.line, "weight", "a negative weight");
        sum += w;
        posterior.weights.push_back(w);
        std::vector<double> values;
        for (std::size_t c = 1; c < columns; ++c) {
            values.push_back(read_number(path, row, c, posterior.keys[c - 1]));
        }
        posterior.particles.push_back(std::move(values));
    }
    if (!(std::abs(sum - 1.0) <= 1e-9)) {
        throw InputError(path, 0, "weight",
                         "the weights sum to " + exact(sum) + ", not to 1 (within 1e-9)");
    }
    return posterior;
}

}  // namespace havens
