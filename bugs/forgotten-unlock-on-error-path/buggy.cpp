// forgotten-unlock-on-error-path, buggy: lock() and unlock() by hand, and
// two ways out of update() that skip the unlock().
//
//   - the early return when the backend reports an error;
//   - an exception from the backend, which leaves update() at the fetch
//     line, before it gets to the unlock().
// Either way update() returns with Store.mu still locked, and nothing will
// ever unlock it: the thread that locked it has moved on. Every later
// update() and get() blocks on Store.mu forever.
//
// clang's -Wthread-safety rejects this function ("mutex 'mu_' is not held
// on every path through here", at its closing brace); it opts out below so
// that the bug can be shown at all.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

class BuggyStore final : public Store {
 public:
  explicit BuggyStore(Backend& backend) : backend_(backend) {}

  bool update(std::uint32_t key) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    const std::optional<std::uint64_t> value = backend_.fetch(key);  // <- a throw leaves with mu_ locked
    if (!value) return false;                                        // <- returns with mu_ locked
    cache_[key] = *value;
    mu_.unlock();
    return true;
  }

  std::optional<std::uint64_t> get(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  Backend& backend_;
  Mutex mu_{"Store.mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_buggy(Backend& backend) { return std::make_unique<BuggyStore>(backend); }

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
