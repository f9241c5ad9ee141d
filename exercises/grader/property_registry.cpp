// make_property: an exercise.json property object to its class.
#include <set>

#include "property.h"

namespace locklab::exercises {
namespace {

double number(const PropertySpec& spec, const char* key, double fallback, double min, double max) {
  if (!spec.options.contains(key)) return fallback;
  const nlohmann::json& v = spec.options.at(key);
  if (!v.is_number() || v.get<double>() < min || v.get<double>() > max)
    throw SettingsError("property " + spec.id + ": \"" + key + "\" must be a number from " + std::to_string(min) +
                        " to " + std::to_string(max));
  return v.get<double>();
}

void only_keys(const PropertySpec& spec, std::set<std::string> allowed) {
  allowed.insert({"id", "hint"});
  for (const auto& [key, value] : spec.options.items())
    if (!allowed.contains(key)) throw SettingsError("property " + spec.id + ": unknown key \"" + key + "\"");
}

}  // namespace

const std::vector<std::string>& property_ids() {
  static const std::vector<std::string> ids = {"completes",         "oracle",
                                               "compare",           "throughput",
                                               "no-io-under-lock",  "no-lockset-violation",
                                               "no-added-sleep",    "no-try-lock-spin",
                                               "sealed-boundary",   "explored"};
  return ids;
}

std::unique_ptr<Property> make_property(const PropertySpec& spec) {
  if (spec.id == "completes") {
    only_keys(spec, {});
    return make_completes();
  }
  if (spec.id == "oracle") {
    only_keys(spec, {"max_symptom_runs", "symptom"});
    std::string symptom;
    if (spec.options.contains("symptom")) {
      if (!spec.options.at("symptom").is_string()) throw SettingsError("property oracle: \"symptom\" must be a string");
      symptom = spec.options.at("symptom").get<std::string>();
    }
    return make_oracle(static_cast<int>(number(spec, "max_symptom_runs", 0, 0, 1000)), std::move(symptom));
  }
  if (spec.id == "compare") {
    only_keys(spec, {});
    return make_compare();
  }
  if (spec.id == "throughput") {
    only_keys(spec, {"min_ratio", "op"});
    std::string op;
    if (spec.options.contains("op")) {
      if (!spec.options.at("op").is_string()) throw SettingsError("property throughput: \"op\" must be a string");
      op = spec.options.at("op").get<std::string>();
    }
    return make_throughput(number(spec, "min_ratio", 0.5, 0.01, 100), op);
  }
  if (spec.id == "no-io-under-lock") {
    only_keys(spec, {"locks"});
    std::vector<std::string> locks;
    if (spec.options.contains("locks")) {
      for (const auto& l : spec.options.at("locks")) {
        if (!l.is_string()) throw SettingsError("property no-io-under-lock: \"locks\" must be lock names");
        locks.push_back(l.get<std::string>());
      }
    }
    return make_no_io_under_lock(std::move(locks));
  }
  if (spec.id == "no-lockset-violation") {
    only_keys(spec, {});
    return make_no_lockset_violation();
  }
  if (spec.id == "no-added-sleep") {
    only_keys(spec, {});
    return make_no_added_sleep();
  }
  if (spec.id == "no-try-lock-spin") {
    only_keys(spec, {"max_failed_per_run"});
    return make_no_try_lock_spin(static_cast<std::uint64_t>(number(spec, "max_failed_per_run", 200, 0, 1e9)));
  }
  if (spec.id == "sealed-boundary") {
    only_keys(spec, {"allow"});
    bool atomics = false;
    if (spec.options.contains("allow")) {
      const nlohmann::json& allow = spec.options.at("allow");
      if (!allow.is_array()) throw SettingsError("property sealed-boundary: \"allow\" must be a list, e.g. [\"atomics\"]");
      for (const auto& a : allow) {
        if (a != "atomics")
          throw SettingsError("property sealed-boundary: \"allow\" knows only \"atomics\", not " + a.dump());
        atomics = true;
      }
    }
    return make_sealed_boundary(atomics);
  }
  if (spec.id == "explored") {
    only_keys(spec, {"schedules", "strategy", "depth", "preemptions", "seed", "chaos_runs", "threads", "params"});
    ExploredOptions o;
    o.schedules = static_cast<std::uint64_t>(number(spec, "schedules", 300, 1, 100000));
    if (spec.options.contains("strategy")) {
      const nlohmann::json& v = spec.options.at("strategy");
      if (!v.is_string() || (v != "pct" && v != "random" && v != "dfs"))
        throw SettingsError("property explored: \"strategy\" must be \"pct\", \"random\" or \"dfs\"");
      o.strategy = v.get<std::string>();
    }
    o.depth = static_cast<std::uint32_t>(number(spec, "depth", 3, 1, 16));
    o.preemptions = static_cast<std::uint32_t>(number(spec, "preemptions", 2, 0, 16));
    o.seed = static_cast<std::uint64_t>(number(spec, "seed", 1, 0, 1e15));
    o.chaos_runs = static_cast<std::uint64_t>(number(spec, "chaos_runs", 1, 0, 100));
    o.threads = static_cast<std::uint32_t>(number(spec, "threads", 0, 0, 64));
    if (spec.options.contains("params")) {
      if (!spec.options.at("params").is_object())
        throw SettingsError("property explored: \"params\" must be an object of name: \"value\"");
      for (const auto& [name, value] : spec.options.at("params").items()) {
        if (!value.is_string()) throw SettingsError("property explored: parameter \"" + name + "\" must be a string");
        o.params[name] = value.get<std::string>();
      }
    }
    return make_explored(std::move(o));
  }
  std::string known;
  for (const std::string& id : property_ids()) known += (known.empty() ? "" : ", ") + id;
  throw SettingsError("unknown property \"" + spec.id + "\" (known: " + known + ")");
}

}  // namespace locklab::exercises
