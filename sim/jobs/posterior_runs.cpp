#include "jobs/posterior_runs.hpp"

#include <cstring>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "core/errors.hpp"
#include "io/checkpoint.hpp"
#include "io/posterior_file.hpp"

namespace havens {

namespace {

// The bytes of the posterior's content, for its fingerprint: another file
// with the same particles and weights is the same posterior.
std::string content_bytes(const Posterior& posterior) {
    std::string bytes;
    auto add_double = [&](double x) {
        char raw[sizeof x];
        std::memcpy(raw, &x, sizeof x);
        bytes.append(raw, sizeof x);
    };
    for (const auto& key : posterior.keys) bytes += key + '\0';
    for (const auto& particle : posterior.particles) {
        for (double x : particle) add_double(x);
    }
    for (double w : posterior.weights) add_double(w);
    return bytes;
}

}  // namespace

std::optional<std::string> chosen_posterior(const std::optional<std::string>& flag,
                                            const std::vector<LoadedScenario>& scenarios) {
    if (flag) {
        if (*flag == "none") return std::nullopt;
        return resolve_shipped(*flag);
    }
    const std::string& first = scenarios.front().scenario.posterior;
    for (const auto& loaded : scenarios) {
        const std::string& mine = loaded.scenario.posterior;
        // The same posterior by content: a copy of the data beside a copy
        // of the scenario is the same posterior.
        if (mine == first || (!mine.empty() && !first.empty() && read_all(mine) == read_all(first)))
            continue;
        const auto describe = [](const std::string& p) {
            return p.empty() ? std::string("is a point run") : "runs over '" + p + "'";
        };
        throw InputError(loaded.path, line_of_key(loaded, "posterior"), "posterior",
                         "'" + loaded.scenario.name + "' " + describe(mine) + " but '" +
                             scenarios.front().scenario.name + "' " + describe(first) +
                             ": arms are compared draw by draw over one posterior; give "
                             "--posterior FILE, or --posterior none for point runs");
    }
    if (first.empty()) return std::nullopt;
    return first;
}

PosteriorRuns load_posterior_runs(const std::string& path,
                                  const std::vector<LoadedScenario>& scenarios,
                                  bool named_by_flag) {
    PosteriorRuns runs{read_posterior(path), 0};
    const Posterior& p = runs.posterior;
    for (const auto& loaded : scenarios) {
        for (const auto& key : p.keys) {
            const auto drawn = [&](const std::string& file, int line) {
                throw InputError(file, line, key,
                                 "is drawn from the posterior " + path +
                                     ": leave it to the posterior, or give --posterior none "
                                     "for a point run at this value");
            };
            if (set_by_flag(loaded, key)) drawn("--set", 0);
            // A posterior given on the command line draws over what the
            // files say; one a scenario names itself cannot contradict it.
            if (const int line = line_of_key(loaded, key); line > 0 && !named_by_flag) {
                drawn(loaded.path, line);
            }
        }
        for (const auto& axis : loaded.sweep.axes) {
            for (const auto& key : p.keys) {
                if (key == axis.key) {
                    throw InputError(path, 0, key,
                                     "is also swept by " + loaded.path +
                                         ": a key comes from the posterior or the sweep, not both");
                }
            }
        }
    }
    // Ranges belong to the keys, not to the scenarios: checking every
    // particle once, against the first scenario, checks every run.
    for (const auto& particle : p.particles) {
        with_parameters(scenarios.front().scenario, p.keys, particle, path);
    }
    runs.fingerprint = config_hash(content_bytes(p));
    return runs;
}

std::string other_scenarios_note(const PosteriorRuns& runs,
                                 const std::vector<LoadedScenario>& scenarios) {
    const std::string& fitted = runs.posterior.fitted_to;
    if (fitted.empty()) return "";
    const std::string fitted_name = std::filesystem::path(fitted).stem().string();
    std::string others;
    for (const auto& l : scenarios) {
        const std::string name = std::filesystem::path(l.path).stem().string();
        if (name != fitted_name && others.find("'" + name + "'") == std::string::npos) {
            others += (others.empty() ? "'" : ", '") + name + "'";
        }
    }
    if (others.empty()) return "";
    return "the posterior " + runs.posterior.source + " was fitted to the scenario '" + fitted +
           "'; it is applied to " + others + ", which the fit did not see";
}

Scenario replicate_scenario(const PosteriorRuns& runs, const Scenario& point,
                            std::uint64_t replicate) {
    const Posterior& p = runs.posterior;
    return with_parameters(point, p.keys, p.particles[posterior_draw(p, point.seed, replicate)],
                           p.source);
}

PosteriorDraws draws_of(const PosteriorRuns& runs, const Scenario& point, std::size_t replicates) {
    const Posterior& p = runs.posterior;
    PosteriorDraws draws{p.source, p.keys, {}, {}};
    for (std::uint64_t r = 0; r < replicates; ++r) {
        const std::size_t particle = posterior_draw(p, point.seed, r);
        draws.draw.push_back(static_cast<std::int64_t>(particle));
        draws.parameters.insert(draws.parameters.end(), p.particles[particle].begin(),
                                p.particles[particle].end());
    }
    return draws;
}

std::string posterior_identity(const PosteriorRuns& runs) {
    std::ostringstream out;
    out << runs.posterior.source << " (fingerprint " << std::hex << std::setw(16)
        << std::setfill('0') << runs.fingerprint << ")";
    return out.str();
}

}  // namespace havens
