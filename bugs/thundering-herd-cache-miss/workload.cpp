#include "workload.h"

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/core/runtime.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::thundering_herd_cache_miss {
namespace {

// The value the computation yields for `key`: fixed, so the workload can
// check every answer.
Value value_of(Key key) { return Value{key} * 0x9E3779B97F4A7C15ull + 7; }

// Counts a computation in the "computations running" gauge while it runs,
// on every way out (Cancelled included).
class Running {
 public:
  explicit Running(std::atomic<std::int64_t>& gauge) : gauge_(gauge) {
    gauge_.fetch_add(1, std::memory_order_relaxed);
  }
  ~Running() { gauge_.fetch_sub(1, std::memory_order_relaxed); }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;

 private:
  std::atomic<std::int64_t>& gauge_;
};

}  // namespace

void run(RunContext& ctx, MakeCache make) {
  const auto keys = static_cast<Key>(ctx.param_int("keys"));
  const auto compute_time = ctx.param_ms("compute_ms");
  const auto ttl = ctx.param_ms("ttl_ms");
  const auto gap = ctx.param_ms("gap_ms");
  const auto get_op = ctx.op("Get");
  const auto compute_op = ctx.op("Compute");
  const auto recompute_op = ctx.op("Recompute");
  std::atomic<std::int64_t>& running = Runtime::get().gauge("computations running");

  // The cache's period: bumped just before each clearing. A computation
  // is the key's first of the period if the key's last computation began
  // in an earlier period.
  std::atomic<std::uint64_t> period{1};
  std::vector<std::atomic<std::uint64_t>> last_period(keys);
  const ComputeFn compute_value = [&](Key key) {
    const std::uint64_t now = period.load();
    const bool needed = last_period[key].exchange(now) != now;
    const Running counted(running);
    ctx.timed(needed ? compute_op : recompute_op, [&] { compute(compute_time); });
    return value_of(key);
  };
  const std::unique_ptr<Cache> cache = make(compute_value);

  std::atomic<std::uint64_t> wrong{0};
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("requester-" + std::to_string(i), [&, i] {
      std::mt19937_64 rng = ctx.rng(i);
      while (ctx.running()) {
        const auto key = static_cast<Key>(rng() % keys);
        ctx.timed(get_op, [&] {
          if (cache->get(key) != value_of(key)) wrong.fetch_add(1, std::memory_order_relaxed);
        });
        sleep_for(gap);
      }
    });
  }
  ctx.go("expirer", [&] {
    for (;;) {
      sleep_for(ttl);
      if (!ctx.running()) break;
      period.fetch_add(1);
      cache->clear();
      ctx.annotate("cache cleared: every key misses");
    }
  });
  ctx.join_all();

  if (wrong.load() != 0) throw std::runtime_error(std::to_string(wrong.load()) + " gets returned a wrong value");
}

}  // namespace locklab::bugs::thundering_herd_cache_miss
