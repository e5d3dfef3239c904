#include <numeric>

#include "io/result_attributes.hpp"
#include "io/result_sections.hpp"

namespace havens::result_sections {

namespace dim = schema::dim;
using h5::Location;

void write_root(const Location& root, const Provenance& p) {
    namespace a = schema::root_attr;
    root.set_attribute(a::havens_version, p.havens_version);
    root.set_attribute(a::schema_version, schema::version);
    root.set_attribute(a::git_revision, p.git_revision);
    root.set_attribute(a::created_utc, p.created_utc);
    root.set_attribute(a::command_line, p.command_line);
    root.set_attribute(a::scenario_toml, p.scenario_toml);
    root.set_attribute(a::config_json, p.config_json);
    root.set_attribute(a::seed, static_cast<std::int64_t>(p.seed));
    if (!p.posterior.empty()) root.set_attribute(a::posterior, p.posterior);
    if (!p.world_data.empty()) root.set_attribute(a::world_data, p.world_data);
    // CF's discovery attributes, so that generic tools say what the file is.
    root.set_attribute(a::conventions, std::string("CF-1.8"));
    root.set_attribute(a::title, std::string("havens: transnational repression under the UN "
                                             "Convention against Cybercrime (A/RES/79/243)"));
    root.set_attribute(a::institution, std::string("The havens developers"));
    root.set_attribute(a::source, "havens " + p.havens_version + " (revision " + p.git_revision +
                                      "), agent-based simulation");
    root.set_attribute(a::references,
                       std::string("docs/ODD.md (the model), docs/OUTPUT.md (this layout), "
                                   "docs/CALIBRATION.md (fitted parameters)"));
}

namespace {

void write_states_table(const Location& group, const StateTable& s) {
    group.write_coordinate_strings(dim::state, s.iso3);
    auto column = [&](const std::string& name, auto const& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        if constexpr (std::is_same_v<T, std::string>) {
            group.write_strings(name, values);
        } else {
            group.write<T>(name, {values.size()}, view(values));
        }
        group.attach_dimensions(name, {dim::state});
    };
    auto names_of = [](auto const& values, auto const& names) {
        std::vector<std::string> out;
        out.reserve(values.size());
        for (auto v : values) out.emplace_back(names[idx(v)]);
        return out;
    };
    column("iso3", s.iso3);
    column("name", s.name);
    column("region", names_of(s.region, region_names));
    column("stance", names_of(s.stance, stance_names));
    column("budapest_party", s.budapest_party);
    column("signed_month", s.signed_month);
    column("observed_deposit_month", s.observed_deposit_month);
    column("fh_score", s.fh_score);
    column("fh_status", names_of(s.fh_status, freedom_status_names));
    column("repression", s.repression);
    column("rule_of_law", s.rule_of_law);
    column("tnr_incidents", s.tnr_incidents);
    column("tnr_leading", s.tnr_leading);
    // The world's own columns, described where they are written (the data
    // files are listed in docs/ODD.md section 6, each one's sources in
    // scenarios/data/NAME_sources.md).
    describe_coordinate(group, dim::state, "state (ISO 3166-1 alpha-3)");
    describe_coordinate(group, "iso3", "ISO 3166-1 alpha-3 code");
    describe_coordinate(group, "name", "state name");
    describe_coordinate(group, "region", "UN regional group");
    describe_coordinate(group, "stance", "vote on A/RES/79/243");
    describe_coordinate(group, "budapest_party", "party to the Budapest Convention (1 = yes)");
    describe_coordinate(group, "signed_month", "month of the observed signature", "month");
    describe_coordinate(group, "observed_deposit_month", "month of the observed deposit", "month");
    describe_coordinate(group, "fh_score", "Freedom House Freedom in the World score (0 to 100)",
                        "1");
    describe_coordinate(group, "fh_status", "Freedom House status");
    describe_coordinate(group, "repression", "repression index (0 to 1)", "1");
    describe_coordinate(group, "rule_of_law", "rule-of-law index (0 to 1)", "1");
    describe_coordinate(group, "tnr_incidents", "transnational repression incidents recorded",
                        "count");
    describe_coordinate(group, "tnr_leading",
                        "a leading perpetrator of transnational "
                        "repression (1 = yes)");
    for (const char* name : {"signed_month", "observed_deposit_month"}) {
        Location dataset = group.open_dataset(name);
        dataset.set_typed_attribute<std::int32_t>("_FillValue", never);
        dataset.close();
    }
}

void write_edges(const Location& group, const World& world) {
    std::vector<std::string> source, target, channel;
    std::vector<double> alignment;
    for (auto [it, end] = boost::edges(world.network.graph); it != end; ++it) {
        const auto& e = world.network.graph[*it];
        source.push_back(world.states.iso3[boost::source(*it, world.network.graph)]);
        target.push_back(world.states.iso3[boost::target(*it, world.network.graph)]);
        channel.emplace_back(channel_names[idx(e.channel)]);
        alignment.push_back(e.alignment);
    }
    std::vector<std::int64_t> edge(source.size());
    std::iota(edge.begin(), edge.end(), 0);
    group.write_coordinate<std::int64_t>(dim::edge, view(edge));
    group.write_strings("source", source);
    group.write_strings("target", target);
    group.write_strings("channel", channel);
    group.write<double>("alignment", {alignment.size()}, view(alignment));
    for (const char* name : {"source", "target", "channel", "alignment"}) {
        group.attach_dimensions(name, {dim::edge});
    }
    describe_coordinate(group, dim::edge, "cooperation edge");
    describe_coordinate(group, "source", "one state of the edge");
    describe_coordinate(group, "target", "the other state of the edge");
    describe_coordinate(group, "channel", "channel of the edge");
    describe_coordinate(group, "alignment", "political alignment of the two states (0 to 1)", "1");
}

}  // namespace

void write_world(const Location& root, const World& world) {
    // Each group is closed, checked, once written (destructors close quietly).
    Location group = root.create_group(schema::world);
    Location states = group.create_group(schema::world_states);
    write_states_table(states, world.states);
    states.close();
    Location edges = group.create_group(schema::world_edges);
    write_edges(edges, world);
    edges.close();
    group.close();
}

// Stacks one member of every replicate into a [replicate, ...] array.
}  // namespace havens::result_sections
