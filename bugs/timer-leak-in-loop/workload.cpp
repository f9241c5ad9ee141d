#include "workload.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::timer_leak_in_loop {


void run(RunContext& ctx, ServeFn serve) {
  const auto msg_every = ctx.param_ms("msg_every_ms");
  const auto idle_after = ctx.param_ms("idle_ms");
  const auto busy = ctx.param_ms("busy_ms");
  const auto quiet = ctx.param_ms("quiet_ms");
  const auto handle_op = ctx.op("Handle");
  const auto idle_op = ctx.op("Idle");

  // A little slack, so the sender keeps its pace if a listener is late.
  Chan<Message> msgs("msgs", 16);
  std::atomic<std::uint64_t> sent{0}, handled{0};
  const Handlers on{
      [&](const Message&) {
        ctx.timed(handle_op, [] {});
        handled.fetch_add(1, std::memory_order_relaxed);
      },
      [&] { ctx.timed(idle_op, [] {}); },
  };

  ctx.go("sender", [&] {
    std::uint64_t seq = 0;
    while (ctx.running()) {
      const auto busy_until = ctx.now() + busy;
      while (ctx.running() && ctx.now() < busy_until) {
        msgs.send(Message{++seq});
        sent.fetch_add(1, std::memory_order_relaxed);
        sleep_for(msg_every);
      }
      if (!ctx.running()) break;
      ctx.annotate("quiet: no message for " + std::to_string(quiet.count() / 1'000'000) + " ms");
      sleep_for(quiet);
    }
    msgs.close();
  });
  for (std::uint32_t i = 0; i < ctx.threads(); ++i)
    ctx.go("listener-" + std::to_string(i), [&] { serve(msgs, idle_after, on); });
  ctx.join_all();

  if (handled.load() != sent.load()) {
    throw std::runtime_error(std::to_string(sent.load()) + " messages sent, " + std::to_string(handled.load()) +
                             " handled");
  }
}

}  // namespace locklab::bugs::timer_leak_in_loop
