// expect: pass
// A real fix of exercise lock-held-across-io, different from the reference: save() updates the cache in a scope of its own, and the value is written to disk from a copy, with a std::shared_ptr holding the persisted bytes (libstdc++'s reference counts are lock-prefixed instructions that are not the learner's atomics).
// The grader must accept it.
#include <map>
#include <memory>

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
    auto record = std::make_shared<std::pair<std::uint32_t, std::uint64_t>>(key, value);
    {
      MutexLock lock(mu_);
      cache_[key] = value;
    }
    persist(record);
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  void persist(std::shared_ptr<const std::pair<std::uint32_t, std::uint64_t>> record) {
    const auto keep = record;  // one more owner while the write goes
    io(persist_time_);
  }

  const std::chrono::nanoseconds persist_time_;
  Mutex mu_{"Store.mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) {
  return std::make_unique<ExerciseStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
