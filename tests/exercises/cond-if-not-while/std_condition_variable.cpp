// expect: sealed-boundary
// reason: locklab cannot see it
// A lazy trick for exercise cond-if-not-while: the lab Mutex and Cond replaced by std::mutex and std::condition_variable, whose wait "has no spurious wake-ups in the grader".
// The grader must reject it for the property above.
//
// Why it is wrong: locklab cannot see a std::condition_variable (nor its
// spurious wake-ups, nor who waits on it), so the grader could not check
// the very protocol the exercise is about.
#include <condition_variable>
#include <mutex>

#include "interface.h"
#include "locklab/core/objects.h"

namespace locklab::bugs::cond_if_not_while {
namespace {

class ExerciseQueue final : public Queue {
 public:
  void push(Item item) override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      items_.push_back(item);
    }
    nonempty_.notify_one();
  }

  std::optional<Item> pop() override {
    std::unique_lock<std::mutex> lock(mu_);
    nonempty_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    return take_front(items_, items_id_);
  }

  void close() override {
    std::lock_guard<std::mutex> lock(mu_);
    closed_ = true;
    nonempty_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable nonempty_;
  std::deque<Item> items_;
  bool closed_ = false;
  const std::uint32_t items_id_ = register_object(ObjectKind::kOther, "Queue.items");
};

}  // namespace

std::unique_ptr<Queue> make_exercise() { return std::make_unique<ExerciseQueue>(); }

}  // namespace locklab::bugs::cond_if_not_while
