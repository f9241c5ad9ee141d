// expect: oracle
// A plausible wrong fix of exercise unsynchronized-counter: both accesses become memory_order_seq_cst, "so every thread sees the latest count".
// The grader must reject it for the property above.
//
// Why it is wrong: sequential consistency puts all seq_cst accesses in one
// order every thread agrees on; it does not stop another thread's load and
// store from falling between ours. Two threads can still both load 41 and
// both store 42.
#include <atomic>

#include "interface.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc() override {
    const std::uint64_t seen = count_.load(std::memory_order_seq_cst);
    count_.store(seen + 1, std::memory_order_seq_cst);
  }

  std::uint64_t value() const override { return count_.load(std::memory_order_seq_cst); }

 private:
  std::atomic<std::uint64_t> count_{0};
};

}  // namespace

std::unique_ptr<Counter> make_exercise() { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
