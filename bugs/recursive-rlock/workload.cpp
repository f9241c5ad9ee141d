#include "workload.h"

#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/sync/work.h"

namespace locklab::bugs::recursive_rlock {

void run(RunContext& ctx, MakeLedger make) {
  const auto writers = static_cast<std::uint32_t>(ctx.param_int("writers"));
  if (writers >= ctx.threads()) {
    throw std::invalid_argument("writers = " + std::to_string(writers) + " leaves no thread to read; run with more than " +
                                std::to_string(writers) + " threads");
  }
  const std::unique_ptr<Ledger> ledger = make(std::chrono::microseconds(ctx.param_int("audit_us")));
  const auto write_gap = std::chrono::microseconds(ctx.param_int("write_gap_us"));
  const auto read_gap = std::chrono::microseconds(ctx.param_int("read_gap_us"));
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run ends
  const auto add = ctx.op("AddEntries");
  const auto net = ctx.op("Net");
  const auto sum = ctx.op("SumDebits");

  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    const bool writer = i < writers;
    const std::string name = writer ? "writer-" + std::to_string(i) : "reader-" + std::to_string(i - writers);
    ctx.go(name, [&, i, writer] {
      std::mt19937_64 rng = ctx.rng(i);
      for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {
        if (writer) {
          const auto amount = static_cast<std::int64_t>(1 + rng() % 100);
          // Two debits and one credit that net to +1: the balance counts the posts.
          const std::vector<std::int64_t> debits{amount, 1}, credits{amount};
          ctx.timed(add, [&] { ledger->add_entries(debits, credits); });
          sleep_for(write_gap);
        } else {
          ctx.timed(net, [&] { (void)ledger->net(); });
          if (n % 4 == 0) ctx.timed(sum, [&] { (void)ledger->sum_debits(); });
          if (read_gap.count() > 0) sleep_for(read_gap);
        }
      }
    });
  }
  ctx.join_all();
}

}  // namespace locklab::bugs::recursive_rlock
