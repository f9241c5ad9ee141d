// check-then-act-upgrade, fixed by checking again under the write lock.
//
// Hits stay on the shared read lock. A miss takes the write lock and looks
// again before opening: whoever got the write lock first has opened and
// inserted the session by the time the others get it, so they find it and
// return it. The first check is only a fast path; the second one, made
// under the lock that also covers the insert, is the one that decides.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::check_then_act_upgrade {
namespace {

class RecheckRegistry final : public Registry {
 public:
  explicit RecheckRegistry(SessionFactory& factory) : factory_(factory) {}

  std::shared_ptr<const Session> get(std::uint32_t key) override {
    {
      ReaderLock lock(mu_);
      const auto it = sessions_.find(key);
      if (it != sessions_.end()) return it->second;
    }
    WriterLock lock(mu_);
    std::shared_ptr<const Session>& slot = sessions_[key];
    if (!slot) slot = factory_.open(key);  // still absent under the write lock: only now open it
    return slot;
  }

  std::size_t size() override {
    ReaderLock lock(mu_);
    return sessions_.size();
  }

 private:
  SessionFactory& factory_;
  RWMutex mu_{"Registry.mu"};
  std::unordered_map<std::uint32_t, std::shared_ptr<const Session>> sessions_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Registry> make_fixed_recheck(SessionFactory& factory) {
  return std::make_unique<RecheckRegistry>(factory);
}

}  // namespace locklab::bugs::check_then_act_upgrade
