// metrics-map-single-mutex, fixed (stage 2): counters sharded by worker,
// summed when scraped. For labels that are not known up front.
//
// Each handler thread counts into its own shard. A shard holds the counters
// twice over: `counts`, the map the scraper reads, guarded by the shard's
// Mutex; and `mine`, the owner's private index from label to the same
// counter objects, which only the owner thread ever touches. Counting a label
// the shard has seen before takes no lock: the owner finds the counter in
// `mine` and adds one, on memory no other core writes. A label new to the
// shard is inserted into `counts` under the Mutex, once, and remembered in
// `mine`. The scraper locks each shard in turn (so no insert changes `counts`
// under it) and adds the counters up.
//
// The counters themselves are atomics, and heap objects that never move, so
// the owner's adds and the scraper's loads may overlap. The lock orders the
// owner's inserts against the scraper's reads, nothing more. (Splitting the
// owner's index from the shared map is what lets clang's -Wthread-safety
// check this variant: every access to `counts` is under `mu`.)
#include <atomic>
#include <string>
#include <unordered_map>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::metrics_map_single_mutex {
namespace {

class ShardedMetrics final : public Metrics {
 public:
  explicit ShardedMetrics(std::uint32_t workers) {
    shards_.reserve(workers);
    for (std::uint32_t i = 0; i < workers; ++i) shards_.push_back(std::make_unique<Shard>(i));
  }

  void inc(std::uint32_t worker, const std::string& label) override {
    Shard& s = *shards_[worker];
    auto it = s.mine.find(label);  // the owner's own index: no lock
    if (it == s.mine.end()) {
      Counter* counter = nullptr;
      {
        MutexLock lock(s.mu);  // a label new to this shard: insert it, once
        counter = s.counts.emplace(label, std::make_unique<Counter>()).first->second.get();
      }
      it = s.mine.emplace(label, counter).first;
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
    std::unordered_map<std::string, Counter*> mine;  // the owner thread's alone: no lock
  };
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace

std::unique_ptr<Metrics> make_fixed_sharded(const Labels& /*labels*/, std::uint32_t workers) {
  return std::make_unique<ShardedMetrics>(workers);
}

}  // namespace locklab::bugs::metrics_map_single_mutex
