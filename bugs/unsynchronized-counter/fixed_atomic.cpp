// unsynchronized-counter, fixed with an atomic add: fetch_add reads, adds and
// writes as one indivisible step (one `lock xadd` on x86), so there is no
// moment in which another increment can be lost. Relaxed order is enough:
// the count orders no other memory, and the total is read after the workers
// have been joined.
#include "interface.h"
#include "locklab/sync/atomic.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class AtomicCounter final : public Counter {
 public:
  void inc() override { count_.fetch_add(1, std::memory_order_relaxed); }

  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  Atomic<std::uint64_t> count_{"Counter.count"};
};

}  // namespace

std::unique_ptr<Counter> make_fixed_atomic() { return std::make_unique<AtomicCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
