#include "workload.h"

#include <atomic>
#include <chrono>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::read_lock_released_before_children {
namespace {

// Called by the last child of a broadcast: marks a broadcast whose messages
// were not all built from the header's version.
void check(RunContext& ctx, const Broadcast& b) {
  std::uint32_t other = 0;
  std::string versions;
  for (std::uint32_t p = 0; p < b.peers(); ++p) {
    other += b.version_sent(p) != b.header_version();
    versions += " v" + std::to_string(b.version_sent(p));
  }
  if (other == 0) return;
  ctx.annotate(kMixed + std::to_string(other) + " of " + std::to_string(b.peers()) +
               " messages built from another version than the header's v" + std::to_string(b.header_version()) +
               " (broadcast " + std::to_string(b.id()) + ":" + versions + ")");
}

}  // namespace

void run(RunContext& ctx, MakeReplica make) {
  ReplicaConfig config;
  config.peers = ctx.threads();
  config.encode_time = std::chrono::microseconds(ctx.param_int("encode_us"));
  config.apply_time = std::chrono::microseconds(ctx.param_int("apply_us"));
  const auto apply_gap = std::chrono::microseconds(ctx.param_int("apply_gap_us"));
  const auto heartbeat = ctx.param_ms("heartbeat_ms");
  const auto broadcast = ctx.op("Broadcast");
  const auto send = ctx.op("Send");
  const auto apply = ctx.op("Apply");

  std::atomic<std::uint64_t> sends{0};
  // The replica outlives every child: join_all() below waits for them.
  const std::unique_ptr<Replica> replica = make(
      [&](std::function<void()> body) {
        ctx.go("send-" + std::to_string(sends.fetch_add(1, std::memory_order_relaxed)),
               [&ctx, send, body = std::move(body)] { ctx.timed(send, body); });
      },
      config);

  ctx.go("leader", [&] {
    for (std::uint64_t n = 1; ctx.running(); ++n) {
      auto b = std::make_shared<Broadcast>(n, config.peers, [&ctx](const Broadcast& done) { check(ctx, done); });
      ctx.timed(broadcast, [&] { replica->broadcast(std::move(b)); });
      sleep_for(heartbeat);
    }
  });
  ctx.go("applier", [&] {
    while (ctx.running()) {
      ctx.timed(apply, [&] { replica->apply(); });
      sleep_for(apply_gap);
    }
  });
  ctx.join_all();
}

}  // namespace locklab::bugs::read_lock_released_before_children
