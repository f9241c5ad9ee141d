// thundering-herd-cache-miss, fixed: misses of one key share one
// computation, through Singleflight (Go's golang.org/x/sync/singleflight).
//
// The first caller to miss a key becomes the leader: it computes the value
// and caches it. Callers that miss the same key while it computes do not
// start their own computation; they wait for the leader's and get a copy of
// its value. One computation per key per clearing, whatever the number of
// callers. Singleflight is not a cache: once the leader is done, the key is
// forgotten, and a caller that missed just before the value was cached may
// still compute it again (rare, and harmless).
#include <unordered_map>
#include <utility>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/singleflight.h"

namespace locklab::bugs::thundering_herd_cache_miss {
namespace {

class SingleflightCache final : public Cache {
 public:
  explicit SingleflightCache(ComputeFn compute) : compute_(std::move(compute)) {}

  Value get(Key key) override {
    {
      MutexLock lock(mu_);
      if (const auto it = values_.find(key); it != values_.end()) return it->second;
    }
    return flights_
        .run(key,
             [&] {  // runs on the leader only; the others wait for its result
               const Value v = compute_(key);
               MutexLock lock(mu_);
               values_[key] = v;
               return v;
             })
        .value;
  }

  void clear() override {
    MutexLock lock(mu_);
    values_.clear();
  }

 private:
  const ComputeFn compute_;
  Mutex mu_{"Cache.mu"};
  std::unordered_map<Key, Value> values_ LOCKLAB_GUARDED_BY(mu_);
  Singleflight<Key, Value> flights_{"Cache.flights"};
};

}  // namespace

std::unique_ptr<Cache> make_fixed(ComputeFn compute) {
  return std::make_unique<SingleflightCache>(std::move(compute));
}

}  // namespace locklab::bugs::thundering_herd_cache_miss
