// recursive-mutex-self-deadlock: the shopping cart every variant implements.
//
// A cart shared by the tabs of one shopper: add() puts items in unless the
// cart's total would go over its limit, total() prices it, clear() empties
// it (checkout). One Mutex guards it. The variants differ only in how add()
// reaches the total: buggy.cpp calls the locking total(), fixed.cpp calls a
// helper that expects the lock held.
#pragma once

#include <cstdint>
#include <memory>

namespace locklab::bugs::recursive_mutex_self_deadlock {

class Cart {
 public:
  virtual ~Cart() = default;

  /// Adds `qty` of item `sku` at `price_cents` each, unless the total would
  /// then exceed the cart's limit. Returns false (and changes nothing) then.
  virtual bool add(std::uint32_t sku, std::uint32_t qty, std::uint64_t price_cents) = 0;
  /// The cart's total in cents.
  virtual std::uint64_t total() = 0;
  /// Empties the cart (checkout).
  virtual void clear() = 0;
};

// The variants. `limit_cents` is the most the cart may hold.
std::unique_ptr<Cart> make_buggy(std::uint64_t limit_cents);  // buggy.cpp
std::unique_ptr<Cart> make_fixed(std::uint64_t limit_cents);  // fixed.cpp

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
