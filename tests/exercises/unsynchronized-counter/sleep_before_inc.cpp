// expect: no-added-sleep
// A plausible wrong fix of exercise unsynchronized-counter: inc() sleeps a moment first, "so the workers take turns".
// The grader must reject it for the property above.
#include <atomic>
#include <chrono>
#include <thread>

#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc() override {
    std::this_thread::sleep_for(std::chrono::microseconds(1));
    const std::uint64_t seen = count_.load(std::memory_order_relaxed);
    count_.store(seen + 1, std::memory_order_relaxed);
  }

  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_exercise() { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
