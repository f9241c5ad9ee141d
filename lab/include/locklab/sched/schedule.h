// Schedule: a controlled run's decisions as data, saved as a small text file.
//
//   # locklab schedule: replay with `locklab replay recursive-rlock FILE`
//   bug recursive-rlock
//   variant buggy
//   strategy pct
//   seed 1234567
//   run-seed 1
//   threads 3
//   duration-ms 20
//   param audit_us 200
//   steps 1 1 2 2 3 2 1 ...
//   # 1. T1 (main) starts
//   # ...
//
// One keyword a line; `steps` may repeat (its ids append); lines starting
// with '#' are comments (explore writes the steps in words there). The
// run-seed is the run's own seed (select and spurious wake-up choices);
// `seed` is the strategy's seed for this schedule (informational: the steps
// alone decide a replay).
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
  std::vector<std::uint16_t> steps;    // thread id picked at each decision
};

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
