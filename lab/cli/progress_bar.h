// A progress bar for long work made of planned steps (a report's runs):
//
//   [########----------------]  35%  [9/25] bug 2 of 3: lock-held-across-io fixed,
//       4 threads, run 2 of 5 ... about 40 s left              (one line)
//
// On a terminal the line is redrawn in place, the time left before the step's
// description (the line is cut at the terminal's width); anywhere else (a
// file, a pipe, a test's stream) each step prints a line of its own, as
// above, so logs stay readable.
// The time left is the plan scaled by how long the finished steps took
// (estimate_left_s in progress.h). Writes only to the stream it was given.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace locklab::cli {

class ProgressBar {
 public:
  /// `planned_ms`: each step's planned length. `terminal`: redraw in place.
  ProgressBar(std::ostream& err, std::vector<std::uint64_t> planned_ms, bool terminal);
  /// Shows step `index` (0-based) beginning; `what` says what it is.
  void step(std::size_t index, const std::string& what);
  /// Ends the bar with a last line (on a terminal, completes the line).
  void finish(const std::string& what);
  std::size_t size() const { return planned_.size(); }

  /// True when `err` is std::cerr and standard error is a terminal.
  static bool is_terminal(const std::ostream& err);

 private:
  void draw(double fraction, const std::string& text);

  std::ostream& err_;
  std::vector<std::uint64_t> planned_;
  bool terminal_;
  std::size_t last_width_ = 0;  // characters of the line drawn last (terminal only)
  std::chrono::steady_clock::time_point begin_ = std::chrono::steady_clock::now();
};

}  // namespace locklab::cli
