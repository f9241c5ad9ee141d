// thundering-herd-cache-miss, buggy: every caller that misses computes.
//
// The lock protects the map and nothing else, which is right: nobody holds
// it during the computation. But nothing connects the callers that miss
// the same key at the same moment. Right after the cache is cleared, every
// request for a hot key misses, and every one of them starts the same
// expensive computation; all but one of the results are thrown away. For
// the length of one computation every core is busy working out the same
// value many times over, and anything else on the machine waits for a core.
#include <unordered_map>
#include <utility>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::thundering_herd_cache_miss {
namespace {

class HerdCache final : public Cache {
 public:
  explicit HerdCache(ComputeFn compute) : compute_(std::move(compute)) {}

  Value get(Key key) override {
    {
      MutexLock lock(mu_);
      if (const auto it = values_.find(key); it != values_.end()) return it->second;
    }
    const Value v = compute_(key);  // <- every caller that missed runs this, at the same time
    MutexLock lock(mu_);
    values_[key] = v;
    return v;
  }

  void clear() override {
    MutexLock lock(mu_);
    values_.clear();
  }

 private:
  const ComputeFn compute_;
  Mutex mu_{"Cache.mu"};
  std::unordered_map<Key, Value> values_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Cache> make_buggy(ComputeFn compute) { return std::make_unique<HerdCache>(std::move(compute)); }

}  // namespace locklab::bugs::thundering_herd_cache_miss
