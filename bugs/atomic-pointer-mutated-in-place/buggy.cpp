// atomic-pointer-mutated-in-place, buggy: the plan is published through an
// atomic pointer, then changed through that same pointer, field by field.
//
// The atomic pointer makes the *pointer* safe to load and store; it says
// nothing about the object it points to. A reshard writes the new shard
// count into the published plan, asks the nodes for their capacity to work
// out the new shard size (a network round trip), then writes that. In
// between, every reader sees the new count with the old size. Storing the pointer back afterwards changes nothing: it is
// the same pointer.
//
// The fields are std::atomic with relaxed order, so every access is well
// defined (in Go this would be a plain data race; in C++ plain fields would
// be undefined behaviour). No memory order can fix this: the two fields are
// written at different moments, and a reader between them sees exactly that.
#include <atomic>

#include "interface.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {
namespace {

struct LivePlan {
  std::atomic<std::uint32_t> shards{16};
  std::atomic<std::uint32_t> slots_per_shard{kKeyspace / 16};
};

class InPlaceHolder final : public PlanHolder {
 public:
  explicit InPlaceHolder(std::chrono::nanoseconds plan_time) : plan_time_(plan_time) {}

  ShardPlan read() const override {
    const LivePlan* plan = current_.load(std::memory_order_acquire);
    return {plan->shards.load(std::memory_order_relaxed), plan->slots_per_shard.load(std::memory_order_relaxed)};
  }

  void reshard(std::uint32_t shards) override {
    LivePlan* plan = current_.load(std::memory_order_acquire);
    plan->shards.store(shards, std::memory_order_relaxed);  // <- readers see this at once...
    io(plan_time_);                                          //    ask the nodes, work out the size
    plan->slots_per_shard.store(kKeyspace / shards, std::memory_order_relaxed);  // <- ...and this only now
    current_.store(plan, std::memory_order_release);  // "publishes" the object readers already had
  }

  std::uint64_t retries() const override { return 0; }

 private:
  const std::chrono::nanoseconds plan_time_;
  LivePlan plan_;                            // the one plan, changed in place
  std::atomic<LivePlan*> current_{&plan_};   // the published pointer (it never changes)
};

}  // namespace

std::unique_ptr<PlanHolder> make_buggy(std::chrono::nanoseconds plan_time) {
  return std::make_unique<InPlaceHolder>(plan_time);
}

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
