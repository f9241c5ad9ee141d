// expect: sealed-boundary
// reason: a std::mutex (or pthread mutex) lock: locklab cannot see it
// A lazy trick for exercise global-counter-lock: one std::mutex per shard instead of the lab Mutex, "the standard one is faster".
// The grader must reject it for the property above.
//
// Why it is wrong: locklab cannot see a std::mutex, so nothing the grader
// measures (waits, holds, contention) includes it; the exercise asks for
// the fix on locklab's primitives.
#include <array>
#include <mutex>

#include "interface.h"

namespace locklab::bugs::global_counter_lock {
namespace {

class ExerciseCounter final : public Counter {
 public:
  void inc(std::uint32_t shard) override {
    Shard& s = shards_[shard % shards_.size()];
    std::lock_guard<std::mutex> lock(s.mu);
    ++s.count;
  }

  std::uint64_t value() const override {
    std::uint64_t sum = 0;
    for (Shard& s : shards_) {
      std::lock_guard<std::mutex> lock(s.mu);
      sum += s.count;
    }
    return sum;
  }

 private:
  struct alignas(64) Shard {
    std::mutex mu;
    std::uint64_t count = 0;
  };
  mutable std::array<Shard, 16> shards_;
};

}  // namespace

std::unique_ptr<Counter> make_exercise(std::uint32_t /*shards*/) { return std::make_unique<ExerciseCounter>(); }

}  // namespace locklab::bugs::global_counter_lock
