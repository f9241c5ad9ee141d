#include "workload.h"

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::check_then_act_upgrade {

std::shared_ptr<const Session> SessionFactory::open(std::uint32_t key) {
  io(open_time_);  // the round trip to the database
  const std::uint64_t serial = opened_.fetch_add(1, std::memory_order_relaxed) + 1;
  return std::make_shared<const Session>(Session{key, serial});
}

void run(RunContext& ctx, MakeRegistry make) {
  const std::uint32_t n = ctx.threads();
  SessionFactory factory(std::chrono::microseconds(ctx.param_int("open_us")));
  const std::unique_ptr<Registry> registry = make(factory);
  const auto get = ctx.op("Get");

  // got[i][k]: the serial of the session worker i was handed for key k.
  // Each worker writes only its own vector; they are read after join_all().
  std::vector<std::vector<std::uint64_t>> got(n);
  for (std::uint32_t i = 0; i < n; ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      std::vector<std::uint64_t>& mine = got[i];
      for (std::uint32_t key = 0; ctx.running(); ++key) {
        ctx.timed(get, [&] { mine.push_back(registry->get(key)->serial); });
      }
    });
  }
  ctx.join_all();

  std::size_t keys = 0;
  for (const auto& mine : got) keys = std::max(keys, mine.size());
  std::uint64_t split = 0;
  for (std::size_t k = 0; k < keys; ++k) {
    std::set<std::uint64_t> serials;
    for (const auto& mine : got)
      if (k < mine.size()) serials.insert(mine[k]);
    if (serials.size() > 1) ++split;
  }
  ctx.annotate(std::string(kTallyPrefix) +
               text_format("keys=%llu opened=%llu kept=%llu split=%llu", static_cast<unsigned long long>(keys),
                           static_cast<unsigned long long>(factory.opened()),
                           static_cast<unsigned long long>(registry->size()),
                           static_cast<unsigned long long>(split)));
}

}  // namespace locklab::bugs::check_then_act_upgrade
