// expect: no-try-lock-spin
// reason: called at unique_lock_try_to_lock_lab_mutex.cpp:
// A lazy trick for exercise lock-order-inversion: the try-and-retry loop of try_lock_backoff, with the lab Mutex's try_lock reached through std::unique_lock<Mutex>(m, std::try_to_lock), so the failed tries are recorded at libstdc++'s line instead of the learner's.
// The grader must reject it for the property above.
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

  bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    Account& src = accounts_[from];
    Account& dst = accounts_[to];
    for (;;) {
      std::unique_lock<Mutex> lock_src(src.mu);
      if (src.balance < amount) return false;
      compute(check_time_);
      std::unique_lock<Mutex> lock_dst(dst.mu, std::try_to_lock);
      if (!lock_dst.owns_lock()) continue;  // back off and start again
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
  std::deque<Account> accounts_;  // a deque: an Account (its Mutex) cannot move
};

}  // namespace

std::unique_ptr<Bank> make_exercise(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time) {
  return std::make_unique<ExerciseBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
