#include "workload.h"

#include <random>
#include <stdexcept>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::lock_held_across_io {

void run(RunContext& ctx, MakeStore make) {
  const auto savers = static_cast<std::uint32_t>(ctx.param_int("savers"));
  if (savers >= ctx.threads()) {
    throw std::invalid_argument("savers = " + std::to_string(savers) +
                                " leaves no thread to load; run with more than " + std::to_string(savers) +
                                " threads");
  }
  const std::unique_ptr<Store> store = make(ctx.param_ms("io_ms"));
  const auto gap = ctx.param_ms("gap_ms");
  const auto save = ctx.op("Save");
  const auto load = ctx.op("Load");
  constexpr std::uint32_t kKeys = 64;

  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    const bool saver = i < savers;
    const std::string name = saver ? "saver-" + std::to_string(i) : "loader-" + std::to_string(i - savers);
    ctx.go(name, [&, i, saver] {
      std::mt19937_64 rng = ctx.rng(i);
      std::uint64_t n = 0;
      while (ctx.running()) {
        const auto key = static_cast<std::uint32_t>(rng() % kKeys);
        if (saver) {
          ctx.timed(save, [&] { store->save(key, (std::uint64_t{i} << 32) | ++n); });
        } else {
          ctx.timed(load, [&] { (void)store->load(key); });
        }
        sleep_for(gap);
      }
    });
  }
  ctx.join_all();
}

}  // namespace locklab::bugs::lock_held_across_io
