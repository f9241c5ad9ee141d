// expect: no-try-lock-spin
// A plausible wrong fix of exercise lock-held-across-io: load() spins on try_lock "so loads never park".
// The grader must reject it for the property above.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_held_across_io {
namespace {

class ExerciseStore final : public Store {
 public:
  explicit ExerciseStore(std::chrono::nanoseconds persist_time) : persist_time_(persist_time) {}

  void save(std::uint32_t key, std::uint64_t value) override {
    MutexLock lock(mu_);
    cache_[key] = value;
    persist(key, value);
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    while (!mu_.try_lock()) {
    }
    const auto it = cache_.find(key);
    std::optional<std::uint64_t> out;
    if (it != cache_.end()) out = it->second;
    mu_.unlock();
    return out;
  }

 private:
  // One disk write of the value (simulated: the thread is in I/O).
  void persist(std::uint32_t /*key*/, std::uint64_t /*value*/) { io(persist_time_); }

  const std::chrono::nanoseconds persist_time_;
  Mutex mu_{"Store.mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) {
  return std::make_unique<ExerciseStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
