// expect: sealed-boundary
// reason: a std::atomic operation: locklab cannot see it
// A lazy trick for exercise forgotten-unlock-on-error-path: the lab Mutex replaced by a spin lock on std::atomic<bool> (compare_exchange to take it, a store to release it), released on every path.
// The grader must reject it for the property above: this exercise's fix needs no std::atomic.
//
// Why it is wrong: locklab cannot see the lock (no wait, no hold, no
// deadlock report), and a waiter burns its core for the whole backend call.
#include <atomic>
#include <map>

#include "interface.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

class ExerciseStore final : public Store {
 public:
  explicit ExerciseStore(Backend& backend) : backend_(backend) {}

  bool update(std::uint32_t key) override {
    lock();
    const std::optional<std::uint64_t> value = backend_.fetch(key);
    if (value) cache_[key] = *value;
    unlock();
    return value.has_value();
  }

  std::optional<std::uint64_t> get(std::uint32_t key) override {
    lock();
    const auto it = cache_.find(key);
    std::optional<std::uint64_t> v;
    if (it != cache_.end()) v = it->second;
    unlock();
    return v;
  }

 private:
  void lock() {
    for (bool expected = false; !busy_.compare_exchange_weak(expected, true, std::memory_order_acquire);)
      expected = false;
  }
  void unlock() { busy_.store(false, std::memory_order_release); }

  Backend& backend_;
  std::atomic<bool> busy_{false};
  std::map<std::uint32_t, std::uint64_t> cache_;
};

}  // namespace

std::unique_ptr<Store> make_exercise(Backend& backend) { return std::make_unique<ExerciseStore>(backend); }

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
