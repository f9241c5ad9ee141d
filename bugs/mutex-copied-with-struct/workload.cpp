#include "workload.h"

#include <random>
#include <string>

namespace locklab::bugs::mutex_copied_with_struct {

Jobs::Jobs(RunContext& ctx, std::uint32_t handlers)
    : ctx_(ctx),
      op_(ctx.op("Record")),
      max_bytes_(static_cast<std::uint64_t>(ctx.param_int("max_bytes"))),
      update_time_(ctx.param_int("update_ns")),
      done_(handlers) {}

void Jobs::handle(std::uint32_t index, Recorder& worker) {
  std::mt19937_64 rng = ctx_.rng(index);
  Totals mine;
  while (ctx_.running()) {
    const std::uint64_t bytes = 1 + rng() % max_bytes_;
    ctx_.timed(op_, [&] { worker.record(bytes); });
    ++mine.jobs;
    mine.bytes += bytes;
  }
  done_[index] = mine;
}

Totals Jobs::done() const {
  Totals sum;
  for (const Totals& t : done_) {
    sum.jobs += t.jobs;
    sum.bytes += t.bytes;
  }
  return sum;
}

void run(RunContext& ctx, Serve serve) {
  Jobs jobs(ctx, ctx.threads());
  const Totals counted = serve(ctx, jobs, ctx.threads());
  const Totals done = jobs.done();
  // Lost updates are this bug's symptom, not a failure of the run: say what
  // was counted and let the oracle judge.
  ctx.annotate(std::string(kTotalsNote) + "counted " + std::to_string(counted.jobs) + " jobs and " +
               std::to_string(counted.bytes) + " bytes; handlers did " + std::to_string(done.jobs) + " jobs and " +
               std::to_string(done.bytes) + " bytes");
}

}  // namespace locklab::bugs::mutex_copied_with_struct
