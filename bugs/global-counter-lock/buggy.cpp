// global-counter-lock, buggy: a Mutex around one increment.
//
// The critical section is a single add, so the lock looks free. It is not:
// every increment of every thread takes the same lock, the lock's cache line
// travels between the cores on every acquisition, and whenever two threads
// want it at once one of them parks and must be woken again.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class MutexCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override {
    MutexLock lock(mu_);  // <- every thread queues here, for one add
    ++count_;
  }

  std::uint64_t value() const override {
    MutexLock lock(mu_);
    return count_;
  }

 private:
  mutable Mutex mu_{"Counter.mu"};
  std::uint64_t count_ LOCKLAB_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::unique_ptr<Counter> make_buggy(std::uint32_t /*shards*/) { return std::make_unique<MutexCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
