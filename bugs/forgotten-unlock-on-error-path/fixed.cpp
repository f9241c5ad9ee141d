// forgotten-unlock-on-error-path, fixed: an RAII guard takes the lock, and
// its destructor releases it on every way out of update(): the normal
// return, the early return on an error, and an exception thrown by the
// backend. C++'s answer to Go's `defer s.mu.Unlock()` right after the
// Lock(): no path can forget it, because no path has to remember it.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

class FixedStore final : public Store {
 public:
  explicit FixedStore(Backend& backend) : backend_(backend) {}

  bool update(std::uint32_t key) override {
    MutexLock lock(mu_);  // released at every return, and when an exception passes
    const std::optional<std::uint64_t> value = backend_.fetch(key);
    if (!value) return false;
    cache_[key] = *value;
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

std::unique_ptr<Store> make_fixed(Backend& backend) { return std::make_unique<FixedStore>(backend); }

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
