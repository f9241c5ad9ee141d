// expect: sealed-boundary
// reason: a std::shared_mutex (or pthread rwlock) lock
// A lazy trick for exercise metrics-map-single-mutex: per-label std::atomic counts (allowed here) behind a std::shared_mutex, read-locked to find a label and write-locked to add a new one, "since the standard RWMutex is cheaper than the lab's".
// The grader must reject it for the property above.
//
// Why it is wrong: locklab cannot see a std::shared_mutex, so nothing the
// grader measures includes its waits; the labels are known at start-up, so
// no lock is needed at all.
#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>

#include "interface.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ExerciseMetrics final : public Metrics {
 public:
  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    {
      std::shared_lock<std::shared_mutex> read(mu_);
      const auto it = counts_.find(label);
      if (it != counts_.end()) {
        it->second->fetch_add(1, std::memory_order_relaxed);
        return;
      }
    }
    std::unique_lock<std::shared_mutex> write(mu_);
    auto& slot = counts_[label];
    if (!slot) slot = std::make_unique<std::atomic<std::uint64_t>>(0);
    slot->fetch_add(1, std::memory_order_relaxed);
  }

  std::map<std::string, std::uint64_t> scrape() const override {
    std::shared_lock<std::shared_mutex> read(mu_);
    std::map<std::string, std::uint64_t> out;
    for (const auto& [label, count] : counts_) out[label] = count->load(std::memory_order_relaxed);
    return out;
  }

 private:
  mutable std::shared_mutex mu_;
  std::map<std::string, std::unique_ptr<std::atomic<std::uint64_t>>> counts_;
};

}  // namespace

std::unique_ptr<Metrics> make_exercise(const Labels& /*labels*/, std::uint32_t /*workers*/) {
  return std::make_unique<ExerciseMetrics>();
}

}  // namespace locklab::bugs::metrics_map_single_mutex
