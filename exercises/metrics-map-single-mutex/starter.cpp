// Exercise metrics-map-single-mutex: the learner's file. Yours to change.
//
// A metrics registry: request handlers count events under labels
// ("route-07"), several per request; a scraper reads every count every
// 10 ms. All the labels are known when the registry is made.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include <unordered_map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ExerciseMetrics final : public Metrics {
 public:
  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    MutexLock lock(mu_);
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

std::unique_ptr<Metrics> make_exercise(const Labels& /*labels*/, std::uint32_t /*workers*/) {
  return std::make_unique<ExerciseMetrics>();
}

}  // namespace locklab::bugs::metrics_map_single_mutex
