// cond-if-not-while, buggy: `if` around Cond::wait, and a signal after the
// unlock.
//
// pop() checks for an item once, before it waits, and never again after it
// wakes. But a wake-up is not a promise that an item is there:
//   - push() signals after it has unlocked, so in between another consumer
//     (one that was busy, not waiting) can take the lock and the item; the
//     signal then wakes a waiter for an item that is already gone;
//   - even a signal sent under the lock only makes the waiter runnable: it
//     must re-take the mutex, and a consumer that arrives first takes the
//     item;
//   - and a wait may return with no signal at all (a spurious wake-up).
// In each case the woken consumer reads the front of an empty queue: a
// panic in Go, and in locklab.
#include "interface.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/objects.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

class IfQueue final : public Queue {
 public:
  void push(Item item) override {
    {
      MutexLock lock(mu_);
      items_.push_back(item);
    }
    nonempty_.signal();  // <- after the unlock: someone else may take the item first
  }

  std::optional<Item> pop() override {
    MutexLock lock(mu_);
    if (items_.empty() && !closed_) nonempty_.wait(mu_);  // <- `if`: not checked again after waking
    if (items_.empty() && closed_) return std::nullopt;
    return take_front(items_, items_id_);  // <- the queue may be empty here: panic
  }

  void close() override {
    MutexLock lock(mu_);
    closed_ = true;
    nonempty_.broadcast();
  }

 private:
  Mutex mu_{"Queue.mu"};
  Cond nonempty_{mu_, "Queue.nonempty"};
  std::deque<Item> items_ LOCKLAB_GUARDED_BY(mu_);
  bool closed_ LOCKLAB_GUARDED_BY(mu_) = false;
  const std::uint32_t items_id_ = register_object(ObjectKind::kOther, "Queue.items");
};

}  // namespace

std::unique_ptr<Queue> make_buggy() { return std::make_unique<IfQueue>(); }

}  // namespace locklab::bugs::cond_if_not_while
