#include "workload.h"

#include <atomic>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::waitgroup_add_inside_thread {

void run(RunContext& ctx, MakeGatherer make) {
  const auto parts = static_cast<std::uint32_t>(ctx.param_int("parts"));
  const auto fetch_time = ctx.param_ms("fetch_ms");
  const auto gap = ctx.param_ms("gap_ms");
  // Go's `go f()` makes f runnable; the parent usually goes on first. An OS
  // thread may instead start at once (and always does under ThreadSanitizer,
  // whose pthread_create waits for the child), so each fetch thread first
  // waits as long as a goroutine would wait for the scheduler.
  const std::chrono::nanoseconds start_delay = std::chrono::microseconds(ctx.param_int("start_us"));
  const auto gather = ctx.op("Gather");
  const auto fetch = ctx.op("Fetch");

  std::atomic<std::uint64_t> fetches{0};
  const std::unique_ptr<Gatherer> gatherer = make([&](std::function<void()> body) {
    ctx.go("fetch-" + std::to_string(fetches.fetch_add(1, std::memory_order_relaxed)),
           [&ctx, fetch, start_delay, body = std::move(body)] {
             sleep_for(start_delay);
             ctx.timed(fetch, body);
           });
  });

  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    const std::string name = "gatherer-" + std::to_string(i);
    ctx.go(name, [&, i, name] {
      for (std::uint64_t n = 1; ctx.running(); ++n) {
        const std::uint64_t page = (std::uint64_t{i} << 32) | n;
        std::vector<std::optional<std::uint64_t>> got;
        ctx.timed(gather, [&] { got = gatherer->gather(page, parts, fetch_time); });
        std::uint32_t missing = 0;
        for (std::uint32_t p = 0; p < got.size(); ++p) {
          if (!got[p]) ++missing;
          else if (*got[p] != part_content(page, p)) throw std::runtime_error(name + " got a part of another page");
        }
        if (missing > 0) {
          ctx.annotate(kPartial + std::to_string(missing) + " of " + std::to_string(parts) +
                       " parts missing after wait() (" + name + ", page " + std::to_string(n) + ")");
        }
        sleep_for(gap);
      }
    });
  }
  // The gatherers, and every fetch thread, late ones included.
  ctx.join_all();
}

}  // namespace locklab::bugs::waitgroup_add_inside_thread
