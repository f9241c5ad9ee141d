// atomic-pointer-mutated-in-place: the shard plan every variant publishes.
//
// A service splits a keyspace of kKeyspace slots into shards. Request
// threads read the current plan on every lookup (which shard owns a key
// depends on both fields); an operator thread reshards now and then. The
// plan's invariant ties its two fields together:
//
//     shards * slots_per_shard == kKeyspace
//
// A plan read with one field from before a reshard and the other from after
// breaks it: a "torn" read, and a lookup routed to a shard that does not
// exist or does not own the key. The variants differ only in how a reshard
// is published: buggy.cpp, fixed.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>

namespace locklab::bugs::atomic_pointer_mutated_in_place {

inline constexpr std::uint32_t kKeyspace = 4096;

/// A plan as readers see it: two plain numbers, copied out of the holder.
struct ShardPlan {
  std::uint32_t shards = 0;
  std::uint32_t slots_per_shard = 0;

  bool consistent() const noexcept { return shards * slots_per_shard == kKeyspace; }
};

class PlanHolder {
 public:
  virtual ~PlanHolder() = default;

  /// The current plan. Never blocks.
  virtual ShardPlan read() const = 0;
  /// Switches to `shards` shards (a power of two dividing kKeyspace).
  /// Working out the new shard size takes the holder's plan time (a round
  /// trip to the nodes, which report their capacity).
  virtual void reshard(std::uint32_t shards) = 0;
  /// Compare-and-swap attempts that lost to another writer and were redone
  /// (0 for a holder that does not use compare-and-swap).
  virtual std::uint64_t retries() const = 0;
};

// The variants; both start with 16 shards of 256 slots. `plan_time` is the
// wait between choosing the shard count and knowing the shard size.
std::unique_ptr<PlanHolder> make_buggy(std::chrono::nanoseconds plan_time);  // buggy.cpp
std::unique_ptr<PlanHolder> make_fixed(std::chrono::nanoseconds plan_time);  // fixed.cpp

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
