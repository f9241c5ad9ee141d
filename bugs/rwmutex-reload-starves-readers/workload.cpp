#include "workload.h"

#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/sync/work.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {

namespace {
constexpr int kFlags = 64;
}  // namespace

Flags read_flags_file(std::chrono::nanoseconds took) {
  io(took * 3 / 4);   // read the file
  compute(took / 4);  // parse it
  Flags flags;
  for (int i = 0; i < kFlags; ++i) flags["flag-" + std::to_string(i)] = i % 3 == 0;
  return flags;
}

void run(RunContext& ctx, MakeConfig make) {
  if (ctx.threads() < 2) throw std::invalid_argument("needs at least 2 threads: one reloader and a reader");
  const std::unique_ptr<Config> config = make(ctx.param_ms("reload_ms"));
  const auto pause = ctx.param_ms("pause_ms");
  const auto gap = ctx.param_ms("gap_ms");
  const auto get = ctx.op("Get");
  const auto reload = ctx.op("Reload");

  std::vector<std::string> names;
  for (int i = 0; i < kFlags; ++i) names.push_back("flag-" + std::to_string(i));

  ctx.go("reloader", [&] {
    for (;;) {
      sleep_for(pause);
      if (!ctx.running()) break;
      ctx.annotate("Reload begins");
      ctx.timed(reload, [&] { config->reload(); });
    }
  });
  for (std::uint32_t i = 1; i < ctx.threads(); ++i) {
    ctx.go("reader-" + std::to_string(i - 1), [&, i] {
      std::mt19937_64 rng = ctx.rng(i);
      while (ctx.running()) {
        const std::string& flag = names[rng() % names.size()];
        ctx.timed(get, [&] { (void)config->get(flag); });
        sleep_for(gap);
      }
    });
  }
  ctx.join_all();
}

}  // namespace locklab::bugs::rwmutex_reload_starves_readers
