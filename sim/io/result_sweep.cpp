#include "io/result_sweep.hpp"

#include <algorithm>
#include <cstring>
#include <limits>
#include <numeric>

#include <nlohmann/json.hpp>

#include "core/quantile.hpp"
#include "engine/outcomes.hpp"
#include "io/result_arrays.hpp"
#include "io/result_attributes.hpp"
#include "io/scenario_file.hpp"
#include "scenario/parameter_table.hpp"

namespace havens::result_sections {

namespace {

namespace dim = schema::dim;
using h5::Location;
using output::Dim;
using output::Group;

// The design: one coordinate on `point` per swept key, the point's name,
// and for Saltelli designs the matrix each point comes from.
void write_design(const Location& group, const SweepTable& table) {
    const hsize_t n = table.points.size();
    std::vector<std::int64_t> point(n);
    std::iota(point.begin(), point.end(), 0);
    group.write_coordinate<std::int64_t>(dim::point, view(point));
    std::vector<std::string> names;
    for (const auto& p : table.points) names.push_back(p.scenario.name);
    group.write_strings("scenario", names);
    group.attach_dimensions("scenario", {dim::point});
    nlohmann::json keys = nlohmann::json::array();
    for (std::size_t a = 0; a < table.spec.axes.size(); ++a) {
        const std::string& key = table.spec.axes[a].key;
        keys.push_back(key);
        const ParameterValue& first = table.points.front().values[a];
        if (std::holds_alternative<std::string>(first)) {
            std::vector<std::string> v;
            for (const auto& p : table.points) v.push_back(std::get<std::string>(p.values[a]));
            group.write_strings(key, v);
        } else if (std::holds_alternative<bool>(first)) {
            std::vector<std::uint8_t> v;
            for (const auto& p : table.points) v.push_back(std::get<bool>(p.values[a]));
            group.write<std::uint8_t>(key, {n}, view(v));
        } else if (std::holds_alternative<std::int64_t>(first)) {
            std::vector<std::int64_t> v;
            for (const auto& p : table.points) v.push_back(std::get<std::int64_t>(p.values[a]));
            group.write<std::int64_t>(key, {n}, view(v));
        } else {
            std::vector<double> v;
            for (const auto& p : table.points) v.push_back(std::get<double>(p.values[a]));
            group.write<double>(key, {n}, view(v));
        }
        group.attach_dimensions(key, {dim::point});
        const ParameterSpec* spec = find_parameter(key);
        describe_coordinate(group, key, spec ? spec->meaning : key,
                            spec && spec->kind != ParameterKind::choice ? spec->unit : "");
    }
    describe_coordinate(group, dim::point, "point of the sweep's design");
    describe_coordinate(group, "scenario", "name of the point (NAME_pNNNN)");
    group.set_attribute(
        "design", std::string(sweep_design_names[static_cast<std::size_t>(table.spec.design) - 1]));
    group.set_attribute("keys", keys.dump());
    if (table.spec.design == SweepDesign::saltelli) {
        group.set_attribute("base_samples", table.spec.samples);
        std::vector<std::string> matrix;
        std::vector<std::int32_t> column, row;
        for (const auto& p : table.points) {
            matrix.push_back(p.saltelli_matrix == 'X' ? "AB" : std::string(1, p.saltelli_matrix));
            column.push_back(p.saltelli_column);
            row.push_back(p.saltelli_row);
        }
        group.write_strings("saltelli_matrix", matrix);
        group.write<std::int32_t>("saltelli_column", {n}, view(column));
        group.write<std::int32_t>("saltelli_row", {n}, view(row));
        for (const char* name : {"saltelli_matrix", "saltelli_column", "saltelli_row"}) {
            group.attach_dimensions(name, {dim::point});
        }
        describe_coordinate(group, "saltelli_matrix", "Saltelli matrix of the point (A, B, AB)");
        describe_coordinate(group, "saltelli_column", "column of B swapped into A (AB points)");
        describe_coordinate(group, "saltelli_row", "row of the base samples");
    }
}

// The slots along `replicate`: the most replicates any point may run.
std::size_t replicate_slots(const SweepTable& table) {
    std::size_t most = 1;
    for (const auto& p : table.points) {
        const Scenario& s = p.scenario;
        most = std::max<std::size_t>(
            most,
            static_cast<std::size_t>(s.replication.automatic ? s.replication.max : s.replicates));
    }
    return most;
}

// What a slot no point filled reads as: "never" for months (the variable's
// _FillValue, so xarray masks it), NaN for reals, else 0; readers mask the
// slots past a point's replicates_run.
template <typename T>
T fill_of(const output::Variable* v) {
    if constexpr (std::is_floating_point_v<T>) {
        return std::numeric_limits<T>::quiet_NaN();
    } else {
        return v && v->coding == output::Coding::never ? static_cast<T>(never) : T{0};
    }
}

}  // namespace

SweepArrays::SweepArrays(const Location& sweeps, const World& world, const SweepTable& table)
    : group_(sweeps.create_group(table.name)),
      replicates_run_(table.points.size(), 0),
      replicates_(replicate_slots(table)),
      months_(static_cast<std::size_t>(table.base.months)),
      states_(world.states.size()),
      parameters_(table.posterior_keys.size()),
      events_(table.base.output.request_log) {
    write_design(group_, table);
    std::vector<std::string> swept;
    for (const auto& axis : table.spec.axes) swept.push_back(axis.key);
    // What every point shares: the sweep's options (the swept keys are
    // coordinates) and its file.
    write_options(group_, table.base, swept);
    group_.set_attribute(schema::root_attr::scenario_toml, table.scenario_toml);
    group_.set_attribute(schema::root_attr::config_json, scenario_to_json(table.base).dump());
    group_.set_attribute("interval_level", interval_level);
    write_replicate_axis(group_, replicates_);
    write_month_axis(group_, months_);
    write_category_axes(group_, world);
    write_state_axes(group_, world);
    if (table.base.output.flows) write_host_axis(group_, world);
    write_outcome_axis(group_);
    if (parameters_ > 0) write_parameter_axis(group_, table.posterior_keys);
    make_arrays(table);
    if (events_) make_event_log();
}

void SweepArrays::make_arrays(const SweepTable& table) {
    const hsize_t points = table.points.size();
    const bool adaptive = std::any_of(table.points.begin(), table.points.end(), [](const auto& p) {
        return p.scenario.replication.automatic;
    });
    streams_ = !adaptive;
    // One array per variable; `tail` is its shape after [point, replicate].
    auto make = [&](const output::Variable* v, const std::string& name, output::Type type,
                    const std::vector<std::string>& dims, const h5::Shape& shape, bool compress) {
        // A compressed array (per origin, per pair) is chunked across
        // neighbouring points, a few rows at a time, so that deflate sees
        // a value repeated from point to point (points often share them);
        // its chunks are made as the runs end (stream), unless points are
        // adaptive. The other arrays are contiguous, unless
        // points may stop short of their slots (adaptive replication):
        // then chunks of a point's rows, so that unused slots take no room.
        with_type(type, [&]<typename T>() {
            h5::Shape chunk;
            std::size_t cache = 0;
            std::unique_ptr<StreamedArray> streamed;
            std::size_t row = sizeof(T);  // one replicate of one point
            for (std::size_t k = 2; k < shape.size(); ++k) row *= shape[k];
            if (compress && shape.size() >= 3) {
                const std::size_t block =
                    std::clamp<std::size_t>((std::size_t{4} << 20) / (row * shape[1]), 1, 64);
                chunk = shape;
                chunk[0] = std::min<hsize_t>(block, shape[0]);
                chunk[1] = 1;
                if (chunk.size() >= 4) chunk[2] = std::min<hsize_t>(chunk[2], 16);
                if (adaptive) {
                    // Points written only at the end: HDF5 compresses them,
                    // a block of points cached at a time.
                    cache = block * shape[1] * row + (std::size_t{1} << 20);
                } else {
                    const T fill = fill_of<T>(v);
                    std::vector<unsigned char> fill_bytes(sizeof(T));
                    std::memcpy(fill_bytes.data(), &fill, sizeof(T));
                    streamed = std::make_unique<StreamedArray>(
                        shape, chunk, 2, std::move(fill_bytes), [&](std::span<const hsize_t> slot) {
                            return slot[1] <
                                   static_cast<hsize_t>(table.points[slot[0]].scenario.replicates);
                        });
                }
            } else if (adaptive) {
                chunk = shape;
                chunk[0] = 1;
                if (chunk.size() > 1 && dims[1] == dim::replicate)
                    chunk[1] = std::min<hsize_t>(shape[1], 64);
            }
            Location dataset = group_.create_array<T>(name, shape, chunk, fill_of<T>(v), cache);
            arrays_.push_back(Array{std::move(dataset), v, shape, std::move(streamed)});
        });
        group_.attach_dimensions(name, dims);
        if (v) describe(group_, *v);
    };
    for (const auto& v : output::variables()) {
        if (v.group == Group::events || (v.group == Group::flows && !table.base.output.flows)) {
            continue;
        }
        h5::Shape shape{points};
        std::vector<std::string> dims{dim::point};
        for (Dim d : v.dims()) {
            shape.push_back(d == Dim::replicate ? replicates_
                                                : output::dim_size(d, months_, states_));
            dims.emplace_back(output::dim_names[static_cast<std::size_t>(d)]);
        }
        make(&v, std::string(v.name), v.type, dims, shape, compressed(v));
    }
    {
        Location half_width = group_.open_dataset("outcome_half_width");
        half_width.set_attribute("confidence_level", mean_confidence_level);
        half_width.close();
    }
    std::vector<std::int64_t> none(points, 0);
    group_.write<std::int64_t>("replicates_run", {points}, view(none));
    group_.attach_dimensions("replicates_run", {dim::point});
    describe_coordinate(group_, "replicates_run",
                        "replicates the point ran (its slots past them are empty)", "count");
    if (parameters_ > 0) {
        make(nullptr, "draw", output::Type::int64, {dim::point, dim::replicate},
             {points, replicates_}, false);
        make(nullptr, "parameters", output::Type::float64,
             {dim::point, dim::replicate, dim::parameter}, {points, replicates_, parameters_},
             false);
        describe_draws(group_);
        Location draw = group_.open_dataset("draw");
        draw.set_attribute("source", table.posterior_source);
        draw.close();
    }
}

void SweepArrays::make_event_log() {
    Location log = group_.create_group(schema::events);
    event_columns_.push_back(log.create_column<std::int64_t>("request"));
    EventColumns empty;
    empty.point.push_back(0);  // so that each() lists the point column
    std::vector<std::string> names;
    empty.each([&](const char* name, const auto& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        event_columns_.push_back(log.create_column<T>(name));
        names.emplace_back(name);
    });
    log.make_scale("request");
    for (const auto& name : names) log.attach_dimensions(name, {"request"});
    for (const auto& v : output::variables()) {
        if (v.group == Group::events) describe(log, v);
    }
    describe_coordinate(log, "point", "point of the sweep whose run made the request");
    describe_coordinate(log, "request", "request (one row of the event log)");
    log.close();
}

SweepArrays::Array& SweepArrays::derived(const char* name) {
    for (auto& a : arrays_) {
        if (a.dataset.path() == group_.path() + "/" + name) return a;
    }
    throw std::logic_error(std::string("no sweep array ") + name);
}

bool SweepArrays::stream(std::size_t p, std::uint64_t replicate, const ReplicateResult& run) const {
    if (!streams_) return false;
    if (replicate >= replicates_) return true;  // past the slots: not kept (as in write)
    const hsize_t slot[] = {p, replicate};
    for (const auto& a : arrays_) {
        if (a.streamed) add_run(*a.streamed, slot, *a.variable, run);
    }
    return true;
}

void SweepArrays::write(std::size_t p, const ScenarioOutput& out) {
    const std::span<const ReplicateResult> reps = out.replicates;
    const hsize_t n = std::min<hsize_t>(reps.size(), replicates_);
    const hsize_t point = p;
    for (auto& a : arrays_) {
        if (a.streamed) {
            // Runs not streamed while they ran (a job joining ranks' runs at the end).
            for (hsize_t r = 0; r < n; ++r) {
                const hsize_t slot[] = {point, r};
                if (!a.streamed->has(slot)) add_run(*a.streamed, slot, *a.variable, reps[r]);
            }
            a.streamed->store_through(a.dataset, point + 1);
            continue;
        }
        if (!a.variable || !output::is_member(*a.variable)) continue;
        h5::Shape start(a.shape.size(), 0), count = a.shape;
        start[0] = point;
        count[0] = 1;
        count[1] = n;
        with_type(a.variable->type, [&]<typename T>() {
            const auto data = stacked<T>(reps.first(n), a.variable->member_name());
            a.dataset.write_block<T>(start, count, view(data));
        });
    }
    write_summary(p, reps.first(n));
    if (out.posterior) {
        const auto& d = *out.posterior;
        derived("draw").dataset.write_block<std::int64_t>(
            {point, 0}, {1, n}, std::span<const std::int64_t>(d.draw).first(n));
        derived("parameters")
            .dataset.write_block<double>(
                {point, 0, 0}, {1, n, parameters_},
                std::span<const double>(d.parameters).first(n * parameters_));
    }
    if (events_) append_events(p, reps.first(n));
    replicates_run_[p] = static_cast<std::int64_t>(n);
}

void SweepArrays::write_summary(std::size_t p, std::span<const ReplicateResult> reps) {
    const OutcomeRows rows = outcome_rows(reps);
    const hsize_t point = p, n = reps.size(), k = outcome_count;
    derived("outcome_value")
        .dataset.write_block<double>({point, 0, 0}, {1, n, k}, view(rows.values));
    each_summary(rows.summary, [&](const char* name, const Outcomes& row) {
        derived(name).dataset.write_block<double>({point, 0}, {1, k},
                                                  std::span<const double>(row.data(), row.size()));
    });
}

void SweepArrays::append_events(std::size_t p, std::span<const ReplicateResult> reps) {
    EventColumns log;
    log.add(reps);
    const hsize_t rows = log.rows();
    if (rows == 0) return;
    log.point.assign(rows, static_cast<std::int64_t>(p));
    std::vector<std::int64_t> request(rows);
    std::iota(request.begin(), request.end(), static_cast<std::int64_t>(event_rows_));
    event_columns_.front().append<std::int64_t>(event_rows_, view(request));
    std::size_t c = 1;
    log.each([&](const char*, const auto& values) {
        using T = typename std::decay_t<decltype(values)>::value_type;
        event_columns_[c++].append<T>(event_rows_, view(values));
    });
    event_rows_ += rows;
}

void SweepArrays::close() {
    {
        Location run = group_.open_dataset("replicates_run");
        run.write_block<std::int64_t>({0}, {replicates_run_.size()}, view(replicates_run_));
        run.close();
    }
    for (auto& a : arrays_) {
        if (a.streamed) a.streamed->store_through(a.dataset, a.shape[0]);
        a.dataset.close();
    }
    for (auto& c : event_columns_) c.close();
    group_.close();
}

}  // namespace havens::result_sections
