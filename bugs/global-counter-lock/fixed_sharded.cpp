// global-counter-lock, fixed by sharding: one counter per thread, each on its
// own cache line, summed when someone reads the total.
//
// An increment touches only memory its own core already owns, so it costs
// the same on 2 cores as on 64. The price moves to value(), which visits
// every shard: a good trade when writes vastly outnumber reads, as they do
// for metrics.
#include <atomic>
#include <vector>

#include "interface.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ShardedCounter final : public Counter {
 public:
  explicit ShardedCounter(std::uint32_t shards) : shards_(shards) {}

  void inc(std::uint32_t shard) override {
    shards_[shard].count.fetch_add(1, std::memory_order_relaxed);
  }

  std::uint64_t value() const override {
    std::uint64_t total = 0;
    for (const Shard& s : shards_) total += s.count.load(std::memory_order_relaxed);
    return total;
  }

 private:
  // alignas(64): one shard per cache line, so two threads never write the
  // same line (without it, neighbouring shards would share one and the line
  // would bounce between cores just as the single counter's does).
  struct alignas(64) Shard {
    std::atomic<std::uint64_t> count{0};
  };
  std::vector<Shard> shards_;
};

}  // namespace

std::unique_ptr<Counter> make_fixed_sharded(std::uint32_t shards) {
  return std::make_unique<ShardedCounter>(shards);
}

}  // namespace locklab::bugs::global_counter_lock
