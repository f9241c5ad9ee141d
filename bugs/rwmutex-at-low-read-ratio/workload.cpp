#include "workload.h"

#include <ctime>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"

namespace locklab::bugs::rwmutex_at_low_read_ratio {

namespace {

// CPU time the calling thread has used so far, in ns. Unlike wall time it
// does not grow while the machine runs someone else's work.
std::uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

}  // namespace

void run(RunContext& ctx, MakeTable make) {
  const std::unique_ptr<Table> table = make(std::chrono::microseconds(ctx.param_int("read_us")));
  const auto keys = static_cast<std::uint32_t>(ctx.param_int("keys"));
  const auto read_pct = static_cast<std::uint64_t>(ctx.param_int("read_pct"));
  const auto get = ctx.op("Get");
  const auto put = ctx.op("Put");
  for (std::uint32_t k = 0; k < keys; ++k) table->put(k, k);  // a full table from the start

  std::vector<std::uint64_t> cpu_ns(ctx.threads(), 0), ops(ctx.threads(), 0);  // per worker, written at its end
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      const std::uint64_t cpu_start = thread_cpu_ns();
      std::mt19937_64 rng = ctx.rng(i);
      std::uint64_t n = 0, done = 0;
      while (ctx.running()) {
        const std::uint64_t r = rng();
        const auto key = static_cast<std::uint32_t>((r >> 8) % keys);
        if (r % 100 < read_pct) {
          ctx.timed(get, [&] { (void)table->get(key); });
        } else {
          ctx.timed(put, [&] { table->put(key, ++n); });
        }
        ++done;
      }
      ops[i] = done;
      cpu_ns[i] = thread_cpu_ns() - cpu_start;
    });
  }
  ctx.join_all();
  ctx.annotate(std::string(kCpuPrefix) +
               text_format("ops=%llu cpu_ns=%llu",
                           static_cast<unsigned long long>(std::accumulate(ops.begin(), ops.end(), std::uint64_t{0})),
                           static_cast<unsigned long long>(std::accumulate(cpu_ns.begin(), cpu_ns.end(), std::uint64_t{0}))));
}

}  // namespace locklab::bugs::rwmutex_at_low_read_ratio
