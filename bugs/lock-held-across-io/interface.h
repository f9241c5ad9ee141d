// lock-held-across-io: the store every variant implements.
//
// A cache in front of a disk: save() updates the cache and writes the value
// through to disk; load() answers from the cache. The variants differ only
// in where save() releases the lock: buggy.cpp, fixed.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>

namespace locklab::bugs::lock_held_across_io {

class Store {
 public:
  virtual ~Store() = default;

  /// Caches `value` under `key`, then persists it (one simulated disk write
  /// of the store's persist time). Returns once the value is on disk.
  virtual void save(std::uint32_t key, std::uint64_t value) = 0;
  /// The cached value of `key`, if it was ever saved. Never touches the disk.
  virtual std::optional<std::uint64_t> load(std::uint32_t key) = 0;
};

// The variants. `persist_time` is how long one disk write takes.
std::unique_ptr<Store> make_buggy(std::chrono::nanoseconds persist_time);  // buggy.cpp
std::unique_ptr<Store> make_fixed(std::chrono::nanoseconds persist_time);  // fixed.cpp

}  // namespace locklab::bugs::lock_held_across_io
