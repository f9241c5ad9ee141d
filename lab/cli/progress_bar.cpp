#include "progress_bar.h"

#include <iostream>
#include <numeric>

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include "progress.h"

namespace locklab::cli {
namespace {

constexpr std::size_t kBarWidth = 24;

std::size_t characters(const std::string& s) {
  std::size_t n = 0;
  for (const char c : s)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

// The terminal's width; a line longer than it would wrap, and '\r' would then
// redraw only its last part.
std::size_t terminal_columns() {
  winsize ws{};
  if (::ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10) return ws.ws_col;
  return 80;
}

// The first `n` characters of a UTF-8 string.
std::string first_characters(const std::string& s, std::size_t n) {
  std::size_t count = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && count++ == n) return s.substr(0, i);
  }
  return s;
}

}  // namespace

ProgressBar::ProgressBar(std::ostream& err, std::vector<std::uint64_t> planned_ms, bool terminal)
    : err_(err), planned_(std::move(planned_ms)), terminal_(terminal) {}

bool ProgressBar::is_terminal(const std::ostream& err) { return &err == &std::cerr && ::isatty(STDERR_FILENO) == 1; }

void ProgressBar::step(std::size_t index, const std::string& what) {
  const auto sum = [&](std::size_t from, std::size_t to) {
    return static_cast<double>(std::accumulate(planned_.begin() + static_cast<std::ptrdiff_t>(from),
                                               planned_.begin() + static_cast<std::ptrdiff_t>(to), std::uint64_t{0}));
  };
  const double done = sum(0, index), left = sum(index, planned_.size());
  const double elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin_).count();
  const double fraction = done + left > 0 ? done / (done + left) : 0.0;
  const std::string left_text = time_left_text(estimate_left_s(done, left, elapsed_ms));
  // A terminal line is cut at the terminal's width: the time left goes first.
  draw(fraction, terminal_ ? fmt::format("[{}/{}] {} · {}", index + 1, planned_.size(), left_text, what)
                           : fmt::format("[{}/{}] {} ... {}", index + 1, planned_.size(), what, left_text));
}

void ProgressBar::finish(const std::string& what) {
  draw(1.0, what);
  if (terminal_) err_ << '\n' << std::flush;
}

void ProgressBar::draw(double fraction, const std::string& text) {
  const std::size_t filled = static_cast<std::size_t>(fraction * kBarWidth + 0.5);
  std::string line = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '-') + "] " +
                     fmt::format("{:3.0f}%  ", fraction * 100.0) + text;
  if (!terminal_) {
    err_ << line << std::endl;
    return;
  }
  // Redraw in place; blank out what a longer previous line left behind.
  line = first_characters(line, terminal_columns() - 1);
  const std::size_t width = characters(line);
  if (width < last_width_) line += std::string(last_width_ - width, ' ');
  last_width_ = width;
  err_ << '\r' << line << std::flush;
}

}  // namespace locklab::cli
