// unsynchronized-counter, fixed with a mutex: the read, the add and the
// write happen while holding Counter.mu, so no other increment can fall in
// between. The textbook fix, and the one that also works when the update
// touches more than one field.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::unsynchronized_counter {
namespace {

class MutexCounter final : public Counter {
 public:
  void inc() override {
    MutexLock lock(mu_);
    ++count_;
  }

  std::uint64_t value() const override {
    MutexLock lock(mu_);
    return count_;
  }

 private:
  mutable Mutex mu_{"Counter.mu"};
  std::uint64_t count_ LOCKLAB_GUARDED_BY(mu_) = 0;
};

}  // namespace

std::unique_ptr<Counter> make_fixed_mutex() { return std::make_unique<MutexCounter>(); }

}  // namespace locklab::bugs::unsynchronized_counter
