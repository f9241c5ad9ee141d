// Long work: progress lines on stderr ("[3/7] bug variant ... about 9 s left")
// and Ctrl-C ending the work cleanly after the current step.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace locklab::cli {

/// While alive, SIGINT sets a flag instead of killing the process, and says
/// so on stderr; a second SIGINT ends the process at once. (The
/// previous handler comes back on destruction, and the flag is cleared).
/// One scope at a time.
class InterruptScope {
 public:
  InterruptScope();
  ~InterruptScope();
  InterruptScope(const InterruptScope&) = delete;
  InterruptScope& operator=(const InterruptScope&) = delete;
  /// Ctrl-C was pressed (or request_interrupt called) during the scope.
  /// Within the scope, SIGQUIT (Ctrl-\) asks the current run for a thread
  /// dump (locklab::request_dump) and the run goes on.
  bool interrupted() const noexcept;
};

/// Acts as if Ctrl-C was pressed: what tests use instead of a signal. Called
/// before a scope begins, it applies to that scope.
void request_interrupt() noexcept;

/// Seconds of work left: `planned_left_ms` scaled by how long the finished
/// part really took against its plan (`elapsed_ms` / `planned_done_ms`);
/// before anything has finished, the plan plus 10%.
double estimate_left_s(double planned_done_ms, double planned_left_ms, double elapsed_ms);
/// "under a second left", "about 12 s left", "about 3 min left".
std::string time_left_text(double seconds);

/// Announces steps of planned lengths and estimates the time left from
/// them, scaled by how long the finished steps really took.
class Progress {
 public:
  Progress(std::ostream& err, std::vector<std::uint64_t> planned_ms);
  /// Prints "[k/n] what ... about T left" for step `index` (0-based).
  void step(std::size_t index, const std::string& what);
  std::size_t size() const { return planned_.size(); }

 private:
  std::ostream& err_;
  std::vector<std::uint64_t> planned_;
  std::chrono::steady_clock::time_point begin_ = std::chrono::steady_clock::now();
};

}  // namespace locklab::cli
