// unsynchronized-counter, buggy: an increment made of a separate read and
// write.
//
// Go's `counter++` with no lock is a load, an add and a store. Here the count
// is an atomic (locklab::Atomic, std::atomic instrumented), so each access on
// its own is well defined (a plain `++count_` from several threads would be a
// data race, undefined behaviour in C++), but the increment is still two
// steps: another thread can store between our load and our store, and our
// store then writes over its work. Each access is a scheduling point, so
// `locklab explore` can put that switch there.
#include "interface.h"
#include "locklab/sync/atomic.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class LoadStoreCounter final : public Counter {
 public:
  void inc() override {
    const std::uint64_t seen = count_.load(std::memory_order_relaxed);
    count_.store(seen + 1, std::memory_order_relaxed);  // <- erases what others added since the load
  }

  std::uint64_t value() const override { return count_.load(std::memory_order_relaxed); }

 private:
  Atomic<std::uint64_t> count_{"Counter.count"};
};

}  // namespace

std::unique_ptr<Counter> make_buggy() { return std::make_unique<LoadStoreCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
