// rwmutex-at-low-read-ratio, buggy: an RWMutex "because reads can share it".
//
// Reads can share it, but only if two reads are inside at the same moment,
// and with half the operations writes (and critical sections of a map
// lookup) they hardly ever are. Meanwhile every operation pays for the
// reader/writer bookkeeping, and every write has to drain the readers and
// then release them again: more work, more hand-offs, for a sharing that
// almost never happens.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/work.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {
namespace {

class RWTable final : public Table {
 public:
  explicit RWTable(std::chrono::nanoseconds read_work) : read_work_(read_work) {}

  std::optional<std::uint64_t> get(std::uint32_t key) override {
    ReaderLock lock(mu_);  // <- shared, yet it seldom has anyone to share with
    const auto it = rows_.find(key);
    if (it == rows_.end()) return std::nullopt;
    if (read_work_.count() > 0) compute(read_work_);
    return it->second;
  }

  void put(std::uint32_t key, std::uint64_t value) override {
    WriterLock lock(mu_);  // <- waits for the readers inside, then blocks new ones
    rows_[key] = value;
  }

 private:
  const std::chrono::nanoseconds read_work_;
  RWMutex mu_{"Table.mu"};
  std::unordered_map<std::uint32_t, std::uint64_t> rows_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Table> make_buggy(std::chrono::nanoseconds read_work) {
  return std::make_unique<RWTable>(read_work);
}

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
