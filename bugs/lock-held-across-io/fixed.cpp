// lock-held-across-io, fixed: the lock covers the cache update only; the
// disk write happens after it is released.
//
// load() now waits at most for another thread's map update (microseconds),
// and saves of different keys write to disk side by side. What the fix gives
// up: two saves of the same key race to the disk, so the disk may end with
// the older value while the cache holds the newer one. A store that cares
// numbers its writes, or hands them to one writer thread in order.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_held_across_io {
namespace {

class FixedStore final : public Store {
 public:
  explicit FixedStore(std::chrono::nanoseconds persist_time) : persist_time_(persist_time) {}

  void save(std::uint32_t key, std::uint64_t value) override {
    {
      MutexLock lock(mu_);
      cache_[key] = value;
    }  // released here, before the slow part
    persist(key, value);
  }

  std::optional<std::uint64_t> load(std::uint32_t key) override {
    MutexLock lock(mu_);
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

std::unique_ptr<Store> make_fixed(std::chrono::nanoseconds persist_time) {
  return std::make_unique<FixedStore>(persist_time);
}

}  // namespace locklab::bugs::lock_held_across_io
