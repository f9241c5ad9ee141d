// Exercise global-counter-lock: the learner's file. Yours to change.
//
// A request counter: every request of every thread calls inc() once, and a
// monitor reads value() now and then.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override {
    MutexLock lock(mu_);
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

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
