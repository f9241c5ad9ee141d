#include "workload.h"

#include <algorithm>
#include <ctime>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"

namespace locklab::bugs::read_mostly_map_under_writes {

namespace {

// CPU time the calling thread has used so far, in ns. Unlike wall time it
// does not grow while the machine runs someone else's work.
std::uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

}  // namespace

void run(RunContext& ctx, MakeMap make) {
  const std::unique_ptr<ConcurrentMap> map = make(static_cast<std::uint32_t>(ctx.param_int("shards")));
  const auto window = static_cast<std::uint64_t>(ctx.param_int("window"));
  const auto store = ctx.op("Store");
  const auto load = ctx.op("Load");
  const auto erase = ctx.op("Delete");

  std::vector<std::uint64_t> ops(ctx.threads(), 0), cpu_ns(ctx.threads(), 0);  // per worker, written at its end
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      const std::uint64_t cpu_start = thread_cpu_ns();
      std::mt19937_64 rng = ctx.rng(i);
      // Worker i's keys: its index in the top bits, a request number below.
      const auto key = [i](std::uint64_t seq) { return (std::uint64_t{i} << 40) | seq; };
      std::uint64_t seq = 0;
      for (; ctx.running(); ++seq) {
        ctx.timed(store, [&] { map->store(key(seq), seq); });
        const std::uint64_t recent = seq - rng() % std::min(window, seq + 1);
        ctx.timed(load, [&] { (void)map->load(key(recent)); });
        if (seq >= window) ctx.timed(erase, [&] { map->erase(key(seq - window)); });
      }
      ops[i] = 2 * seq + (seq > window ? seq - window : 0);
      cpu_ns[i] = thread_cpu_ns() - cpu_start;
      // The keys still in this worker's window must hold what it stored.
      for (std::uint64_t s = seq > window ? seq - window : 0; s < seq; ++s) {
        const auto v = map->load(key(s));
        if (!v || *v != s) throw std::runtime_error("key " + std::to_string(s) + " of worker " + std::to_string(i) +
                                                    " lost its value");
      }
    });
  }
  ctx.join_all();
  ctx.annotate(std::string(kCpuPrefix) +
               text_format("ops=%llu cpu_ns=%llu",
                           static_cast<unsigned long long>(std::accumulate(ops.begin(), ops.end(), std::uint64_t{0})),
                           static_cast<unsigned long long>(std::accumulate(cpu_ns.begin(), cpu_ns.end(), std::uint64_t{0}))));
}

}  // namespace locklab::bugs::read_mostly_map_under_writes
