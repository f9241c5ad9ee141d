// global-counter-lock: the counter every variant implements.
//
// Many threads count the same thing (requests served, say) and a metrics
// scraper reads the total now and then. The variants differ only in how
// they keep the count: buggy.cpp, fixed_atomic.cpp, fixed_sharded.cpp.
#pragma once

#include <cstdint>
#include <memory>

namespace locklab::bugs::global_counter_lock {

class Counter {
 public:
  virtual ~Counter() = default;

  /// Adds one. `shard` is the calling worker's index, in [0, shards) and
  /// different for every thread; only the sharded fix looks at it.
  virtual void inc(std::uint32_t shard) = 0;
  /// The total so far. Exact once every inc() has returned; while threads
  /// are still counting it may lag behind by the increments in flight.
  virtual std::uint64_t value() const = 0;
};

// The variants. `shards` is how many threads will call inc().
std::unique_ptr<Counter> make_buggy(std::uint32_t shards);          // buggy.cpp
std::unique_ptr<Counter> make_fixed_atomic(std::uint32_t shards);   // fixed_atomic.cpp
std::unique_ptr<Counter> make_fixed_sharded(std::uint32_t shards);  // fixed_sharded.cpp

}  // namespace locklab::bugs::global_counter_lock
