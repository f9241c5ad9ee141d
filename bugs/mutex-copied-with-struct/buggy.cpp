// mutex-copied-with-struct, buggy: each handler thread gets its own copy of
// the worker, and each copy brings its own lock over the one shared tally.
//
// Mutex's copy constructor is deleted, so capturing a Worker by value did
// not compile. Someone wrote the copy constructor below to make it compile:
// it shares the tally (held by shared_ptr, the way a Go map or slice field
// is shared by every copy of its struct) and, by not mentioning mu_, gives
// the copy a brand-new Mutex. Every handler now locks a different
// "Worker.mu" before updating the same counts: the lock excludes nobody.
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
  // Hand-written so that [worker] compiles. mu_ is left out, so it is built
  // from its initializer: a fresh, unlocked Mutex guarding shared data.
  Worker(const Worker& other) : Recorder(other), update_time_(other.update_time_), tally_(other.tally_) {}
  Worker& operator=(const Worker&) = delete;

  void record(std::uint64_t bytes) override {
    MutexLock lock(mu_);  // <- this copy's lock; the other copies hold theirs at the same time
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

Totals serve_buggy(RunContext& ctx, Jobs& jobs, std::uint32_t handlers) {
  Worker worker(jobs.update_time());
  for (std::uint32_t i = 0; i < handlers; ++i) {
    // [worker] copies it: the thread records into a copy with its own lock.
    ctx.go("handler-" + std::to_string(i), [&jobs, worker, i]() mutable { jobs.handle(i, worker); });
  }
  ctx.join_all();
  return worker.totals();
}

}  // namespace locklab::bugs::mutex_copied_with_struct
