// expect: sealed-boundary
// reason: a std::mutex (or pthread mutex) lock
// A lazy trick for exercise lock-held-across-io: the cache under the lab Mutex, and a std::mutex (invisible to locklab) kept around the disk write "so two saves never interleave on disk".
// The grader must reject it for the property above.
//
// Why it is wrong: every save still waits for every other save's disk
// write, under a lock locklab cannot see, so no-io-under-lock could not
// even tell.
#include <map>
#include <mutex>

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
    std::lock_guard<std::mutex> disk(disk_mu_);
    io(persist_time_);
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  const std::chrono::nanoseconds persist_time_;
  Mutex mu_{"Store.mu"};
  std::mutex disk_mu_;
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) {
  return std::make_unique<ExerciseStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
