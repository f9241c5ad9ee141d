// expect: no-try-lock-spin
// A plausible wrong fix of exercise global-counter-lock: inc() spins on try_lock "so no thread ever parks".
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override {
    while (!mu_.try_lock()) {
    }
    ++count_;
    mu_.unlock();
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

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
