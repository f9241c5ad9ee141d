// read-mostly-map-under-writes: SyncMap, a C++ rendering of Go's sync.Map
// (src/sync/map.go before Go 1.24, which replaced it with a hash trie), the
// map the buggy variant uses. Not a variant on its own: buggy.cpp adapts it.
//
// The design, in words. Two maps:
//   - read: a snapshot map published through an atomic pointer (here a
//     locklab::Snapshot, so every republication shows on the timeline).
//     Loads, and stores to keys it already holds, use it with no lock.
//   - dirty: a map under `mu` holding every key: the read map's plus the
//     keys stored since ("amended" says dirty has keys read lacks).
// A lookup that misses in read while read is amended goes to dirty under
// mu and counts a miss. Once the misses reach dirty's size, dirty is
// promoted: published as the new read map, and dropped. The next store of a
// new key then rebuilds dirty by copying every live entry of read, under mu.
//
// Values live in shared entries, so read and dirty see one value per key and
// a store to a key read holds is one compare-and-swap. An erased entry is
// marked deleted in place; the copy into a new dirty map marks it expunged
// instead and leaves it out, and a store to an expunged key has to take mu
// and put it back into dirty.
//
// That is a good trade when keys are written once and read many times: the
// misses stop and everything runs on the lock-free read map. With a stream
// of new keys it is the opposite: every new key takes mu, lookups of new keys
// miss and take mu, and the churn of promotions and full copies happens
// under mu, again and again.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>

#include "locklab/core/annotations.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/snapshot.h"

namespace locklab::bugs::read_mostly_map_under_writes {

class SyncMap {
 public:
  SyncMap();

  std::optional<std::uint64_t> load(std::uint64_t key);
  void store(std::uint64_t key, std::uint64_t value);
  void erase(std::uint64_t key);

 private:
  /// One key's value, shared by the read and dirty maps.
  struct Entry {
    explicit Entry(std::uint64_t v) : value(v) {}
    std::atomic<std::uint64_t> value;  // a value, or kDeleted, or kExpunged
  };
  using EntryMap = std::unordered_map<std::uint64_t, std::shared_ptr<Entry>>;
  /// The read side: never modified once published.
  struct ReadOnly {
    std::shared_ptr<const EntryMap> entries;
    bool amended = false;  // dirty holds keys that `entries` lacks
  };

  static constexpr std::uint64_t kDeleted = ~std::uint64_t{0};       // erased; still in the read map
  static constexpr std::uint64_t kExpunged = ~std::uint64_t{0} - 1;  // erased, and left out of dirty

  static std::shared_ptr<Entry> find(const EntryMap& m, std::uint64_t key);
  static std::optional<std::uint64_t> value_of(const Entry& e);
  /// Stores unless the entry is expunged (then only the locked path may).
  static bool try_store(Entry& e, std::uint64_t value);

  void miss_locked() LOCKLAB_REQUIRES(mu_);
  void build_dirty_locked(const ReadOnly& read) LOCKLAB_REQUIRES(mu_);

  Snapshot<ReadOnly> read_;                            // the lock-free side
  Mutex mu_{"SyncMap.mu"};                             // guards dirty_ and misses_
  std::unique_ptr<EntryMap> dirty_ LOCKLAB_GUARDED_BY(mu_);  // null right after a promotion
  std::size_t misses_ LOCKLAB_GUARDED_BY(mu_) = 0;     // lookups that had to come to dirty_
};

}  // namespace locklab::bugs::read_mostly_map_under_writes
