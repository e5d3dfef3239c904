#include "jobs/run_plan.hpp"

#include <filesystem>
#include <nlohmann/json.hpp>
#include <numeric>
#include <set>

#include "core/errors.hpp"
#include "io/build_info.hpp"

namespace havens {

Plan plan_points(const std::vector<LoadedScenario>& loaded) {
    Plan plan;
    for (std::size_t f = 0; f < loaded.size(); ++f) {
        plan.points_of.push_back(expand_sweep(loaded[f].scenario, loaded[f].sweep));
        const auto& points = plan.points_of.back();
        for (std::size_t i = 0; i < points.size(); ++i) {
            plan.points.push_back(points[i].scenario);
            plan.file_of.push_back(f);
            plan.index_in_file.push_back(i);
        }
    }
    std::set<std::string> names;
    for (std::size_t i = 0; i < plan.points.size(); ++i) {
        if (!names.insert(plan.points[i].name).second) {
            refuse_key(loaded[plan.file_of[i]], "name",
                       "group name '" + plan.points[i].name + "' is used twice");
        }
    }
    return plan;
}

std::vector<std::size_t> points_of_rank(const Plan& plan, int ranks, int rank) {
    std::vector<std::size_t> mine;
    for (std::size_t flat = 0; flat < plan.points.size(); ++flat) {
        if (static_cast<int>(flat % static_cast<std::size_t>(ranks)) == rank) mine.push_back(flat);
    }
    return mine;
}

std::string manifest_for(const Plan& plan, int ranks, int rank) {
    nlohmann::json m;
    m["havens_version"] = build_info::version;
    m["git_revision"] = build_info::git_revision;
    // Each point by its name, seed and the fingerprint of its resolved
    // configuration, as its runs record them: a few bytes a point, where the
    // configurations themselves took kilobytes each (tens of megabytes held
    // at once for a sweep of thousands of points).
    std::vector<std::size_t> all(plan.points.size());
    std::iota(all.begin(), all.end(), std::size_t{0});
    m["points"] = nlohmann::json::array();
    for (const auto& id : identities_of(plan, all)) {
        m["points"].push_back({id.group, id.seed, id.config_hash});
    }
    if (plan.posterior) m["posterior"] = posterior_identity(*plan.posterior);
    if (ranks > 1) m["rank"] = {rank, ranks};
    return m.dump(1);
}

std::vector<PointIdentity> identities_of(const Plan& plan, const std::vector<std::size_t>& mine) {
    const std::string posterior =
        plan.posterior ? "\nposterior " + posterior_identity(*plan.posterior) : "";
    std::vector<PointIdentity> identities;
    identities.reserve(mine.size());
    for (std::size_t flat : mine) {
        const Scenario& p = plan.points[flat];
        identities.push_back(
            PointIdentity{p.name, p.seed, config_hash(scenario_to_json(p).dump() + posterior)});
    }
    return identities;
}

std::string rank_file(const std::string& output, int rank) {
    const std::filesystem::path p(output);
    return (p.parent_path() /
            (p.stem().string() + ".rank-" + std::to_string(rank) + p.extension().string()))
        .string();
}

}  // namespace havens
