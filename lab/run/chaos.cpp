#include "chaos.h"

#include <atomic>
#include <chrono>
#include <thread>

#include "core/sched_hooks.h"
#include "locklab/core/runtime.h"

namespace locklab::detail {
namespace {

std::atomic<std::uint64_t> g_seed{1};
std::atomic<std::uint64_t> g_epoch{0};  // bumped by chaos_on: generators re-seed

std::uint64_t mix(std::uint64_t z) noexcept {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Per OS thread: chaos runs real threads, one lab thread each.
struct ChaosRandom {
  std::uint64_t epoch = ~0ull;
  const ThreadRecord* owner = nullptr;
  std::uint64_t state = 0;
};
thread_local ChaosRandom tl_random;

void chaos_hook(SchedOp op, std::uint32_t, std::uint64_t) noexcept { chaos_point(op); }
const locklab::detail::SchedHooks kChaosHooks{&chaos_hook};

}  // namespace

void chaos_on(std::uint64_t seed) noexcept {
  g_seed.store(seed, std::memory_order_relaxed);
  g_epoch.fetch_add(1, std::memory_order_relaxed);
  locklab::detail::set_sched_mode(locklab::detail::SchedMode::kChaos, &kChaosHooks);
}

void chaos_off() noexcept {
  locklab::detail::set_sched_mode(locklab::detail::SchedMode::kOff, nullptr);
}

void chaos_point(SchedOp) noexcept {
  ChaosRandom& r = tl_random;
  const ThreadRecord* self = &Runtime::self();
  const std::uint64_t epoch = g_epoch.load(std::memory_order_relaxed);
  if (r.epoch != epoch || r.owner != self) {
    r.epoch = epoch;
    r.owner = self;
    r.state = mix(g_seed.load(std::memory_order_relaxed) ^ mix(0xC4A05ull + self->id()));
  }
  r.state += 0x9E3779B97F4A7C15ull;
  const std::uint64_t draw = mix(r.state);
  if ((draw & 63) == 0) {
    std::this_thread::sleep_for(std::chrono::microseconds(1 + (draw >> 8) % 50));
  } else if ((draw & 3) == 0) {
    std::this_thread::yield();
  }
}

}  // namespace locklab::detail
