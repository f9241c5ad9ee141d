// expect: pass
// A real fix of exercise global-counter-lock, different from the references: one std::atomic counter with relaxed increments (the exercise allows std::atomic).
// The grader must accept it.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t /*shard*/) override { count_.fetch_add(1, std::memory_order_relaxed); }
  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
