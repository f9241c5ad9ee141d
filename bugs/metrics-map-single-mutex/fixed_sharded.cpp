// metrics-map-single-mutex, fixed (stage 2): counters sharded by worker,
// summed when scraped. For labels that are not known up front.
//
// Each handler thread counts into its own shard: a map from label to an
// atomic counter that only this thread ever adds to. Counting a label the
// shard has seen before takes no lock: the owner looks the label up and
// adds one, on memory no other core writes. A label new to the shard is
// inserted under the shard's Mutex, once. The scraper locks each shard in
// turn (so no insert changes the map under it) and adds the counters up.
//
// Why the owner may look up without the lock: only the owner inserts into
// its shard, so nothing changes the map while the owner reads it; the
// scraper only reads, and reads may overlap reads. The lock orders the
// owner's inserts against the scraper's reads, nothing more.
#include <atomic>
#include <string>
#include <unordered_map>
#include <vector>

#include "interface.h"
#include "locklab/guards.h"
#include "locklab/mutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ShardedMetrics final : public Metrics {
 public:
  explicit ShardedMetrics(std::uint32_t workers) {
    shards_.reserve(workers);
    for (std::uint32_t i = 0; i < workers; ++i) shards_.push_back(std::make_unique<Shard>(i));
  }

  void inc(std::uint32_t worker, const std::string& label) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    // (The analysis cannot express "the owner may read without the lock";
    // see the comment at the top.)
    Shard& s = *shards_[worker];
    auto it = s.counts.find(label);
    if (it == s.counts.end()) {
      MutexLock lock(s.mu);  // a label new to this shard: insert it, once
      it = s.counts.emplace(label, std::make_unique<Counter>()).first;
    }
    it->second->count.fetch_add(1, std::memory_order_relaxed);  // this core's own counter
  }

  std::map<std::string, std::uint64_t> scrape() const override {
    std::map<std::string, std::uint64_t> out;
    for (const auto& s : shards_) {
      MutexLock lock(s->mu);
      for (const auto& [label, counter] : s->counts) out[label] += counter->count.load(std::memory_order_relaxed);
    }
    return out;
  }

 private:
  struct alignas(64) Counter {
    std::atomic<std::uint64_t> count{0};
  };
  struct Shard {
    explicit Shard(std::uint32_t i) : mu("Metrics.shard[" + std::to_string(i) + "].mu") {}
    mutable Mutex mu;  // orders the owner's inserts against the scraper's reads
    std::unordered_map<std::string, std::unique_ptr<Counter>> counts LOCKLAB_GUARDED_BY(mu);
  };
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace

std::unique_ptr<Metrics> make_fixed_sharded(const Labels& /*labels*/, std::uint32_t workers) {
  return std::make_unique<ShardedMetrics>(workers);
}

}  // namespace locklab::bugs::metrics_map_single_mutex
