// expect: no-added-sleep
// A plausible wrong fix of exercise lock-order-inversion: sleeps a little before the second lock, "so the other transfer can finish first".
// The grader must reject it for the property above.
#include <deque>

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
    MutexLock lock_src(src.mu);
    if (src.balance < amount) return false;
    compute(check_time_);  // the limits and fraud check
    sleep_for(std::chrono::microseconds(50));
    MutexLock lock_dst(dst.mu);
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

std::unique_ptr<Bank> make_exercise(std::uint32_t accounts, std::int64_t opening, std::chrono::nanoseconds check_time) {
  return std::make_unique<ExerciseBank>(accounts, opening, check_time);
}

}  // namespace locklab::bugs::lock_order_inversion
