// unsynchronized-counter: the counter every variant implements.
//
// Several threads count the same thing (page views, say) and the total is
// read once they have all finished. The variants differ only in how one
// increment is made: buggy.cpp, fixed_mutex.cpp, fixed_atomic.cpp.
#pragma once

#include <cstdint>
#include <memory>

namespace locklab::bugs::unsynchronized_counter {

class Counter {
 public:
  virtual ~Counter() = default;

  /// Adds one.
  virtual void inc() = 0;
  /// The total. Exact only once every inc() has returned.
  virtual std::uint64_t value() const = 0;
};

std::unique_ptr<Counter> make_buggy();         // buggy.cpp
std::unique_ptr<Counter> make_fixed_mutex();   // fixed_mutex.cpp
std::unique_ptr<Counter> make_fixed_atomic();  // fixed_atomic.cpp

}  // namespace locklab::bugs::unsynchronized_counter
