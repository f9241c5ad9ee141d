// expect: no-try-lock-spin
// A plausible wrong fix of exercise lock-order-inversion: locks the source, try_locks the destination, and starts again when it fails.
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
    for (;;) {
      src.mu.lock();
      if (src.balance < amount) {
        src.mu.unlock();
        return false;
      }
      compute(check_time_);
      if (dst.mu.try_lock()) break;
      src.mu.unlock();
    }
    src.balance -= amount;
    dst.balance += amount;
    dst.mu.unlock();
    src.mu.unlock();
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
