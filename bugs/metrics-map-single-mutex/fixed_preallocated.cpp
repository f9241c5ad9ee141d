// metrics-map-single-mutex, fixed (stage 1): one atomic counter per known
// label, all allocated up front.
//
// The map from label to counter is filled in the constructor and never
// changes afterwards, so any number of threads may look labels up in it with
// no lock at all; the counting itself is an atomic add on that label's own
// counter. Each counter sits on its own cache line: counters allocated one
// after the other would otherwise share lines, and two cores bumping two
// different labels would still pass one line back and forth.
//
// The limit: the labels must be known when the registry is built. A label
// that shows up later has no counter, and inc() refuses it.
#include <atomic>
#include <stdexcept>
#include <unordered_map>

#include "interface.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class PreallocatedMetrics final : public Metrics {
 public:
  explicit PreallocatedMetrics(const Labels& labels) {
    for (const std::string& label : labels) counters_.emplace(label, std::make_unique<Counter>());
  }

  void inc(std::uint32_t /*worker*/, const std::string& label) override {
    const auto it = counters_.find(label);  // a read of a map nobody writes any more
    if (it == counters_.end()) throw std::invalid_argument("no counter for label " + label + " (not known at start)");
    it->second->count.fetch_add(1, std::memory_order_relaxed);
  }

  std::map<std::string, std::uint64_t> scrape() const override {
    std::map<std::string, std::uint64_t> out;
    for (const auto& [label, counter] : counters_) {
      const std::uint64_t n = counter->count.load(std::memory_order_relaxed);
      if (n > 0) out.emplace(label, n);  // like the map-based variants: only labels counted so far
    }
    return out;
  }

 private:
  struct alignas(64) Counter {
    std::atomic<std::uint64_t> count{0};
  };
  std::unordered_map<std::string, std::unique_ptr<Counter>> counters_;  // written only by the constructor
};

}  // namespace

std::unique_ptr<Metrics> make_fixed_preallocated(const Labels& labels, std::uint32_t /*workers*/) {
  return std::make_unique<PreallocatedMetrics>(labels);
}

}  // namespace locklab::bugs::metrics_map_single_mutex
