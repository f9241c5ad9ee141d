// expect: sealed-boundary
// reason: pthread_mutex_trylock (through std::unique_lock<std::mutex>
// A lazy trick for exercise lock-order-inversion: the first account's lab Mutex is taken as before, but the second account is claimed through a std::mutex of its own, with std::unique_lock<std::mutex>(m, std::try_to_lock), backing off and retrying when it fails, so no try_lock of locklab's ever shows.
// The grader must reject it for the property above.
//
// Why it is wrong: a try-and-retry loop can livelock and burns the core it
// waits on; and through std::unique_lock<std::mutex> locklab cannot see the
// failed tries, so no-try-lock-spin could not count them.
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
      : check_time_(check_time), claims_(accounts) {
    for (std::uint32_t i = 0; i < accounts; ++i) accounts_.emplace_back(i, opening);
  }

  bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Account& src = accounts_[from];
    Account& dst = accounts_[to];
    for (;;) {
      MutexLock lock_src(src.mu);
      if (src.balance < amount) return false;
      compute(check_time_);  // the limits and fraud check
      std::unique_lock<std::mutex> claim_dst(claims_[to], std::try_to_lock);
      if (!claim_dst.owns_lock()) continue;  // back off and try again
      src.balance -= amount;
      dst.balance += amount;
      return true;
    }
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
  std::deque<std::mutex> claims_;
};

}  // namespace

std::unique_ptr<Bank> make_exercise(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time) {
  return std::make_unique<ExerciseBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
