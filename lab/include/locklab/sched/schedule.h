// Schedule: a controlled run's decisions as data, saved as a small text file.
//
//   # locklab schedule: replay with `locklab replay recursive-rlock FILE`
//   format 2
//   bug recursive-rlock
//   variant buggy
//   strategy pct
//   seed 1234567
//   run-seed 1
//   threads 3
//   duration-ms 20
//   param audit_us 200
//   steps 1 1 2 2 3 0 2 1 ...
//   choices 1 0
//   # 1. T1 (main) starts
//   # ...
//
// One keyword a line; `steps` and `choices` may repeat (their values
// append); lines starting with '#' are comments (explore writes the steps in
// words there). A step is the thread id picked, or 0: the due timers fired.
// `choices` are the answers of the choices made inside steps, in order (a
// select's ready case, counted from 0 in case order; a spurious wake-up, 0
// no 1 yes). A schedule without any `choices` line was made by a strategy
// that left those choices to the primitives (step mode): its replay does the
// same, drawing them from the run-seed, with timers firing when due.
// `seed` is the strategy's seed for this schedule (informational: the steps
// and choices alone decide a replay).
//
// Formats: 2 (this one: a `format 2` line); 1, the files of earlier locklabs
// (no `format` line, no choices, no timer steps), still load, as schedules
// whose choices come from the run-seed, which is how those runs made them.
// Any other format is refused with its number.
#pragma once

#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace locklab::sched {

struct Schedule {
  std::string bug;       // empty for an ad-hoc workload
  std::string variant;
  std::string strategy;  // "random", "pct", "dfs", "replay"
  std::uint64_t seed = 0;
  std::uint64_t run_seed = 1;
  std::uint32_t threads = 0;
  std::uint64_t duration_ms = 0;
  std::map<std::string, std::string> params;
  std::uint64_t stop_after_steps = 0;  // the run's limits (0: the defaults)
  std::vector<std::uint16_t> steps;    // thread id picked at each decision (0: the due timers fired)
  /// The strategy decided timers and choices; `choices` are its answers.
  /// False: they were left to the primitives (no `choices` line).
  bool choices_drawn = false;
  std::vector<std::uint32_t> choices;
  std::uint32_t format = 2;            // as read (1: an older file)
};

/// The format this locklab writes.
inline constexpr std::uint32_t kScheduleFormat = 2;

/// A malformed schedule file; the message names the line.
class ScheduleError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The file's text; `comments` are written after the data, one "# " line each.
std::string format_schedule(const Schedule& s, const std::vector<std::string>& comments = {});
/// Parses a schedule's text. Throws ScheduleError.
Schedule parse_schedule(std::string_view text);
/// Writes / reads a file. Throw ScheduleError (with the path) on failure.
void save_schedule(const std::string& path, const Schedule& s, const std::vector<std::string>& comments = {});
Schedule load_schedule(const std::string& path);

}  // namespace locklab::sched
