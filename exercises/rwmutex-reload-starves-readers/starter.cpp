// Exercise rwmutex-reload-starves-readers: the learner's file. Yours to change.
//
// The feature-flag config of a service: get() answers "is this flag on?"
// for every request, from many threads; a background thread calls reload()
// now and then, which reads the flags file from disk and parses it.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include "interface.h"
#include "locklab/sync/guards.h"
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
