#include "workload.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {


// A stand-in for real processing: a checksum the save stage can verify, so
// a result that arrives mangled or twice is caught.
std::uint64_t checksum_of(std::uint64_t item) { return item * 0x9E3779B97F4A7C15ull + 1; }

}  // namespace

void run(RunContext& ctx, MakeStage make) {
  const auto process_time = ctx.param_ms("process_ms");
  const auto save_time = ctx.param_ms("save_ms");
  const auto burst = ctx.param_int("burst");
  const auto burst_every = ctx.param_ms("burst_every_ms");
  const auto process_op = ctx.op("Process");
  const auto save_op = ctx.op("Save");

  std::atomic<std::uint64_t> handed{0}, saved{0}, bad{0};
  SaveFn save = [&](const Result& r) {
    ctx.timed(save_op, [&] { io(save_time); });
    if (r.checksum != checksum_of(r.item)) bad.fetch_add(1, std::memory_order_relaxed);
    saved.fetch_add(1, std::memory_order_relaxed);
  };
  const std::unique_ptr<SaveStage> stage = make(ctx, save);

  // The last producer to finish closes the stage, which ends the savers.
  std::atomic<std::uint32_t> producing{ctx.threads()};
  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("producer-" + std::to_string(i), [&, i] {
      std::uint64_t next_item = std::uint64_t{i} << 40;
      auto next_burst = ctx.now();
      while (ctx.running()) {
        for (std::int64_t k = 0; k < burst; ++k) {
          const std::uint64_t item = next_item++;
          ctx.timed(process_op, [&] {
            compute(process_time);
            stage->hand_off(Result{item, checksum_of(item)});
          });
          handed.fetch_add(1, std::memory_order_relaxed);
        }
        // Wait for the next burst (at once if this one overran).
        next_burst += std::chrono::duration_cast<std::chrono::nanoseconds>(burst_every);
        const auto now = ctx.now();
        if (next_burst > now) sleep_for(next_burst - now);
      }
      if (producing.fetch_sub(1) == 1) stage->close();
    });
  }
  ctx.join_all();

  // A faster pipeline that loses or mangles results is no fix.
  if (saved.load() != handed.load() || bad.load() != 0) {
    throw std::runtime_error(std::to_string(handed.load()) + " results handed off, " +
                             std::to_string(saved.load()) + " saved, " + std::to_string(bad.load()) +
                             " with a wrong checksum");
  }
}

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
