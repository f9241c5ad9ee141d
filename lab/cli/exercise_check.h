// One exercise check, as `check` and `workshop --run` do it:
//   1. build the exercise's binary (cmake --build <build> --target
//      locklab-exercise-<id>); a compile error is a failed check whose
//      result carries the compiler's message;
//   2. run it: the grader runs the learner's variant and the reference fix
//      and prints its result as JSON (exercises/grader/grade.h); its
//      progress lines go to `err` as they come;
//   3. choose the hint to read next: the failing property's hint, one level
//      further each time the same property fails again;
//   4. cache the result with the file's hash (exercise_index.h).
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>

#include <nlohmann/json.hpp>

#include "locklab/present/exercise_index.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {

struct CheckOptions {
  std::optional<std::uint64_t> runs;         // seeds 1..N instead of the settings'
  std::optional<std::uint64_t> duration_ms;  // per run, instead of the settings'
  bool build = true;                         // false: use the binary as it is
};

struct CheckOutcome {
  nlohmann::json result;     // keys: see lab/cli/README.md, `locklab check`
  bool interrupted = false;  // Ctrl-C during the build or the runs: nothing cached
};

/// UsageError if the binary is missing with build = false.
CheckOutcome run_check(const Workspace& ws, const ExerciseEntry& e, const CheckOptions& options, std::ostream& err,
                       const std::function<bool()>& interrupted);

}  // namespace locklab::cli
