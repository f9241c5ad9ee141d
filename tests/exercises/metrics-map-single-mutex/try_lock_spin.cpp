// expect: no-try-lock-spin
// A plausible wrong fix of exercise metrics-map-single-mutex: inc() spins on try_lock "so handlers never park".
// The grader must reject it for the property above.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ExerciseMetrics final : public Metrics {
 public:
  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    while (!mu_.try_lock()) {
    }
    ++counts_[label];
    mu_.unlock();
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

std::unique_ptr<Metrics> make_exercise(const Labels& /*labels*/, std::uint32_t /*workers*/) {
  return std::make_unique<ExerciseMetrics>();
}

}  // namespace locklab::bugs::metrics_map_single_mutex
