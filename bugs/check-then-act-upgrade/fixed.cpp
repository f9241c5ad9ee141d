// check-then-act-upgrade, fixed: the write lock from the start.
//
// Check and act happen under one exclusive hold, so the answer "absent"
// cannot go stale before the insert. Simple and obviously right; the price
// is that every get(), hits included, is exclusive, and a get() that opens a
// session holds everyone else up for the whole open.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::check_then_act_upgrade {
namespace {

class ExclusiveRegistry final : public Registry {
 public:
  explicit ExclusiveRegistry(SessionFactory& factory) : factory_(factory) {}

  std::shared_ptr<const Session> get(std::uint32_t key) override {
    WriterLock lock(mu_);  // held from the check to the insert
    std::shared_ptr<const Session>& slot = sessions_[key];
    if (!slot) slot = factory_.open(key);
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

std::unique_ptr<Registry> make_fixed(SessionFactory& factory) { return std::make_unique<ExclusiveRegistry>(factory); }

}  // namespace locklab::bugs::check_then_act_upgrade
