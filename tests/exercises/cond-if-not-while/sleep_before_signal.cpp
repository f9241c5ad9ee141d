// expect: no-added-sleep
// A plausible wrong fix of exercise cond-if-not-while: push() sleeps before it signals, "so the woken consumer is the first to look".
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/objects.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

class ExerciseQueue final : public Queue {
 public:
  void push(Item item) override {
    {
      MutexLock lock(mu_);
      items_.push_back(item);
    }
    sleep_for(std::chrono::microseconds(50));
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
