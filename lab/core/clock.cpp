#include "locklab/core/clock.h"

#include <time.h>

#include <atomic>
#include <fstream>
#include <string>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <x86intrin.h>
#define LOCKLAB_HAVE_TSC 1
#endif

namespace locklab {
namespace {

bool cpu_has_invariant_tsc() {
#if LOCKLAB_HAVE_TSC
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("flags", 0) == 0)
      return line.find(" constant_tsc") != std::string::npos &&
             line.find(" nonstop_tsc") != std::string::npos;
  }
#endif
  return false;
}

const bool g_use_tsc = cpu_has_invariant_tsc();

std::atomic<bool> g_virtual{false};
std::atomic<std::uint64_t> g_virtual_ticks{0};

}  // namespace

namespace detail {
void virtual_clock_on(std::uint64_t start_ticks) noexcept {
  g_virtual_ticks.store(start_ticks, std::memory_order_relaxed);
  g_virtual.store(true, std::memory_order_release);
}
void virtual_clock_off() noexcept { g_virtual.store(false, std::memory_order_release); }
void virtual_clock_advance(std::uint64_t ticks) noexcept {
  if (ticks > g_virtual_ticks.load(std::memory_order_relaxed)) g_virtual_ticks.store(ticks, std::memory_order_relaxed);
}
}  // namespace detail

std::uint64_t now_ns() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<std::uint64_t>(ts.tv_nsec);
}

std::uint64_t now_ticks() noexcept {
  if (g_virtual.load(std::memory_order_relaxed)) [[unlikely]]
    return g_virtual_ticks.fetch_add(1, std::memory_order_relaxed) + 1;
#if LOCKLAB_HAVE_TSC
  if (g_use_tsc) [[likely]] return __rdtsc();
#endif
  return now_ns();
}

TickClock::TickClock() : uses_tsc_(g_use_tsc) {
  if (!uses_tsc_) return;
  // Measure ticks against CLOCK_MONOTONIC over ~20 ms; bracket each reading so
  // a preemption between the two clocks does not skew the pair.
  auto pair = [] {
    const std::uint64_t a = now_ticks();
    const std::uint64_t ns = now_ns();
    const std::uint64_t b = now_ticks();
    return std::pair<std::uint64_t, std::uint64_t>{a + (b - a) / 2, ns};
  };
  const auto start = pair();
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto end = pair();
  const double ticks = static_cast<double>(end.first - start.first);
  const double ns = static_cast<double>(end.second - start.second);
  ns_per_tick_ = ticks > 0 ? ns / ticks : 1.0;
}

const TickClock& TickClock::get() {
  static const TickClock clock;
  return clock;
}

}  // namespace locklab
