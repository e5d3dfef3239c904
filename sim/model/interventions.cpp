#include "model/interventions.hpp"

#include <algorithm>
#include <cctype>

namespace havens {

namespace {

bool same_code(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) ==
                      std::tolower(static_cast<unsigned char>(y));
           });
}

// The articles of a reservation list ("6(2) 40(22)"); nullopt names one
// that is not an article the convention lets a state reserve.
std::optional<std::vector<std::size_t>> articles_of(std::string_view list,
                                                    std::string* unknown = nullptr) {
    std::vector<std::size_t> out;
    for (const auto& word : split_targets(list)) {
        std::string_view w = word;
        if (w.rfind("Art.", 0) == 0) w.remove_prefix(4);
        const auto a = index_of(article_names, w);
        if (!a) {
            if (unknown) *unknown = word;
            return std::nullopt;
        }
        out.push_back(*a);
    }
    return out;
}

template <typename Value, typename Apply>
void for_each_target(const World& world, const std::map<std::string, Value>& entries, Apply apply) {
    for (const auto& [target, value] : entries) {
        for (StateId s : states_named(world, target)) apply(s, value);
    }
}

std::string month_text(Month m) { return "month " + std::to_string(m); }

// A state's name for a message: its code, and the bloc it was named through.
std::string who(const World& world, StateId s, std::string_view target) {
    const std::string& code = world.states.iso3[s];
    return same_code(code, target) ? code : code + " (in " + std::string(target) + ")";
}

}  // namespace

std::vector<std::string> split_targets(std::string_view list) {
    std::vector<std::string> out;
    std::string word;
    for (char c : list) {
        if (c == ' ' || c == ',' || c == '\t') {
            if (!word.empty()) out.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) out.push_back(std::move(word));
    return out;
}

std::vector<StateId> states_named(const World& world, std::string_view target) {
    for (StateId s = 0; s < world.states.size(); ++s) {
        if (same_code(world.states.iso3[s], target)) return {s};
    }
    for (std::size_t b = 0; b < world.blocs.names.size(); ++b) {
        if (same_code(world.blocs.names[b], target)) return world.blocs.members[b];
    }
    return {};
}

StateInterventions resolve_interventions(const World& world, const Scenario& scenario) {
    const InterventionParams& p = scenario.interventions;
    StateInterventions out(world.states.size());
    if (p.empty()) return out;
    out.any = true;
    for (const auto& target : split_targets(p.never_ratify)) {
        for (StateId s : states_named(world, target)) out.never_ratify[s] = 1;
    }
    for (const auto& target : split_targets(p.never_join_protocol)) {
        for (StateId s : states_named(world, target)) out.never_join_protocol[s] = 1;
    }
    for_each_target(world, p.ratify, [&](StateId s, int m) { out.ratify_month[s] = m; });
    for_each_target(world, p.sign, [&](StateId s, int m) { out.sign_month[s] = m; });
    for_each_target(world, p.denounce, [&](StateId s, int m) { out.denounce_month[s] = m; });
    for_each_target(world, p.join_protocol,
                    [&](StateId s, int m) { out.join_protocol_month[s] = m; });
    const auto choose = [&](const std::map<std::string, std::string>& entries,
                            ReservationChoice choice) {
        for_each_target(world, entries, [&](StateId s, const std::string& list) {
            const auto articles = articles_of(list);
            if (!articles) return;
            for (std::size_t a : *articles) out.reservation[s][a] = choice;
        });
    };
    choose(p.reserve, ReservationChoice::made);
    choose(p.withdraw, ReservationChoice::not_made);
    for_each_target(world, p.discretion,
                    [&](StateId s, double x) { out.discretion_shift[s] += x; });
    for_each_target(world, p.extradites_without_treaty,
                    [&](StateId s, bool b) { out.extradites_without_treaty[s] = b ? 1 : 0; });
    return out;
}

std::vector<InterventionProblem> intervention_problems(const World& world,
                                                       const Scenario& scenario) {
    const InterventionParams& p = scenario.interventions;
    std::vector<InterventionProblem> problems;
    if (p.empty()) return problems;
    const auto add = [&](std::string key, std::string message) {
        problems.push_back({std::move(key), std::move(message)});
    };
    const auto unknown = [&](const std::string& key, const std::string& target) {
        add(key, "no state or bloc '" + target +
                     "' (an ISO 3166 alpha-3 code from the states file, or a bloc name from "
                     "the blocs file)");
    };
    // Every target names something.
    for (const auto& [key, list] :
         {std::pair{"interventions.never_ratify", &p.never_ratify},
          std::pair{"interventions.never_join_protocol", &p.never_join_protocol}}) {
        for (const auto& target : split_targets(*list)) {
            if (states_named(world, target).empty()) unknown(key, target);
        }
    }
    InterventionParams::each_per_state(p, [&](const char* action, const auto& entries) {
        for (const auto& entry : entries) {
            if (states_named(world, entry.first).empty()) {
                unknown("interventions." + std::string(action) + "." + entry.first, entry.first);
            }
        }
    });
    if (!problems.empty()) return problems;

    // Months inside the run.
    const auto check_months = [&](const std::map<std::string, int>& entries,
                                  const std::string& action) {
        for (const auto& [target, m] : entries) {
            if (m < 0 || m >= scenario.months) {
                add("interventions." + action + "." + target,
                    "month " + std::to_string(m) + " is outside the run (0 to " +
                        std::to_string(scenario.months - 1) + ")");
            }
        }
    };
    check_months(p.ratify, "ratify");
    check_months(p.sign, "sign");
    check_months(p.denounce, "denounce");
    check_months(p.join_protocol, "join_protocol");
    for (const auto& [action, entries] : {std::pair{std::string("reserve"), &p.reserve},
                                          std::pair{std::string("withdraw"), &p.withdraw}}) {
        for (const auto& [target, list] : *entries) {
            const std::string key = "interventions." + action + "." + target;
            std::string bad;
            if (!articles_of(list, &bad)) {
                add(key, "'" + bad + "' is not an article a state can reserve (6(2), 24, 40(22))");
            } else if (split_targets(list).empty()) {
                add(key, "names no article (6(2), 24, 40(22))");
            } else if (action == "reserve" &&
                       scenario.treaty.reservations == ReservationPolicy::prohibited) {
                add(key, "contradicts treaty.reservations = \"prohibited\"");
            }
        }
    }
    if (!problems.empty()) return problems;

    // Contradictions between interventions and with the record, state by state.
    const StateInterventions iv = resolve_interventions(world, scenario);
    const StateTable& states = world.states;
    const bool record = scenario.treaty.observed_deposits;
    const Month through = record ? states.record_through : never;
    const auto covered = [&](Month m) { return through != never && m <= through; };
    for (const auto& [target, m] : p.ratify) {
        const std::string key = "interventions.ratify." + target;
        for (StateId s : states_named(world, target)) {
            const Month documented = record ? states.observed_deposit_month[s] : never;
            if (iv.never_ratify[s]) {
                add(key, who(world, s, target) + " is also in interventions.never_ratify");
            } else if (documented != never && documented != m) {
                add(key, "contradicts the record: " + who(world, s, target) + " deposited in " +
                             month_text(documented));
            } else if (documented == never && covered(m)) {
                add(key, "contradicts the record, complete through " + month_text(through) +
                             ": it shows no deposit by " + who(world, s, target));
            }
        }
    }
    for (const auto& target : split_targets(p.never_ratify)) {
        for (StateId s : states_named(world, target)) {
            if (record && states.observed_deposit_month[s] != never) {
                add("interventions.never_ratify",
                    "contradicts the record: " + who(world, s, target) + " deposited in " +
                        month_text(states.observed_deposit_month[s]));
            }
        }
    }
    for (const auto& [target, m] : p.sign) {
        const std::string key = "interventions.sign." + target;
        if (m > scenario.treaty.signature_close_month) {
            add(key, month_text(m) + " is after signature closes (" +
                         month_text(scenario.treaty.signature_close_month) +
                         "); a later state accedes: interventions.ratify");
            continue;
        }
        for (StateId s : states_named(world, target)) {
            if (states.signed_month[s] != never) {
                add(key, who(world, s, target) + " signed in " +
                             month_text(states.signed_month[s]) + " (the record)");
            } else if (covered(m)) {
                add(key, "contradicts the record, complete through " + month_text(through) +
                             ": it shows no signature by " + who(world, s, target));
            }
        }
    }
    for (const auto& [target, m] : p.denounce) {
        const std::string key = "interventions.denounce." + target;
        for (StateId s : states_named(world, target)) {
            if (iv.never_ratify[s]) {
                add(key, who(world, s, target) +
                             " never ratifies (interventions.never_ratify), so cannot denounce");
            } else if (covered(m) && !(record && states.observed_denunciation_month[s] == m)) {
                add(key, "contradicts the record, complete through " + month_text(through) +
                             ": it shows no denunciation by " + who(world, s, target));
            } else if (iv.ratify_month[s] != never && iv.ratify_month[s] >= m) {
                add(key, who(world, s, target) + " ratifies only in " +
                             month_text(iv.ratify_month[s]) + " (interventions.ratify)");
            }
        }
    }
    for (const auto& [target, m] : p.join_protocol) {
        const std::string key = "interventions.join_protocol." + target;
        for (StateId s : states_named(world, target)) {
            if (iv.never_ratify[s]) {
                add(key, who(world, s, target) +
                             " never ratifies the convention (interventions.never_ratify), "
                             "and only its parties join the protocol");
            } else if (iv.never_join_protocol[s]) {
                add(key, who(world, s, target) + " is also in interventions.never_join_protocol");
            }
        }
    }
    for (const auto& [target, list] : p.withdraw) {
        const auto made = p.reserve.find(target);
        if (made == p.reserve.end()) continue;
        const auto withdrawn = articles_of(list);
        const auto reserved = articles_of(made->second);
        for (std::size_t a : *withdrawn) {
            for (std::size_t b : *reserved) {
                if (a == b) {
                    add("interventions.withdraw." + target,
                        "Art. " + std::string(article_names[a]) +
                            " is also in interventions.reserve." + target);
                }
            }
        }
    }
    return problems;
}

}  // namespace havens
