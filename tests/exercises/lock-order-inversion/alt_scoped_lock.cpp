// expect: pass
// A real fix of exercise lock-order-inversion, written as a learner would: both account locks taken at once with std::scoped_lock (libstdc++'s std::lock tries and backs off inside; that is not the learner's try_lock loop, and not a wrapper hiding one).
// The grader must accept it.
// lock-order-inversion, fixed with std::scoped_lock: both locks taken in one
// statement, by the standard library's deadlock-avoidance algorithm.
//
// std::scoped_lock(a, b) calls std::lock(a, b): it blocks on one lock and
// only *tries* the other; if the try fails it lets go of everything and
// starts again, blocking on the lock it failed to get. A thread never
// waits while it holds a lock, so no cycle of waits can form, in either
// order of arguments. locklab's Mutex has lock(), unlock() and try_lock(),
// which is all std::scoped_lock needs (the Lockable requirements).
#include <deque>
#include <mutex>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::lock_order_inversion {
namespace {

class ExerciseBank final : public Bank {
 public:
  ExerciseBank(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time)
      : check_time_(check_time) {
    for (std::uint32_t i = 0; i < accounts; ++i) accounts_.emplace_back(i, opening);
  }

  bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) override {
    Account& src = accounts_[from];
    Account& dst = accounts_[to];
    std::scoped_lock both(src.mu, dst.mu);  // any order of arguments: std::lock avoids the deadlock
    // libstdc++'s std::scoped_lock carries no thread-safety annotations, so
    // clang's -Wthread-safety cannot see that it holds both locks; these
    // checks tell it (and abort if it were ever not so).
    src.mu.assert_held();
    dst.mu.assert_held();
    if (src.balance < amount) return false;
    compute(check_time_);
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
  std::deque<Account> accounts_;
};

}  // namespace

std::unique_ptr<Bank> make_exercise(std::uint32_t accounts, std::int64_t opening,
                                        std::chrono::nanoseconds check_time) {
  return std::make_unique<ExerciseBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
