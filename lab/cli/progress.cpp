#include "progress.h"

#include <atomic>
#include <cmath>
#include <csignal>
#include <numeric>
#include <ostream>

#include <unistd.h>

#include <fmt/format.h>

#include "locklab/run/runner.h"

namespace locklab::cli {
namespace {

std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free, "the SIGINT handler needs a lock-free flag");
struct sigaction g_previous {};
struct sigaction g_previous_quit {};

// SIGQUIT (Ctrl-\) asks the running run for a thread dump, as it makes a Go
// program print its goroutines; unlike Go, the run goes on.
extern "C" void on_sigquit(int) { request_dump(); }

// Async-signal-safe: an atomic store, write(2), and for a second Ctrl-C the
// default action (the process ends at once).
extern "C" void on_sigint(int) {
  if (g_interrupted.exchange(true, std::memory_order_relaxed)) {
    signal(SIGINT, SIG_DFL);
    raise(SIGINT);
    return;
  }
  static const char kMessage[] = "\nlocklab: Ctrl-C: stopping after the current run (Ctrl-C again to quit now)\n";
  const ssize_t written = write(STDERR_FILENO, kMessage, sizeof kMessage - 1);
  (void)written;
}

}  // namespace

InterruptScope::InterruptScope() {
  struct sigaction action {};
  action.sa_handler = on_sigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  sigaction(SIGINT, &action, &g_previous);
  struct sigaction quit {};
  quit.sa_handler = on_sigquit;
  sigemptyset(&quit.sa_mask);
  quit.sa_flags = SA_RESTART;
  sigaction(SIGQUIT, &quit, &g_previous_quit);
}

InterruptScope::~InterruptScope() {
  sigaction(SIGINT, &g_previous, nullptr);
  sigaction(SIGQUIT, &g_previous_quit, nullptr);
  g_interrupted.store(false, std::memory_order_relaxed);  // the next command starts afresh
}

bool InterruptScope::interrupted() const noexcept { return g_interrupted.load(std::memory_order_relaxed); }

void request_interrupt() noexcept { g_interrupted.store(true, std::memory_order_relaxed); }

Progress::Progress(std::ostream& err, std::vector<std::uint64_t> planned_ms)
    : err_(err), planned_(std::move(planned_ms)) {}

double estimate_left_s(double planned_done_ms, double planned_left_ms, double elapsed_ms) {
  const double scale = planned_done_ms > 0 ? elapsed_ms / planned_done_ms : 1.1;
  return planned_left_ms * scale / 1000.0;
}

std::string time_left_text(double left_s) {
  if (left_s < 1.0) return "under a second left";
  if (left_s < 90.0) return fmt::format("about {:.0f} s left", std::ceil(left_s));
  return fmt::format("about {:.0f} min left", std::ceil(left_s / 60.0));
}

void Progress::step(std::size_t index, const std::string& what) {
  const auto sum = [&](std::size_t from, std::size_t to) {
    return std::accumulate(planned_.begin() + static_cast<std::ptrdiff_t>(from),
                           planned_.begin() + static_cast<std::ptrdiff_t>(to), std::uint64_t{0});
  };
  const double elapsed_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - begin_).count();
  const double left_s = estimate_left_s(static_cast<double>(sum(0, index)),
                                        static_cast<double>(sum(index, planned_.size())), elapsed_ms);
  err_ << fmt::format("[{}/{}] {} ... {}", index + 1, planned_.size(), what, time_left_text(left_s)) << std::endl;
}

}  // namespace locklab::cli
