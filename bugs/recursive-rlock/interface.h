// recursive-rlock: the account ledger every variant implements.
//
// A ledger of debit and credit entries behind one RWMutex: add_entries()
// writes, the sums and net() read. The variants differ only in how net()
// reaches the sums: buggy.cpp calls the exported sum methods, which read-lock
// again; fixed.cpp calls helpers that expect the read lock held.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <vector>

namespace locklab::bugs::recursive_rlock {

class Ledger {
 public:
  virtual ~Ledger() = default;

  /// Appends entries to both sides (under the write lock).
  virtual void add_entries(const std::vector<std::int64_t>& debits, const std::vector<std::int64_t>& credits) = 0;
  virtual std::int64_t sum_debits() = 0;
  virtual std::int64_t sum_credits() = 0;
  /// Debits minus credits, from one consistent view of the ledger.
  virtual std::int64_t net() = 0;
};

// The variants. `audit_time` is the moment of work net() does (checking the
// account) after it has taken the read lock and before it sums.
std::unique_ptr<Ledger> make_buggy(std::chrono::nanoseconds audit_time);  // buggy.cpp
std::unique_ptr<Ledger> make_fixed(std::chrono::nanoseconds audit_time);  // fixed.cpp

}  // namespace locklab::bugs::recursive_rlock
