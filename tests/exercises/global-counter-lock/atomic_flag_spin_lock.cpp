// expect: sealed-boundary
// reason: a std::atomic_flag operation
// A lazy trick for exercise global-counter-lock: the lab Mutex replaced by a hand-made spin lock on std::atomic_flag, "which never parks".
// The grader must reject it for the property above, although the exercise allows std::atomic.
//
// Why it is wrong: a spin lock is still one lock around every increment
// (each inc waits its turn, burning its core instead of parking), and
// locklab cannot see it: no wait, no hold, no contention profile.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override {
    while (busy_.test_and_set(std::memory_order_acquire)) {
    }
    ++count_;
    busy_.clear(std::memory_order_release);
  }

  std::uint64_t value() const override {
    while (busy_.test_and_set(std::memory_order_acquire)) {
    }
    const std::uint64_t v = count_;
    busy_.clear(std::memory_order_release);
    return v;
  }

 private:
  mutable std::atomic_flag busy_;
  std::uint64_t count_ = 0;
};

}  // namespace

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
