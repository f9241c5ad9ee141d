// Exercise mutex-copied-with-struct: the learner's file. Yours to change.
//
// A job server: several handler threads each record the jobs they finish
// into one Worker, which keeps the totals (jobs done, bytes). At the end the
// server reports the Worker's totals, which must equal the jobs handled.
// Read README.md for what its users see, then make it right.
//
// Keep serve_exercise's name and signature: the grader builds your variant
// through it.
#include <chrono>
#include <memory>
#include <string>

#include "interface.h"
#include "locklab/sync/guarded.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/work.h"
#include "workload.h"

namespace locklab::bugs::mutex_copied_with_struct {
namespace {

class Worker final : public Recorder {
 public:
  explicit Worker(std::chrono::nanoseconds update_time)
      : update_time_(update_time), tally_(std::make_shared<Guarded<Tally>>("Worker.tally")) {}
  Worker(const Worker& other) : Recorder(other), update_time_(other.update_time_), tally_(other.tally_) {}
  Worker& operator=(const Worker&) = delete;

  void record(std::uint64_t bytes) override {
    MutexLock lock(mu_);
    Tally& t = tally_->write();
    const std::uint64_t jobs = t.jobs.load(std::memory_order_relaxed) + 1;
    const std::uint64_t total = t.bytes.load(std::memory_order_relaxed) + bytes;
    compute(update_time_);  // refresh the summary (mean job size, rates) from the new counts
    t.jobs.store(jobs, std::memory_order_relaxed);
    t.bytes.store(total, std::memory_order_relaxed);
  }

  Totals totals() const {
    MutexLock lock(mu_);
    const Tally& t = tally_->read();
    return {t.jobs.load(std::memory_order_relaxed), t.bytes.load(std::memory_order_relaxed)};
  }

 private:
  const std::chrono::nanoseconds update_time_;
  mutable Mutex mu_{"Worker.mu"};
  std::shared_ptr<Guarded<Tally>> tally_;
};

}  // namespace

Totals serve_exercise(RunContext& ctx, Jobs& jobs, std::uint32_t handlers) {
  Worker worker(jobs.update_time());
  for (std::uint32_t i = 0; i < handlers; ++i) {
    ctx.go("handler-" + std::to_string(i), [&jobs, worker, i]() mutable { jobs.handle(i, worker); });
  }
  ctx.join_all();
  return worker.totals();
}

}  // namespace locklab::bugs::mutex_copied_with_struct
