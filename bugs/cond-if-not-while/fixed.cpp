// cond-if-not-while, fixed: wait in a `while` loop, and signal under the
// lock.
//
// The `while` is the fix that matters: a woken consumer checks again, with
// the mutex held, whether an item is there, and waits again if another
// consumer took it or the wake-up was spurious. It makes pop() correct
// whoever wakes it and however often. Signalling under the lock is the
// second half of the seed's fix: the signal then goes out while the item is
// certainly still in the queue, which makes the race narrower (it does not
// remove it: the woken consumer must still win the mutex, and the loop is
// what makes losing harmless). In real code, a buffered channel gives the
// same queue with none of this to get wrong.
#include "interface.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/objects.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

class WhileQueue final : public Queue {
 public:
  void push(Item item) override {
    MutexLock lock(mu_);
    items_.push_back(item);
    nonempty_.signal();  // under the lock
  }

  std::optional<Item> pop() override {
    MutexLock lock(mu_);
    while (items_.empty() && !closed_) nonempty_.wait(mu_);  // re-checked after every wake-up
    if (items_.empty()) return std::nullopt;               // closed and drained
    return take_front(items_, items_id_);
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

std::unique_ptr<Queue> make_fixed() { return std::make_unique<WhileQueue>(); }

}  // namespace locklab::bugs::cond_if_not_while
