// expect: oracle
// A plausible wrong fix of exercise unsynchronized-counter: one compare_exchange_strong, and when it fails the view is let go ("another thread just counted one anyway").
// The grader must reject it for the property above.
//
// Why it is wrong: a failed exchange means another thread counted its own
// view, not ours. Without a retry loop every collision still loses one.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc() override {
    std::uint64_t seen = count_.load(std::memory_order_relaxed);
    count_.compare_exchange_strong(seen, seen + 1, std::memory_order_relaxed);
  }

  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_exercise() { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
