// expect: throughput
// A plausible wrong fix of exercise global-counter-lock: swaps the Mutex for an RWMutex: inc() takes it for writing, value() for reading.
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override {
    WriterLock lock(mu_);
    ++count_;
  }

  std::uint64_t value() const override {
    ReaderLock lock(mu_);
    return count_;
  }

 private:
  mutable RWMutex mu_{"Counter.rw"};
  std::uint64_t count_ LOCKLAB_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
