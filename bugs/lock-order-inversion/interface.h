// lock-order-inversion: what every variant works with.
//
// A bank of accounts, each with its own lock. transfer() moves money from
// one account to another and must hold both accounts' locks while it does,
// so that no one sees the money in neither account or in both. The variants
// differ only in the order they take the two locks: buggy.cpp,
// fixed_ordered.cpp, fixed_scoped.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "locklab/core/annotations.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::lock_order_inversion {

struct Account {
  Account(std::uint32_t account_id, std::int64_t opening)
      : id(account_id), mu("Account-" + std::to_string(account_id) + ".mu"), balance(opening) {}
  const std::uint32_t id;  // the account number: a global order every thread can agree on
  Mutex mu;
  std::int64_t balance LOCKLAB_GUARDED_BY(mu);
};

class Bank {
 public:
  virtual ~Bank() = default;
  /// Moves `amount` (cents) from account `from` to account `to` (from != to)
  /// after a check that takes `check_time` with the source account locked.
  /// Returns false, moving nothing, if `from` holds less than `amount`.
  virtual bool transfer(std::uint32_t from, std::uint32_t to, std::int64_t amount) = 0;
  /// The sum of every balance, each read under its lock.
  virtual std::int64_t total() = 0;
};

// The variants: `accounts` accounts opened with `opening` cents each.
using MakeBank = std::unique_ptr<Bank> (*)(std::uint32_t accounts, std::int64_t opening,
                                          std::chrono::nanoseconds check_time);
std::unique_ptr<Bank> make_buggy(std::uint32_t accounts, std::int64_t opening,
                                 std::chrono::nanoseconds check_time);  // buggy.cpp
std::unique_ptr<Bank> make_fixed_ordered(std::uint32_t accounts, std::int64_t opening,
                                         std::chrono::nanoseconds check_time);  // fixed_ordered.cpp
std::unique_ptr<Bank> make_fixed_scoped(std::uint32_t accounts, std::int64_t opening,
                                        std::chrono::nanoseconds check_time);  // fixed_scoped.cpp

}  // namespace locklab::bugs::lock_order_inversion
