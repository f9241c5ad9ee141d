// lock-order-inversion, buggy: transfer() locks the source account, then
// the destination.
//
// Each call takes its two locks in the order of its arguments. A transfer
// from A to B holds A and asks for B; a transfer from B to A at the same
// moment holds B and asks for A. Each waits for a lock the other will only
// release when it gets its own second lock: a deadlock (ABBA), forever.
#include <deque>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

class BuggyBank final : public Bank {
 public:
  BuggyBank(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time)
      : check_time_(check_time) {
    for (std::uint32_t i = 0; i < accounts; ++i) accounts_.emplace_back(i, opening);
  }

  bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) override {
    Account& src = accounts_[from];
    Account& dst = accounts_[to];
    MutexLock lock_src(src.mu);  // first lock: the source, whichever account that is
    if (src.balance < amount) return false;
    compute(check_time_);        // the limits and fraud check, with the source locked
    MutexLock lock_dst(dst.mu);  // <- second lock: the opposite transfer may hold it, waiting for ours
    src.balance -= amount;
    dst.balance += amount;
    return true;
  }

  std::int64_t total() override {
    std::int64_t sum = 0;
    for (Account& a : accounts_) {
      MutexLock lock(a.mu);
      sum += a.balance;
    }
    return sum;
  }

 private:
  const std::chrono::nanoseconds check_time_;
  std::deque<Account> accounts_;  // a deque: an Account (its Mutex) cannot move
};

}  // namespace

std::unique_ptr<Bank> make_buggy(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time) {
  return std::make_unique<BuggyBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
