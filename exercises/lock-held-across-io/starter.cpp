// Exercise lock-held-across-io: the store. This file is yours to change.
//
// A cache in front of a disk: save() keeps the value in the cache and
// writes it through to disk (persist, one disk write); load() answers from
// the cache and never touches the disk. Several threads save and load at
// once. Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your store
// through it.
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
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time) {
  return std::make_unique<ExerciseStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
