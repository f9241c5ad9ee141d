// read-mostly-map-under-writes, buggy: Go's sync.Map (sync_map.h) used for
// a table whose keys are new all the time.
//
// sync.Map is fast when keys are written once and then read: those reads
// never lock. Here every request stores a key nobody has seen, looks it up
// while it is still new, and erases it soon after. So stores of new keys all
// take SyncMap.mu, lookups of new keys miss the read map and take it too,
// and every few thousand misses the dirty map is promoted and then copied
// back in full, under the same lock. One global lock, with the copy on top.
#include "interface.h"
#include "sync_map.h"

namespace locklab::bugs::read_mostly_map_under_writes {
namespace {

class SyncMapTable final : public ConcurrentMap {
 public:
  std::optional<std::uint64_t> load(std::uint64_t key) override { return map_.load(key); }
  void store(std::uint64_t key, std::uint64_t value) override { map_.store(key, value); }
  void erase(std::uint64_t key) override { map_.erase(key); }

 private:
  SyncMap map_;  // built for read-mostly keys; this table is write-mostly
};

}  // namespace

std::unique_ptr<ConcurrentMap> make_buggy(std::uint32_t /*shards*/) { return std::make_unique<SyncMapTable>(); }

}  // namespace locklab::bugs::read_mostly_map_under_writes
