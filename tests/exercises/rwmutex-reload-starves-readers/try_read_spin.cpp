// expect: no-try-lock-spin
// A plausible wrong fix of exercise rwmutex-reload-starves-readers: get() spins on try_lock_shared "so a reader never queues behind the writer".
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

class ExerciseConfig final : public Config {
 public:
  explicit ExerciseConfig(std::chrono::nanoseconds reload_time) : reload_time_(reload_time) {}

  bool get(const std::string& flag) override {
    while (!mu_.try_lock_shared()) {
    }
    const auto it = flags_.find(flag);
    const bool on = it != flags_.end() && it->second;
    mu_.unlock_shared();
    return on;
  }

  void reload() override {
    WriterLock lock(mu_);
    flags_ = read_flags_file(reload_time_);
  }

 private:
  const std::chrono::nanoseconds reload_time_;
  RWMutex mu_{"Config.mu"};
  Flags flags_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Config> make_exercise(std::chrono::nanoseconds reload_time) {
  return std::make_unique<ExerciseConfig>(reload_time);
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
