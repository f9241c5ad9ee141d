// expect: no-added-sleep
// A plausible wrong fix of exercise healthy-select-wait: a worker that finds nothing sleeps 100 µs before it looks again, "so it stops hogging the lock".
// The grader must reject it for the property above.
#include <deque>
#include <chrono>
#include <thread>
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
      else std::this_thread::sleep_for(std::chrono::microseconds(100));  // nothing yet: rest, then look again
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
