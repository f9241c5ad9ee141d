#include "workload.h"

#include <chrono>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/sync/work.h"

namespace locklab::bugs::global_counter_lock {

using namespace std::chrono_literals;

void run(RunContext& ctx, MakeCounter make) {
  const std::uint32_t n = ctx.threads();
  const std::unique_ptr<Counter> counter = make(n);
  const auto incs = ctx.param_int("incs");
  const auto request = ctx.op("Request");
  const auto read = ctx.op("Read");

  std::vector<std::uint64_t> made(n, 0);  // increments per worker, written once at its end
  for (std::uint32_t i = 0; i < n; ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      std::uint64_t mine = 0;
      while (ctx.running()) {
        // One request: it counts each of its `incs` events as it handles it.
        ctx.timed(request, [&] {
          for (std::int64_t k = 0; k < incs; ++k) counter->inc(i);
        });
        mine += static_cast<std::uint64_t>(incs);
      }
      made[i] = mine;
    });
  }
  ctx.go("scraper", [&] {
    while (ctx.running()) {
      ctx.timed(read, [&] { (void)counter->value(); });
      sleep_for(10ms);
    }
  });
  ctx.join_all();

  // A faster counter that loses increments is no fix.
  const std::uint64_t expected = std::accumulate(made.begin(), made.end(), std::uint64_t{0});
  if (counter->value() != expected) {
    throw std::runtime_error("the counter says " + std::to_string(counter->value()) + " after " +
                             std::to_string(expected) + " increments");
  }
}

}  // namespace locklab::bugs::global_counter_lock
