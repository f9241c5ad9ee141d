#include "workload.h"

#include <array>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/core/thread_record.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {

void run(RunContext& ctx, MakeHub make) {
  const auto broadcasters = static_cast<std::uint32_t>(ctx.param_int("broadcasters"));
  if (broadcasters >= ctx.threads()) {
    throw std::invalid_argument("broadcasters = " + std::to_string(broadcasters) +
                                " leaves no client thread; run with more than " + std::to_string(broadcasters) +
                                " threads");
  }
  const std::uint32_t client_count = ctx.threads() - broadcasters;
  HubConfig config;
  config.workers = static_cast<std::uint32_t>(ctx.param_int("workers"));
  config.queue = static_cast<std::uint32_t>(ctx.param_int("queue"));
  config.write_time = std::chrono::microseconds(ctx.param_int("write_us"));
  const auto broadcast_gap = std::chrono::microseconds(ctx.param_int("broadcast_gap_us"));
  const auto stay = ctx.param_ms("stay_ms");
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run ends
  const auto broadcast = ctx.op("Broadcast");
  const auto subscribe = ctx.op("Subscribe");
  const auto unsubscribe = ctx.op("Unsubscribe");
  static const std::array<std::string, 3> kStreams{"chat", "news", "prices"};

  // Declared before the hub: the hub's tasks deliver to them until it is gone.
  std::vector<std::unique_ptr<Client>> clients;
  for (std::uint32_t i = 0; i < client_count; ++i) clients.push_back(std::make_unique<Client>(i));
  std::unique_ptr<Hub> hub = make(ctx, config);

  // The hub's users; the pool's workers are threads of the run too, and end
  // only when the hub shuts its pool down, so wait for the users alone first.
  WaitGroup users("users");
  users.add(static_cast<int>(ctx.threads()));
  for (std::uint32_t i = 0; i < broadcasters; ++i) {
    ctx.go("broadcaster-" + std::to_string(i), [&, i] {
      std::mt19937_64 rng = ctx.rng(i);
      for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {
        const std::string& stream = kStreams[rng() % kStreams.size()];
        ctx.timed(broadcast, [&] { hub->broadcast(stream, n); });
        sleep_for(broadcast_gap);
      }
      users.done();
    });
  }
  for (std::uint32_t i = 0; i < client_count; ++i) {
    ctx.go("client-" + std::to_string(i), [&, i] {
      std::mt19937_64 rng = ctx.rng(broadcasters + i);
      Client& me = *clients[i];
      for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {  // one op: in and out again
        const std::string& stream = kStreams[rng() % kStreams.size()];
        ctx.timed(subscribe, [&] { hub->subscribe(me, stream); });
        sleep_for(stay);
        ctx.timed(unsubscribe, [&] { hub->unsubscribe(me, stream); });
        sleep_for(stay);
      }
      users.done();
    });
  }
  try {
    users.wait();
  } catch (const Cancelled&) {
    // The run is being cancelled (a deadlock): every thread's wait now ends,
    // the pool's workers' too. Wait for all of them before the hub and the
    // clients go out of scope; join_all() then rethrows the cancellation.
    ctx.join_all();
    throw;
  }
  hub.reset();  // shuts the pool down: its workers drain the queue and end
  ctx.join_all();
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
