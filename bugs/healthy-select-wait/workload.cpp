#include "workload.h"

#include <atomic>
#include <chrono>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::healthy_select_wait {

void run(RunContext& ctx, MakeDispatcher make) {
  const std::unique_ptr<Dispatcher> dispatcher = make(ctx.param_int("yield") != 0);
  const auto gap = std::chrono::microseconds(ctx.param_int("gap_us"));
  const auto urgent_every = std::chrono::milliseconds(ctx.param_int("urgent_ms"));
  const auto work = std::chrono::microseconds(ctx.param_int("work_us"));
  const auto submit = ctx.op("Submit");
  const auto handle = ctx.op("Handle");
  std::atomic<std::uint64_t> looks{0}, handled{0};

  ctx.go("producer", [&] {
    auto next_urgent = ctx.now() + urgent_every;
    for (std::uint64_t id = 1; ctx.running(); ++id) {
      const bool urgent = ctx.now() >= next_urgent;
      if (urgent) next_urgent += urgent_every;
      ctx.timed(submit, [&] { dispatcher->submit(Job{id, urgent}); });
      sleep_for(gap);
    }
    dispatcher->close();  // the workers finish what is queued, then return
  });
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("worker-" + std::to_string(i), [&] {
      std::uint64_t mine = 0;
      const std::uint64_t n = dispatcher->work([&](const Job&) {
        ctx.timed(handle, [&] { compute(work); });
        ++mine;
      });
      looks.fetch_add(n, std::memory_order_relaxed);
      handled.fetch_add(mine, std::memory_order_relaxed);
    });
  }
  ctx.join_all();
  ctx.annotate(std::string(kLooksNote) + std::to_string(looks.load()) + " looks, " + std::to_string(handled.load()) +
               " jobs handled");
}

}  // namespace locklab::bugs::healthy_select_wait
