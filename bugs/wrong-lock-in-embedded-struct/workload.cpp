#include "workload.h"

#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {

void run(RunContext& ctx, MakeReplica make) {
  if (ctx.threads() < 2) throw std::invalid_argument("needs at least 2 threads: one leader and one peer");
  const std::uint32_t peers = ctx.threads() - 1;
  const std::unique_ptr<Replica> replica = make(peers);
  const auto idle = std::chrono::microseconds(ctx.param_int("idle_us"));
  const auto broadcast = ctx.op("Broadcast");
  const auto ack = ctx.op("Ack");

  ctx.go("leader", [&] {
    while (ctx.running()) ctx.timed(broadcast, [&] { replica->broadcast(); });
  });
  for (std::uint32_t i = 0; i < peers; ++i) {
    ctx.go("peer-" + std::to_string(i), [&, i] {
      while (ctx.running()) {
        bool acked = false;
        ctx.timed(ack, [&] { acked = replica->ack(i); });
        if (!acked) sleep_for(idle);  // caught up: wait for the next entry
      }
    });
  }
  ctx.join_all();

  // A drifted in_flight is this bug's symptom, not a failure of the run:
  // report the counts and let the oracle judge.
  std::uint64_t sent = 0, acked = 0, in_flight = 0, drift = 0;
  for (std::uint32_t i = 0; i < peers; ++i) {
    const PeerCounts c = replica->counts(i);
    sent += c.sent;
    acked += c.acked;
    in_flight += c.in_flight;
    const auto expected = static_cast<std::int64_t>(c.sent - c.acked);
    const auto actual = static_cast<std::int64_t>(c.in_flight);
    drift += static_cast<std::uint64_t>(actual > expected ? actual - expected : expected - actual);
  }
  ctx.annotate(std::string(kCountsNote) + "sent " + std::to_string(sent) + ", acked " + std::to_string(acked) +
               ", in flight " + std::to_string(in_flight) + "; drift " + std::to_string(drift) + " over " +
               std::to_string(peers) + " peers; log length " + std::to_string(replica->log_length()));
}

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
