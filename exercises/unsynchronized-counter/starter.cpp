// Exercise unsynchronized-counter: the learner's file. Yours to change.
//
// A page-view counter: several worker threads call inc() once per view, and
// value() is read once every worker has finished.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc() override {
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
