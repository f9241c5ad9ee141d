#include "workload.h"

#include <chrono>
#include <random>
#include <stdexcept>
#include <string>
#include <utility>

namespace locklab::bugs::lock_order_inversion {
namespace {

enum class Direction { kAny, kUp, kDown };

}  // namespace

void run(RunContext& ctx, MakeBank make) {
  const auto accounts = static_cast<std::uint32_t>(ctx.param_int("accounts"));
  const std::unique_ptr<Bank> bank = make(accounts, kOpening, std::chrono::microseconds(ctx.param_int("check_us")));
  const auto transfer = ctx.op("Transfer");
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run (or its half) ends
  using std::chrono::nanoseconds;

  // One teller: transfers until the run (or its half of it) is over.
  auto teller = [&](std::uint64_t stream, Direction direction, nanoseconds until) {
    std::mt19937_64 rng = ctx.rng(stream);
    for (std::uint64_t n = 1; ctx.running() && ctx.now() < until && (ops == 0 || n <= ops); ++n) {
      auto from = static_cast<std::uint32_t>(rng() % accounts);
      auto to = static_cast<std::uint32_t>(rng() % (accounts - 1));
      if (to >= from) ++to;  // two different accounts
      if ((direction == Direction::kUp && from > to) || (direction == Direction::kDown && from < to))
        std::swap(from, to);
      const auto amount = static_cast<std::int64_t>(1 + rng() % 100);
      ctx.timed(transfer, [&] { (void)bank->transfer(from, to, amount); });
    }
  };

  if (ctx.param_int("one_way") == 0) {
    for (std::uint32_t i = 0; i < ctx.threads(); ++i)
      ctx.go("teller-" + std::to_string(i), [&, i] { teller(i, Direction::kAny, nanoseconds::max()); });
    ctx.join_all();
  } else {
    const nanoseconds half = ctx.now() + ctx.duration() / 2;
    for (std::uint32_t i = 0; i < ctx.threads(); ++i)
      ctx.go("up-" + std::to_string(i), [&, i] { teller(i, Direction::kUp, half); });
    ctx.join_all();  // every up-transfer is over before the first down-transfer starts
    ctx.annotate("second half: transfers from higher to lower account numbers");
    for (std::uint32_t i = 0; i < ctx.threads(); ++i)
      ctx.go("down-" + std::to_string(i),
             [&, i] { teller(ctx.threads() + i, Direction::kDown, nanoseconds::max()); });
    ctx.join_all();
  }

  // A fix that makes or loses money is no fix.
  const std::int64_t expected = kOpening * accounts;
  if (const std::int64_t total = bank->total(); total != expected)
    throw std::runtime_error("the bank holds " + std::to_string(total) + " cents, not " + std::to_string(expected));
}

}  // namespace locklab::bugs::lock_order_inversion
