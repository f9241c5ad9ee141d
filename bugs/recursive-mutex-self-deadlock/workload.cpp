#include "workload.h"

#include <random>
#include <string>

#include "locklab/sync/work.h"

namespace locklab::bugs::recursive_mutex_self_deadlock {

void run(RunContext& ctx, MakeCart make) {
  const auto limit_cents = static_cast<std::uint64_t>(ctx.param_int("limit_cents"));
  const std::unique_ptr<Cart> cart = make(limit_cents);
  const auto gap = ctx.param_ms("gap_ms");
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run ends
  const auto add = ctx.op("Add");
  const auto total = ctx.op("Total");
  const auto checkout = ctx.op("Checkout");
  constexpr std::uint32_t kItems = 50;

  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    ctx.go("shopper-" + std::to_string(i), [&, i] {
      std::mt19937_64 rng = ctx.rng(i);
      for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {
        const auto sku = static_cast<std::uint32_t>(rng() % kItems);
        const auto qty = static_cast<std::uint32_t>(1 + rng() % 3);
        const std::uint64_t price = 100 + rng() % 5000;
        bool fits = true;
        ctx.timed(add, [&] { fits = cart->add(sku, qty, price); });
        if (!fits) ctx.timed(checkout, [&] { cart->clear(); });
        if (n % 4 == 0) ctx.timed(total, [&] { (void)cart->total(); });
        sleep_for(gap);
      }
    });
  }
  ctx.join_all();
}

}  // namespace locklab::bugs::recursive_mutex_self_deadlock
