#include "io/result_attributes.hpp"

#include <limits>

#include <nlohmann/json.hpp>

namespace havens::result_sections {

namespace {

template <typename T>
void write_flags(const h5::Location& dataset, const output::Flags& flags) {
    std::vector<T> values(flags.values.begin(), flags.values.end());
    dataset.set_attribute_values<T>("flag_values", view(values));
    dataset.set_attribute("flag_meanings", flags.meanings);
}

}  // namespace

void describe(const h5::Location& group, const output::Variable& v) {
    h5::Location dataset = group.open_dataset(std::string(v.name));
    dataset.set_attribute("long_name", std::string(v.long_name));
    if (!v.units.empty()) dataset.set_attribute("units", std::string(v.units));
    // xarray masks _FillValue to NaN on open: "never" is missing, not -1.
    if (v.coding == output::Coding::never)
        dataset.set_typed_attribute<std::int32_t>("_FillValue", -1);
    if (v.coding == output::Coding::no_exile) {
        dataset.set_typed_attribute<std::uint32_t>("_FillValue",
                                                   std::numeric_limits<std::uint32_t>::max());
    }
    const output::Flags flags = output::flags_of(v);
    if (!flags.values.empty()) write_flags<std::uint8_t>(dataset, flags);
    for (output::Dim d : v.dims()) {
        if (d == output::Dim::month) dataset.set_attribute("coordinates", std::string("date"));
    }
    dataset.close();
}

void describe_coordinate(const h5::Location& group, const std::string& name,
                         const std::string& long_name, const std::string& units,
                         const std::vector<std::string>& human_labels) {
    h5::Location dataset = group.open_dataset(name);
    dataset.set_attribute("long_name", long_name);
    if (!units.empty()) dataset.set_attribute("units", units);
    if (!human_labels.empty()) dataset.set_attribute("labels", nlohmann::json(human_labels).dump());
    dataset.close();
}

void write_month_axis(const h5::Location& group, std::size_t months) {
    std::vector<std::int32_t> month(months);
    for (std::size_t t = 0; t < months; ++t) month[t] = static_cast<std::int32_t>(t);
    group.write_coordinate<std::int32_t>(schema::dim::month, view(month));
    describe_coordinate(group, schema::dim::month, "months since October 2025", "month");
    const auto days = output::month_start_days(months);
    group.write<std::int32_t>("date", {months}, view(days));
    group.attach_dimensions("date", {schema::dim::month});
    h5::Location date = group.open_dataset("date");
    date.set_attribute("long_name", std::string("first day of the month"));
    date.set_attribute("units", std::string(output::date_units));
    date.set_attribute("calendar", std::string("proleptic_gregorian"));
    date.set_attribute("standard_name", std::string("time"));
    date.close();
}

}  // namespace havens::result_sections
