// lock-held-across-io, buggy: save() holds the lock through the disk write.
//
// The guard lives until save() returns (Go's `defer s.mu.Unlock()`), and the
// last thing save() does is the disk write (20 ms by default). So every
// load(), which only wants to read the cache for a microsecond, queues behind
// a disk write, and saves queue behind each other: the store does one thing
// at a time.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_held_across_io {
namespace {

class BuggyStore final : public Store {
 public:
  explicit BuggyStore(std::chrono::nanoseconds persist_time) : persist_time_(persist_time) {}

  void save(std::uint32_t key, std::uint64_t value) override {
    MutexLock lock(mu_);  // held until return, disk write included
    cache_[key] = value;
    persist(key, value);  // <- the disk write, while every other caller waits
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    MutexLock lock(mu_);  // <- blocks for the rest of someone's disk write
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  void persist(std::uint32_t /*key*/, std::uint64_t /*value*/) { io(persist_time_); }

  const std::chrono::nanoseconds persist_time_;
  Mutex mu_{"Store.mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_buggy(std::chrono::nanoseconds persist_time) {
  return std::make_unique<BuggyStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
