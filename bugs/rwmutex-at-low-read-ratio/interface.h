// rwmutex-at-low-read-ratio: the table every variant implements.
//
// A small in-memory table (a session store, say) that request threads read
// and write about equally often. The variants differ only in the lock that
// guards it: buggy.cpp (an RWMutex), fixed_mutex.cpp (a plain Mutex).
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace locklab::bugs::rwmutex_at_low_read_ratio {

class Table {
 public:
  virtual ~Table() = default;

  /// The value stored under `key`, if any. Besides the lookup, a read does
  /// the table's read work under the lock (0 by default: a bare lookup).
  virtual std::optional<std::uint64_t> get(std::uint32_t key) = 0;
  /// Stores `value` under `key`.
  virtual void put(std::uint32_t key, std::uint64_t value) = 0;
};

// The variants. `read_work` is CPU work each get() does while holding the
// lock (rendering the row, say).
std::unique_ptr<Table> make_buggy(std::chrono::nanoseconds read_work);        // buggy.cpp
std::unique_ptr<Table> make_fixed_mutex(std::chrono::nanoseconds read_work);  // fixed_mutex.cpp

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
