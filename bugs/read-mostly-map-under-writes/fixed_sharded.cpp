// read-mostly-map-under-writes, fixed: plain maps in Mutex-guarded shards.
//
// A key's hash picks one of `shards` shards, each a std::unordered_map with
// its own Mutex. Every operation locks one shard for one map operation:
// nothing is copied, nothing is promoted, and two operations wait for each
// other only when their keys land in the same shard (with 32 shards and a
// few threads, seldom). Each shard sits on its own cache lines, so shards
// locked by different cores do not share a line.
#include <string>
#include <unordered_map>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::read_mostly_map_under_writes {
namespace {

class ShardedMap final : public ConcurrentMap {
 public:
  explicit ShardedMap(std::uint32_t shards) {
    shards_.reserve(shards);
    for (std::uint32_t i = 0; i < shards; ++i) shards_.push_back(std::make_unique<Shard>(i));
  }

  std::optional<std::uint64_t> load(std::uint64_t key) override {
    Shard& s = shard_of(key);
    MutexLock lock(s.mu);
    const auto it = s.rows.find(key);
    if (it == s.rows.end()) return std::nullopt;
    return it->second;
  }

  void store(std::uint64_t key, std::uint64_t value) override {
    Shard& s = shard_of(key);
    MutexLock lock(s.mu);
    s.rows[key] = value;
  }

  void erase(std::uint64_t key) override {
    Shard& s = shard_of(key);
    MutexLock lock(s.mu);
    s.rows.erase(key);
  }

 private:
  struct alignas(64) Shard {
    explicit Shard(std::uint32_t i) : mu("Shard[" + std::to_string(i) + "].mu") {}
    Mutex mu;
    std::unordered_map<std::uint64_t, std::uint64_t> rows LOCKLAB_GUARDED_BY(mu);
  };

  Shard& shard_of(std::uint64_t key) {
    // Mix the bits first: keys that differ only in high bits (one thread's
    // sequence) must still spread over the shards.
    const std::uint64_t h = key * 0x9E3779B97F4A7C15ull;
    return *shards_[(h >> 32) % shards_.size()];
  }

  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace

std::unique_ptr<ConcurrentMap> make_fixed_sharded(std::uint32_t shards) {
  return std::make_unique<ShardedMap>(shards);
}

}  // namespace locklab::bugs::read_mostly_map_under_writes
