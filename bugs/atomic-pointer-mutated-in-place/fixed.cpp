// atomic-pointer-mutated-in-place, fixed: copy, modify, compare-and-swap.
//
// A published plan is never written again. A reshard copies the current
// plan, changes the copy (nobody else can see it yet, so the round trip in
// between harms no one), and publishes it with one compare-and-swap. A
// reader gets either the old plan or the new one, each whole.
//
// The compare-and-swap, rather than a plain store, is what keeps two
// concurrent reshards from losing one: if another writer published since we
// loaded, the swap fails, `seen` becomes the newer plan, and we redo the
// change on top of it. Under heavy write contention the retries cost CPU
// (counted in retries()), but nobody waits on a lock.
//
// Lifetime: Go's garbage collector keeps an old plan alive while a reader
// still uses it. Here each published plan owns the plan it replaced, so
// every plan lives until the holder is destroyed (after every reader has
// stopped). That costs a few bytes per reshard, which suits a plan that
// changes now and then; a value replaced millions of times would want
// std::atomic<std::shared_ptr> (locklab::Snapshot) or hazard pointers
// instead, at the price of a reference count on every read.
#include <atomic>
#include <memory>

#include "interface.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {
namespace {

/// A published plan, and the plan it replaced (kept alive for its readers).
struct PlanNode {
  ShardPlan plan;
  const PlanNode* replaced = nullptr;  // owned: freed with this node's holder
};

class CopyOnWriteHolder final : public PlanHolder {
 public:
  explicit CopyOnWriteHolder(std::chrono::nanoseconds plan_time)
      : plan_time_(plan_time), current_(new PlanNode{{16, kKeyspace / 16}, nullptr}) {}
  ~CopyOnWriteHolder() override {
    // Every reader has stopped: free the current plan and all it replaced.
    for (const PlanNode* p = current_.load(std::memory_order_acquire); p != nullptr;) {
      const PlanNode* older = p->replaced;
      delete p;
      p = older;
    }
  }

  ShardPlan read() const override { return current_.load(std::memory_order_acquire)->plan; }

  void reshard(std::uint32_t shards) override {
    const PlanNode* seen = current_.load(std::memory_order_acquire);
    for (;;) {
      ShardPlan next = seen->plan;  // a private copy: readers cannot see it
      next.shards = shards;
      io(plan_time_);  // the same round trip as the buggy variant, on the copy
      next.slots_per_shard = kKeyspace / shards;
      // If published, the new node owns the plan it replaces.
      auto node = std::make_unique<PlanNode>(PlanNode{next, seen});
      if (current_.compare_exchange_strong(seen, node.get(), std::memory_order_acq_rel, std::memory_order_acquire)) {
        static_cast<void>(node.release());  // published whole; the chain of plans owns it now
        return;
      }
      retries_.fetch_add(1, std::memory_order_relaxed);  // another writer got in first: redo on its plan
    }
  }

  std::uint64_t retries() const override { return retries_.load(std::memory_order_relaxed); }

 private:
  const std::chrono::nanoseconds plan_time_;
  std::atomic<const PlanNode*> current_;  // the published plan; never written through
  std::atomic<std::uint64_t> retries_{0};
};

}  // namespace

std::unique_ptr<PlanHolder> make_fixed(std::chrono::nanoseconds plan_time) {
  return std::make_unique<CopyOnWriteHolder>(plan_time);
}

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
