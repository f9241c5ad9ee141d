// recursive-rlock, buggy: net() read-locks the ledger, then calls the
// exported sum_debits(), which read-locks it a second time.
//
// Two read locks by one thread look harmless: readers share. But a writer
// that asks for the lock between the two (add_entries() from another thread)
// closes the door to new readers, and the second read lock is a new reader.
// net() now waits for the writer, the writer waits for net()'s first read
// lock: deadlock. Without a writer in that window, everything works, which
// is why tests pass and a service can run for months before it hangs.
#include <numeric>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::recursive_rlock {
namespace {

class BuggyLedger final : public Ledger {
 public:
  explicit BuggyLedger(std::chrono::nanoseconds audit_time) : audit_time_(audit_time) {}

  void add_entries(const std::vector<std::int64_t>& debits, const std::vector<std::int64_t>& credits) override {
    WriterLock lock(mu_);  // <- announces itself: readers arriving now wait
    debits_.insert(debits_.end(), debits.begin(), debits.end());
    credits_.insert(credits_.end(), credits.begin(), credits.end());
  }

  std::int64_t sum_debits() override {
    ReaderLock lock(mu_);  // <- from net(): a second read lock, blocked by a waiting writer
    return std::accumulate(debits_.begin(), debits_.end(), std::int64_t{0});
  }

  std::int64_t sum_credits() override {
    ReaderLock lock(mu_);
    return std::accumulate(credits_.begin(), credits_.end(), std::int64_t{0});
  }

  std::int64_t net() override {
    ReaderLock lock(mu_);
    compute(audit_time_);  // a moment of work: the window in which a writer can arrive
    return sum_debits() - sum_credits();
  }

 private:
  const std::chrono::nanoseconds audit_time_;
  RWMutex mu_{"Ledger.mu"};
  std::vector<std::int64_t> debits_ LOCKLAB_GUARDED_BY(mu_);
  std::vector<std::int64_t> credits_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Ledger> make_buggy(std::chrono::nanoseconds audit_time) {
  return std::make_unique<BuggyLedger>(audit_time);
}

}  // namespace locklab::bugs::recursive_rlock
