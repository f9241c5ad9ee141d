// An exercise's grader settings: exercises/<id>/exercise.json, read once per
// check. The file names the bug, the reference fix the learner is measured
// against, how to run (seeds, threads, duration, watchdog bound, parameters)
// and the properties a passing fix must have, in the order they are checked.
//
//   {
//     "bug": "lock-held-across-io",
//     "title": "Loads that wait for disk writes",
//     "reference": "fixed",
//     "seeds": [1, 2, 3],
//     "threads": 4, "duration_ms": 600, "watchdog_ms": 1000, "spurious_wakeups": 0,
//     "params": {"io_ms": "10"},
//     "properties": [
//       {"id": "completes", "hint": 1},
//       {"id": "no-io-under-lock", "hint": 2},
//       {"id": "throughput", "min_ratio": 0.5, "hint": 3}
//     ]
//   }
//
// Every key but "bug", "reference" and "properties" has a default. What a
// property accepts besides "id" and "hint" is the property's business
// (properties.h); unknown property ids are an error.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace locklab::exercises {

/// A settings file that cannot be used; the message says which key and why.
class SettingsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct PropertySpec {
  std::string id;            // "no-io-under-lock"
  int hint = 1;              // the hint (1..3) that helps with this property
  nlohmann::json options;    // the whole object, for the property's own keys
};

struct ExerciseSettings {
  std::string id;            // the exercise folder's name
  std::string bug;           // the catalogue bug it is built on
  std::string title;
  std::string reference;     // the bug's fixed variant measured alongside
  std::vector<std::uint64_t> seeds{1, 2, 3};  // one run of each variant per seed
  std::uint32_t threads = 0;                  // 0: the bug's default
  std::uint64_t duration_ms = 0;              // 0: the bug's default
  std::uint64_t watchdog_ms = 1000;           // no progress this long ends a run
  double spurious_wakeups = 0;                // probability a Cond::wait returns unsignalled
  std::map<std::string, std::string> params;  // as for `locklab run -p`
  std::vector<PropertySpec> properties;
};

/// Reads and checks `path`; `id` is the exercise's folder name.
ExerciseSettings load_settings(const std::string& path, const std::string& id);
/// The same from JSON text (tests).
ExerciseSettings parse_settings(const std::string& text, const std::string& id);

}  // namespace locklab::exercises
