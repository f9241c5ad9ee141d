// healthy-select-wait, buggy: the healthy select "fixed" into a polled
// queue, after its wait time topped a block profile.
//
// The select is gone and so is the idle wait: a worker with nothing to do
// takes the queue's lock, finds nothing, lets go and looks again, millions
// of times a second. A profile of waits no longer shows a select. It shows
// something worse: idle workers hold Queue.mu nearly all the time, so the
// producer, and the worker that has a job, queue for it; and the pollers
// burn the cores the real work needs. (With yield=1 a worker yields its
// core between two empty looks: less contention, the same spinning.)
#include <deque>
#include <optional>
#include <thread>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::healthy_select_wait {
namespace {

class PolledDispatcher final : public Dispatcher {
 public:
  explicit PolledDispatcher(bool yield) : yield_(yield) {}

  void submit(Job job) override {
    MutexLock lock(mu_);  // <- waits whenever a polling worker has the lock
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
        MutexLock lock(mu_);  // <- one poll: taken again and again while there is nothing to do
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
      else if (yield_) std::this_thread::yield();  // nothing yet: look again (soon, or at once), never wait
    }
  }

 private:
  const bool yield_;  // give up the core between two empty looks
  Mutex mu_{"Queue.mu"};
  std::deque<Job> jobs_ LOCKLAB_GUARDED_BY(mu_);
  std::deque<Job> urgent_ LOCKLAB_GUARDED_BY(mu_);
  bool closed_ LOCKLAB_GUARDED_BY(mu_) = false;
};

}  // namespace

std::unique_ptr<Dispatcher> make_buggy(bool yield) { return std::make_unique<PolledDispatcher>(yield); }

}  // namespace locklab::bugs::healthy_select_wait
