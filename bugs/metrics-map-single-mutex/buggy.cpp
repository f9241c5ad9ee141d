// metrics-map-single-mutex, buggy: one Mutex around the whole label map.
//
// Every increment of every label, from every handler thread, takes
// Metrics.mu for a hash lookup and an add. The labels are independent, yet
// their counts are serialised behind one lock, whose cache line crosses
// between the cores on every call.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class LockedMetrics final : public Metrics {
 public:
  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    MutexLock lock(mu_);  // <- every label, every thread, one lock
    ++counts_[label];
  }

  std::map<std::string, std::uint64_t> scrape() const override {
    MutexLock lock(mu_);
    return {counts_.begin(), counts_.end()};
  }

 private:
  mutable Mutex mu_{"Metrics.mu"};
  std::unordered_map<std::string, std::uint64_t> counts_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Metrics> make_buggy(const Labels& /*labels*/, std::uint32_t /*workers*/) {
  return std::make_unique<LockedMetrics>();
}

}  // namespace locklab::bugs::metrics_map_single_mutex
