// lock-order-inversion, fixed by a global order: every transfer locks the
// account with the lower number first.
//
// A transfer from A to B and one from B to A now both lock A first. The one
// that gets A goes on to lock B; the other waits for A while holding
// nothing, so it blocks nobody. With every thread taking locks in one
// order, no cycle of waits can form, whatever the interleaving.
#include <deque>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

class OrderedBank final : public Bank {
 public:
  OrderedBank(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time)
      : check_time_(check_time) {
    for (std::uint32_t i = 0; i < accounts; ++i) accounts_.emplace_back(i, opening);
  }

  bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) override {
    Account& src = accounts_[from];
    Account& dst = accounts_[to];
    // The global order: the lower account number first, whichever way the
    // money goes.
    if (src.id < dst.id) {
      MutexLock first(src.mu);
      MutexLock second(dst.mu);
      return move_locked(src, dst, amount);
    }
    MutexLock first(dst.mu);
    MutexLock second(src.mu);
    return move_locked(src, dst, amount);
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
  // The check and the move, with both accounts already locked.
  bool move_locked(Account& src, Account& dst, std::int64_t amount) LOCKLAB_REQUIRES(src.mu, dst.mu) {
    if (src.balance < amount) return false;
    compute(check_time_);  // the same check as the buggy variant, now with both accounts locked
    src.balance -= amount;
    dst.balance += amount;
    return true;
  }

  const std::chrono::nanoseconds check_time_;
  std::deque<Account> accounts_;
};

}  // namespace

std::unique_ptr<Bank> make_fixed_ordered(std::uint32_t accounts, std::int64_t opening,
                                         std::chrono::nanoseconds check_time) {
  return std::make_unique<OrderedBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
