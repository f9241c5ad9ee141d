#include "workload.h"

#include <array>
#include <atomic>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::atomic_pointer_mutated_in_place {

namespace {

constexpr std::array<std::uint32_t, 5> kShardCounts = {4, 8, 16, 32, 64};

// What one reader saw; written by that reader only, read after join_all().
struct ReaderTally {
  std::uint64_t reads = 0;
  std::uint64_t torn = 0;
  ShardPlan first_torn;  // {0, 0} until one is seen
};

}  // namespace

void run(RunContext& ctx, MakeHolder make) {
  const auto writers = static_cast<std::uint32_t>(ctx.param_int("writers"));
  if (writers >= ctx.threads()) {
    throw std::invalid_argument("writers = " + std::to_string(writers) + " leaves no thread to read; run with more than " +
                                std::to_string(writers) + " threads");
  }
  const std::unique_ptr<PlanHolder> holder = make(std::chrono::microseconds(ctx.param_int("plan_us")));
  const auto gap = ctx.param_ms("gap_ms");
  const auto batch = ctx.param_int("batch");
  const auto reshard = ctx.op("Reshard");
  const auto lookup = ctx.op("Lookup");
  std::atomic<std::int64_t>& torn_gauge = Runtime::get().gauge("torn reads");

  std::atomic<std::uint64_t> reshards{0};
  for (std::uint32_t w = 0; w < writers; ++w) {
    ctx.go("resharder-" + std::to_string(w), [&, w] {
      for (std::size_t k = w; ctx.running(); ++k) {
        ctx.timed(reshard, [&] { holder->reshard(kShardCounts[k % kShardCounts.size()]); });
        reshards.fetch_add(1, std::memory_order_relaxed);
        sleep_for(gap);
      }
    });
  }
  std::vector<ReaderTally> tallies(ctx.threads() - writers);
  for (std::uint32_t r = 0; r < tallies.size(); ++r) {
    ctx.go("reader-" + std::to_string(r), [&, r] {
      ReaderTally& mine = tallies[r];
      while (ctx.running()) {
        std::uint64_t torn = 0;
        ctx.timed(lookup, [&] {
          for (std::int64_t k = 0; k < batch; ++k) {
            const ShardPlan plan = holder->read();
            if (plan.consistent()) continue;
            if (mine.torn + torn == 0) mine.first_torn = plan;
            ++torn;
          }
        });
        mine.reads += static_cast<std::uint64_t>(batch);
        mine.torn += torn;
        if (torn > 0) torn_gauge.fetch_add(static_cast<std::int64_t>(torn), std::memory_order_relaxed);
      }
    });
  }
  ctx.join_all();

  ReaderTally total;
  for (const ReaderTally& t : tallies) {
    total.reads += t.reads;
    total.torn += t.torn;
    if (total.first_torn.shards == 0) total.first_torn = t.first_torn;
  }
  ctx.annotate(std::string(kTallyPrefix) +
               text_format("reads=%llu torn=%llu reshards=%llu retries=%llu example=%ux%u",
                           static_cast<unsigned long long>(total.reads), static_cast<unsigned long long>(total.torn),
                           static_cast<unsigned long long>(reshards.load()),
                           static_cast<unsigned long long>(holder->retries()), total.first_torn.shards,
                           total.first_torn.slots_per_shard));
}

}  // namespace locklab::bugs::atomic_pointer_mutated_in_place
