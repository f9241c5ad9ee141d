// expect: no-io-under-lock
// A plausible wrong fix of exercise rwmutex-reload-starves-readers: reads the file outside Config.mu, but under a second lock "so two reloads never overlap".
// The grader must reject it for the property above.
#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
namespace {

class ExerciseConfig final : public Config {
 public:
  explicit ExerciseConfig(std::chrono::nanoseconds reload_time) : reload_time_(reload_time) {}

  bool get(const std::string& flag) override {
    ReaderLock lock(mu_);
    const auto it = flags_.find(flag);
    return it != flags_.end() && it->second;
  }

  void reload() override {
    Flags fresh;
    {
      MutexLock file(file_mu_);
      fresh = read_flags_file(reload_time_);
    }
    WriterLock lock(mu_);
    flags_ = std::move(fresh);
  }

 private:
  const std::chrono::nanoseconds reload_time_;
  RWMutex mu_{"Config.mu"};
  Mutex file_mu_{"Config.file_mu"};
  Flags flags_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Config> make_exercise(std::chrono::nanoseconds reload_time) {
  return std::make_unique<ExerciseConfig>(reload_time);
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
