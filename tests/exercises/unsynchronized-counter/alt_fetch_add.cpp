// expect: pass
// A real fix of exercise unsynchronized-counter: the load-then-store replaced by one relaxed fetch_add (the exercise allows std::atomic).
// The grader must accept it.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc() override { count_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_exercise() { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
