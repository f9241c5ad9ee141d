// rwmutex-at-low-read-ratio, fixed: a plain Mutex.
//
// Reads and writes alike take one exclusive lock: one compare-and-swap to
// take it, one exchange to release it. At this read share the readers gave
// up almost nothing by not sharing, and every operation got cheaper.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/work.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {
namespace {

class MutexTable final : public Table {
 public:
  explicit MutexTable(std::chrono::nanoseconds read_work) : read_work_(read_work) {}

  std::optional<std::uint64_t> get(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = rows_.find(key);
    if (it == rows_.end()) return std::nullopt;
    if (read_work_.count() > 0) compute(read_work_);
    return it->second;
  }

  void put(std::uint32_t key, std::uint64_t value) override {
    MutexLock lock(mu_);
    rows_[key] = value;
  }

 private:
  const std::chrono::nanoseconds read_work_;
  Mutex mu_{"Table.mu"};
  std::unordered_map<std::uint32_t, std::uint64_t> rows_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Table> make_fixed_mutex(std::chrono::nanoseconds read_work) {
  return std::make_unique<MutexTable>(read_work);
}

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
