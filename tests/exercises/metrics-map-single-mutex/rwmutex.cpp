// expect: throughput
// A plausible wrong fix of exercise metrics-map-single-mutex: swaps the Mutex for an RWMutex: inc() writes, scrape() reads.
// The grader must reject it for the property above.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ExerciseMetrics final : public Metrics {
 public:
  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    WriterLock lock(mu_);
    ++counts_[label];
  }

  std::map<std::string, std::uint64_t> scrape() const override {
    ReaderLock lock(mu_);
    return {counts_.begin(), counts_.end()};
  }

 private:
  mutable RWMutex mu_{"Metrics.rw"};
  std::unordered_map<std::string, std::uint64_t> counts_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Metrics> make_exercise(const Labels& /*labels*/, std::uint32_t /*workers*/) {
  return std::make_unique<ExerciseMetrics>();
}

}  // namespace locklab::bugs::metrics_map_single_mutex
