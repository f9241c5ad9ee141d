// Property: one thing a passing fix must have, checked over the Evidence.
//
// A grade is a list of properties (the exercise's settings name them, in
// order). Each is one small class: it reads the runs it needs from the
// Evidence (the candidate's, and the reference fix's when it compares), and
// says pass or fail with the reason in plain words and the figures behind
// it. Properties never print, and never decide what hint to read: the
// grader does (grade.h).
//
// The properties (ids as written in exercise.json):
//   completes             every run ends well: no deadlock, watchdog, panic, error
//   oracle                the bug's own oracle finds no symptom ("symptom": how the
//                         failure words it, without the remedy)
//   compare               the bug's compare() does not find the candidate worse
//                         than the reference by the bug's margin
//   throughput            operations per second at least "min_ratio" of the
//                         reference fix's (median over the seeds)
//   no-io-under-lock      no I/O while the thread holds a lab lock
//   no-lockset-violation  no Guarded data touched under two different locks
//   no-added-sleep        the candidate's code does not sleep where the reference does not
//   no-try-lock-spin      the candidate's code does not spin on failing try_locks
//   sealed-boundary       the learner's object calls no blocking or synchronisation
//                         outside locklab (std::atomic only with "allow": ["atomics"])
//                         and nothing of the catalogue's own variants (prop_sealed_boundary.cpp)
//   explored              no failure over N schedules of the controlled scheduler,
//                         nor in real runs with chaos (prop_explored.cpp)
//
// Adding one: a class in its own prop_*.cpp with a make_* function declared
// below, and a line in make_property() (property_registry.cpp). A property
// that needs another kind of run (as `explored` does) takes Evidence::bug()
// and Evidence::candidate_variant() and makes its runs itself.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "evidence.h"
#include "settings.h"

namespace locklab::exercises {

struct PropertyResult {
  bool pass = false;
  std::string reason;        // plain words: what was seen, and why it matters
  nlohmann::json figures = nlohmann::json::object();  // the numbers behind it
};

class Property {
 public:
  virtual ~Property() = default;
  virtual std::string_view id() const noexcept = 0;
  /// What a pass means, in one line ("every run ends: no deadlock ...").
  virtual std::string what() const = 0;
  virtual PropertyResult check(Evidence& evidence) const = 0;
};

/// The property `spec` names, configured from its options. SettingsError
/// for an unknown id or a bad option.
std::unique_ptr<Property> make_property(const PropertySpec& spec);
/// Every id make_property() knows, in the order of the list above.
const std::vector<std::string>& property_ids();

/// explored's settings (exercise.json keys of the same names).
struct ExploredOptions {
  std::uint64_t schedules = 300;    // controlled schedules at most
  std::string strategy = "pct";     // pct, random, dfs
  std::uint32_t depth = 3;          // pct's bug depth
  std::uint32_t preemptions = 2;    // dfs's bound
  std::uint64_t seed = 1;           // the strategy's seed
  std::uint64_t chaos_runs = 1;     // real runs with chaos (at most one per seed of the plan)
  std::uint32_t threads = 0;        // controlled runs' threads (0: the bug's controlled default)
  std::map<std::string, std::string> params;  // over the bug's controlled parameters
};

// One per prop_*.cpp.
std::unique_ptr<Property> make_completes();
/// `symptom`: what the oracle looks for in the learner's words ("": the bug's own, BugInfo::symptom).
std::unique_ptr<Property> make_oracle(int max_symptom_runs, std::string symptom);
std::unique_ptr<Property> make_compare();
std::unique_ptr<Property> make_throughput(double min_ratio, std::string op);
std::unique_ptr<Property> make_no_io_under_lock(std::vector<std::string> locks);
std::unique_ptr<Property> make_no_lockset_violation();
std::unique_ptr<Property> make_no_added_sleep();
std::unique_ptr<Property> make_no_try_lock_spin(std::uint64_t max_failed_per_run);
std::unique_ptr<Property> make_explored(ExploredOptions options);
std::unique_ptr<Property> make_sealed_boundary(bool atomics_allowed);

}  // namespace locklab::exercises
