// check-then-act-upgrade, buggy: check under the read lock, act under the
// write lock, and nothing in between.
//
// The check ("no session for this key") is true when it is made, but the
// read lock is released before the write lock is taken, and the session is
// opened in that gap. Any number of threads can pass the check for the same
// key in the meantime; each opens its own session, and each insert writes
// over the one before. Callers walk away holding different sessions for one
// key, and all but the last are orphans the registry no longer knows.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::check_then_act_upgrade {
namespace {

class CheckThenActRegistry final : public Registry {
 public:
  explicit CheckThenActRegistry(SessionFactory& factory) : factory_(factory) {}

  std::shared_ptr<const Session> get(std::uint32_t key) override {
    {
      ReaderLock lock(mu_);
      const auto it = sessions_.find(key);
      if (it != sessions_.end()) return it->second;
    }  // the check is over, and so is the lock that made it true
    std::shared_ptr<const Session> session = factory_.open(key);  // <- others pass the same check meanwhile
    WriterLock lock(mu_);
    sessions_[key] = session;  // <- writes over a session another thread already handed out
    return session;
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

std::unique_ptr<Registry> make_buggy(SessionFactory& factory) {
  return std::make_unique<CheckThenActRegistry>(factory);
}

}  // namespace locklab::bugs::check_then_act_upgrade
