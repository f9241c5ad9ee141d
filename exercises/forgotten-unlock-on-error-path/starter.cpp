// Exercise forgotten-unlock-on-error-path: the learner's file. Yours to change.
//
// A cache in front of a backend: update() fetches a key's value from the
// backend and caches it; get() answers from the cache. The backend fails
// now and then: with an error (no value), or by throwing.
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include <map>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

class ExerciseStore final : public Store {
 public:
  explicit ExerciseStore(Backend& backend) : backend_(backend) {}

  // LOCKLAB_NO_THREAD_SAFETY_ANALYSIS turns clang's lock check off here, since
  // it would reject this function at compile time; once update() lets go of
  // mu_ on every path, delete it and the check passes.
  bool update(std::uint32_t key) override LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
    mu_.lock();
    const std::optional<std::uint64_t> value = backend_.fetch(key);
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
