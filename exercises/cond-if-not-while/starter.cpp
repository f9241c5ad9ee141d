// Exercise cond-if-not-while: the learner's file. Yours to change.
//
// A work queue: one producer pushes items in bursts, several consumers
// pop() them; pop() waits while the queue is empty, and returns nothing
// once the queue is closed and drained.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include "interface.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/objects.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

class ExerciseQueue final : public Queue {
 public:
  void push(Item item) override {
    {
      MutexLock lock(mu_);
      items_.push_back(item);
    }
    nonempty_.signal();
  }

  std::optional<Item> pop() override {
    MutexLock lock(mu_);
    if (items_.empty() && !closed_) nonempty_.wait();
    if (items_.empty() && closed_) return std::nullopt;
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

std::unique_ptr<Queue> make_exercise() { return std::make_unique<ExerciseQueue>(); }

}  // namespace locklab::bugs::cond_if_not_while
