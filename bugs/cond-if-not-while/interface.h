// cond-if-not-while: the queue every variant implements.
//
// A work queue built by hand from a Mutex, a Cond and a deque (Go's
// sync.Cond over a slice): producers push, consumers pop and block while it
// is empty. The variants differ only in how they use the Cond: buggy.cpp
// (an `if` around wait, a signal after unlock), fixed.cpp (a `while`, a
// signal under the lock).
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <optional>

#include "locklab/core/site.h"

namespace locklab::bugs::cond_if_not_while {

using Item = std::uint64_t;

class Queue {
 public:
  virtual ~Queue() = default;

  /// Appends an item and wakes one waiting consumer.
  virtual void push(Item item) = 0;
  /// The oldest item; blocks while the queue is empty and open. nullopt
  /// once the queue is closed and empty.
  virtual std::optional<Item> pop() = 0;
  /// No more pushes: wakes every waiting consumer.
  virtual void close() = 0;
};

/// Removes and returns the front of `items`, the way Go's `q.items[0]`
/// reads it: on an empty queue it is a Go panic ("index out of range"),
/// raised through locklab so the run ends with a kPanic verdict naming the
/// queue `object` and the calling line. Both variants call it; only a
/// variant that can reach it with an empty queue ever panics.
Item take_front(std::deque<Item>& items, std::uint32_t object, Site site = Site::current());

std::unique_ptr<Queue> make_buggy();  // buggy.cpp
std::unique_ptr<Queue> make_fixed();  // fixed.cpp

}  // namespace locklab::bugs::cond_if_not_while
