// expect: no-io-under-lock
// A plausible wrong fix of exercise lock-held-across-io: moves the write out of Store.mu but under a second lock, "so two saves do not write at once".
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
    {
      MutexLock lock(mu_);
      cache_[key] = value;
    }
    MutexLock disk(disk_mu_);
    persist(key, value);
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  // One disk write of the value (simulated: the thread is in I/O).
  void persist(std::uint32_t /*key*/, std::uint64_t /*value*/) { io(persist_time_); }

  const std::chrono::nanoseconds persist_time_;
  Mutex mu_{"Store.mu"};
  Mutex disk_mu_{"Store.disk_mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) {
  return std::make_unique<ExerciseStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
