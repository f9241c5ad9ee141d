// read-mostly-map-under-writes: the concurrent map every variant implements.
//
// A table of requests in flight: a request's key is stored when it starts,
// looked up while it runs, and erased when it ends, so most keys are new
// and most operations write. The variants differ only in the map:
// buggy.cpp (a map built like Go's sync.Map, which is made for keys that
// are written once and read many times) and fixed_sharded.cpp (plain maps
// in Mutex-guarded shards).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>

namespace locklab::bugs::read_mostly_map_under_writes {

class ConcurrentMap {
 public:
  virtual ~ConcurrentMap() = default;

  /// The value stored under `key`, if any.
  virtual std::optional<std::uint64_t> load(std::uint64_t key) = 0;
  /// Stores `value` under `key`. Values must be below 2^63.
  virtual void store(std::uint64_t key, std::uint64_t value) = 0;
  /// Removes `key` if present.
  virtual void erase(std::uint64_t key) = 0;
};

std::unique_ptr<ConcurrentMap> make_buggy(std::uint32_t shards);          // buggy.cpp (ignores shards)
std::unique_ptr<ConcurrentMap> make_fixed_sharded(std::uint32_t shards);  // fixed_sharded.cpp

}  // namespace locklab::bugs::read_mostly_map_under_writes
