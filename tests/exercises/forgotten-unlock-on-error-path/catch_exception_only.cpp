// expect: completes
// A plausible wrong fix of exercise forgotten-unlock-on-error-path: unlocks when the backend throws, forgets the error return.
// The grader must reject it for the property above.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

class ExerciseStore final : public Store {
 public:
  explicit ExerciseStore(Backend& backend) : backend_(backend) {}

  // Opts out of -Wthread-safety: clang would reject this file at compile time
  // (the error return still leaves mu_ held); the grader must catch it too.
  bool update(std::uint32_t key) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    std::optional<std::uint64_t> value;
    try {
      value = backend_.fetch(key);
    } catch (...) {
      mu_.unlock();
      throw;
    }
    if (!value) return false;
    cache_[key] = *value;
    mu_.unlock();
    return true;
  }

  std::optional<std::uint64_t> get(std::uint32_t key) override {
    MutexLock lock(mu_);
    const auto it = cache_.find(key);
    if (it == cache_.end()) return std::nullopt;
    return it->second;
  }

 private:
  Backend& backend_;
  Mutex mu_{"Store.mu"};
  std::map<std::uint32_t, std::uint64_t> cache_ LOCKLAB_GUARDED_BY(mu_);
};

}  // namespace

std::unique_ptr<Store> make_exercise(Backend& backend) { return std::make_unique<ExerciseStore>(backend); }

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
