// recursive-rlock, fixed: every exported method takes the lock exactly once;
// the sums live in unexported *_locked helpers that expect it held.
//
// net() read-locks once and calls sum_debits_locked() and
// sum_credits_locked(); the exported sum_debits() and sum_credits() lock and
// call the same helpers. No thread ever asks for a read lock it already
// holds, so a waiting writer can delay net() but never deadlock it. As a
// bonus, net() now reads both sums from one view of the ledger.
#include <numeric>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::recursive_rlock {
namespace {

class FixedLedger final : public Ledger {
 public:
  explicit FixedLedger(std::chrono::nanoseconds audit_time) : audit_time_(audit_time) {}

  void add_entries(const std::vector<std::int64_t>& debits, const std::vector<std::int64_t>& credits) override {
    WriterLock lock(mu_);
    debits_.insert(debits_.end(), debits.begin(), debits.end());
    credits_.insert(credits_.end(), credits.begin(), credits.end());
  }

  std::int64_t sum_debits() override {
    ReaderLock lock(mu_);
    return sum_debits_locked();
  }

  std::int64_t sum_credits() override {
    ReaderLock lock(mu_);
    return sum_credits_locked();
  }

  std::int64_t net() override {
    ReaderLock lock(mu_);
    compute(audit_time_);  // the same moment of work; a writer arriving now just waits its turn
    return sum_debits_locked() - sum_credits_locked();
  }

 private:
  // The caller holds mu_, for reading or writing.
  std::int64_t sum_debits_locked() LOCKLAB_REQUIRES_SHARED(mu_) {
    return std::accumulate(debits_.begin(), debits_.end(), std::int64_t{0});
  }
  std::int64_t sum_credits_locked() LOCKLAB_REQUIRES_SHARED(mu_) {
    return std::accumulate(credits_.begin(), credits_.end(), std::int64_t{0});
  }

  const std::chrono::nanoseconds audit_time_;
  RWMutex mu_{"Ledger.mu"};
  std::vector<std::int64_t> debits_ LOCKLAB_GUARDED_BY(mu_);
  std::vector<std::int64_t> credits_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Ledger> make_fixed(std::chrono::nanoseconds audit_time) {
  return std::make_unique<FixedLedger>(audit_time);
}

}  // namespace locklab::bugs::recursive_rlock
