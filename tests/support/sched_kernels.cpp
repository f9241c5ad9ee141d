#include "sched_kernels.h"

#include "locklab/sync/chan.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"

namespace locklab::test_kernels {

void lock_order(RunContext& ctx, bool fixed) {
  Mutex a("A"), b("B");
  ctx.go("ab", [&] {
    MutexLock first(a);
    MutexLock second(b);
  });
  ctx.go("ba", [&] {
    Mutex& x = fixed ? a : b;
    Mutex& y = fixed ? b : a;
    MutexLock first(x);
    MutexLock second(y);
  });
  ctx.join_all();
}

void three_counters(RunContext& ctx) {
  Mutex mu("counter.mu");
  int counter = 0;
  for (int t = 0; t < 3; ++t)
    ctx.go("inc-" + std::to_string(t), [&] {
      for (int i = 0; i < 2; ++i) {
        MutexLock lock(mu);
        ++counter;
      }
    });
  ctx.join_all();
}

void lost_receive(RunContext& ctx, bool fixed) {
  Chan<int> ch("results", 0);
  const int n = 3;
  ctx.go("producer", [&] {
    for (int i = 0; i < n; ++i) ch.send(i);
  });
  ctx.go("consumer", [&] {
    for (int i = 0; i < (fixed ? n : n - 1); ++i) (void)ch.recv();
  });
  ctx.join_all();
}

RunConfig kernel_config(std::uint32_t threads) {
  RunConfig c;
  c.threads = threads;
  c.duration_ms = 100;
  c.events_per_thread = 4096;
  return c;
}

}  // namespace locklab::test_kernels
