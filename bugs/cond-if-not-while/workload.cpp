#include "workload.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::cond_if_not_while {

void run(RunContext& ctx, MakeQueue make) {
  const auto burst = ctx.param_int("burst");
  const auto every = ctx.param_ms("every_ms");
  const auto work = std::chrono::nanoseconds(ctx.param_int("work_us") * 1000);
  const auto push_op = ctx.op("Push");
  const auto handle_op = ctx.op("Handle");
  const std::unique_ptr<Queue> queue = make();

  std::atomic<std::uint64_t> pushed{0}, pushed_sum{0}, popped{0}, popped_sum{0};
  ctx.go("producer", [&] {
    Item next = 0;
    while (ctx.running()) {
      for (std::int64_t k = 0; k < burst; ++k) {
        const Item item = ++next;
        ctx.timed(push_op, [&] { queue->push(item); });
        pushed.fetch_add(1, std::memory_order_relaxed);
        pushed_sum.fetch_add(item, std::memory_order_relaxed);
      }
      sleep_for(every);
    }
    queue->close();
  });
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("consumer-" + std::to_string(i), [&] {
      while (const std::optional<Item> item = queue->pop()) {
        ctx.timed(handle_op, [&] { compute(work); });
        popped.fetch_add(1, std::memory_order_relaxed);
        popped_sum.fetch_add(*item, std::memory_order_relaxed);
      }
    });
  }
  ctx.join_all();

  // A queue that loses or duplicates items is no fix either.
  if (popped.load() != pushed.load() || popped_sum.load() != pushed_sum.load()) {
    throw std::runtime_error(std::to_string(pushed.load()) + " items pushed, " + std::to_string(popped.load()) +
                             " popped (sums " + std::to_string(pushed_sum.load()) + " and " +
                             std::to_string(popped_sum.load()) + ")");
  }
}

}  // namespace locklab::bugs::cond_if_not_while
