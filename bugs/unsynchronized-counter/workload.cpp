#include "workload.h"

#include <numeric>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"

namespace locklab::bugs::unsynchronized_counter {

void run(RunContext& ctx, MakeCounter make) {
  const std::uint32_t n = ctx.threads();
  const std::unique_ptr<Counter> counter = make();
  const auto batch = ctx.param_int("batch");
  const auto ops = ctx.param_int("ops");  // 0: until the run's end
  const auto op = ctx.op("Batch");

  std::vector<std::uint64_t> made(n, 0);  // increments per worker, written once at its end
  for (std::uint32_t i = 0; i < n; ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      std::uint64_t mine = 0;  // this worker's own count: exact, nobody else touches it
      for (std::int64_t done = 0; ctx.running() && (ops == 0 || done < ops); ++done) {
        ctx.timed(op, [&] {
          for (std::int64_t k = 0; k < batch; ++k) counter->inc();
        });
        mine += static_cast<std::uint64_t>(batch);
      }
      made[i] = mine;
    });
  }
  ctx.join_all();

  const std::uint64_t expected = std::accumulate(made.begin(), made.end(), std::uint64_t{0});
  ctx.annotate(std::string(kTallyPrefix) + text_format("increments=%llu counted=%llu",
                                                       static_cast<unsigned long long>(expected),
                                                       static_cast<unsigned long long>(counter->value())));
}

}  // namespace locklab::bugs::unsynchronized_counter
