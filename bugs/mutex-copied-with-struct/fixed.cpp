// mutex-copied-with-struct, fixed: one worker, shared by reference.
//
// No copy constructor is written, so Worker stays uncopyable (Mutex's copy
// constructor is deleted): `[worker]` would not compile, which is C++'s
// version of go vet's copylocks warning, and this time it is heeded. The
// threads capture the worker by reference; every update takes the one
// Worker.mu. The tally needs no shared_ptr any more: it lives in the worker.
#include <chrono>
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
  explicit Worker(std::chrono::nanoseconds update_time) : update_time_(update_time) {}

  void record(std::uint64_t bytes) override {
    MutexLock lock(mu_);  // the one lock every handler shares
    Tally& t = tally_.write();
    const std::uint64_t jobs = t.jobs.load(std::memory_order_relaxed) + 1;
    const std::uint64_t total = t.bytes.load(std::memory_order_relaxed) + bytes;
    compute(update_time_);  // refresh the summary (mean job size, rates) from the new counts
    t.jobs.store(jobs, std::memory_order_relaxed);
    t.bytes.store(total, std::memory_order_relaxed);
  }

  Totals totals() const {
    MutexLock lock(mu_);
    const Tally& t = tally_.read();
    return {t.jobs.load(std::memory_order_relaxed), t.bytes.load(std::memory_order_relaxed)};
  }

 private:
  const std::chrono::nanoseconds update_time_;
  mutable Mutex mu_{"Worker.mu"};
  Guarded<Tally> tally_{"Worker.tally"};
};

}  // namespace

Totals serve_fixed(RunContext& ctx, Jobs& jobs, std::uint32_t handlers) {
  Worker worker(jobs.update_time());
  for (std::uint32_t i = 0; i < handlers; ++i) {
    // [&worker]: every thread records into the same worker, under its lock.
    ctx.go("handler-" + std::to_string(i), [&jobs, &worker, i] { jobs.handle(i, worker); });
  }
  ctx.join_all();
  return worker.totals();
}

}  // namespace locklab::bugs::mutex_copied_with_struct
