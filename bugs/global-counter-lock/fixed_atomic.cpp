// global-counter-lock, fixed with an atomic: the increment is one atomic add.
//
// No lock, so nobody parks and nobody waits in a queue; the cores still pass
// the counter's cache line between them, which is why the sharded fix goes
// further. Relaxed order is enough: the count orders nothing else, and a
// reader after the workers have been joined sees every increment.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class AtomicCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override { count_.fetch_add(1, std::memory_order_relaxed); }

  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_fixed_atomic(std::uint32_t /*shards*/) {
  return std::make_unique<AtomicCounter>();
}

}  // namespace locklab::bugs::global_counter_lock
