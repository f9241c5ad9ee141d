// expect: completes
// A plausible wrong fix of exercise forgotten-unlock-on-error-path: unlocks on the error return, forgets the exception.
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

  bool update(std::uint32_t key) override {
    mu_.lock();
    const std::optional<std::uint64_t> value = backend_.fetch(key);
    if (!value) {
      mu_.unlock();
      return false;
    }
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
