// expect: no-added-sleep
// reason: calls sched_yield
// A lazy trick for exercise healthy-select-wait: a worker that finds nothing calls sched_yield() (the C spelling of std::this_thread::yield) before it looks again.
// The grader must reject it for the property above.
#include <sched.h>

#include <deque>
#include <optional>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::healthy_select_wait {
namespace {

class ExerciseDispatcher final : public Dispatcher {
 public:
  void submit(Job job) override {
    MutexLock lock(mu_);
    (job.urgent ? urgent_ : jobs_).push_back(job);
  }

  void close() override {
    MutexLock lock(mu_);
    closed_ = true;
  }

  std::uint64_t work(const std::function<void(const Job&)>& handle) override {
    std::uint64_t looks = 0;
    for (;;) {
      std::optional<Job> job;
      bool done = false;
      {
        MutexLock lock(mu_);
        ++looks;
        std::deque<Job>& from = urgent_.empty() ? jobs_ : urgent_;
        if (!from.empty()) {
          job = from.front();
          from.pop_front();
        } else {
          done = closed_;
        }
      }
      if (job) handle(*job);
      else if (done) return looks;
      else sched_yield();
    }
  }

 private:
  Mutex mu_{"Queue.mu"};
  std::deque<Job> jobs_ LOCKLAB_GUARDED_BY(mu_);
  std::deque<Job> urgent_ LOCKLAB_GUARDED_BY(mu_);
  bool closed_ LOCKLAB_GUARDED_BY(mu_) = false;
};

}  // namespace

std::unique_ptr<Dispatcher> make_exercise(bool /*yield*/) { return std::make_unique<ExerciseDispatcher>(); }

}  // namespace locklab::bugs::healthy_select_wait
