#include "workload.h"

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>

#include "locklab/core/runtime.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::blocked_sender_leak {
namespace {

// Backend threads as lab threads of the run, counted while alive.
class RunWorkers final : public Workers {
 public:
  explicit RunWorkers(RunContext& ctx)
      : ctx_(ctx), alive_(Runtime::get().gauge(kAliveGauge)), backend_(ctx.op("Backend")) {}

  void go(std::function<void()> body) override {
    const std::uint64_t n = started_.fetch_add(1, std::memory_order_relaxed);
    alive_.fetch_add(1, std::memory_order_relaxed);
    ctx_.go("worker-" + std::to_string(n), [this, body = std::move(body)] {
      // Counted down however the thread ends (a cancelled send unwinds too).
      struct Ended {
        std::atomic<std::int64_t>& alive;
        ~Ended() { alive.fetch_sub(1, std::memory_order_relaxed); }
      } ended{alive_};
      ctx_.timed(backend_, body);
    });
  }

 private:
  RunContext& ctx_;
  std::atomic<std::int64_t>& alive_;
  const std::uint32_t backend_;
  std::atomic<std::uint64_t> started_{0};
};

}  // namespace

void run(RunContext& ctx, MakeClient make) {
  const auto deadline = ctx.param_ms("deadline_ms");
  const auto backend_min = ctx.param_ms("backend_min_ms");
  const auto backend_max = ctx.param_ms("backend_max_ms");
  if (backend_max < backend_min) throw std::invalid_argument("backend_max_ms must be at least backend_min_ms");
  const auto gap = ctx.param_ms("gap_ms");
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run ends
  const auto query = ctx.op("Query");

  RunWorkers workers(ctx);  // outlives every backend thread: join_all() below waits for them
  const std::unique_ptr<Client> client = make(workers);

  for (std::uint32_t i = 0; i < ctx.threads(); ++i) {
    const std::string name = "caller-" + std::to_string(i);
    ctx.go(name, [&, i, name] {
      std::mt19937_64 rng = ctx.rng(i);
      std::uniform_int_distribution<std::int64_t> backend_ns(backend_min.count(), backend_max.count());
      for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {
        const std::uint64_t question = (std::uint64_t{i} << 32) | n;
        const std::chrono::nanoseconds backend_time(backend_ns(rng));
        std::optional<std::uint64_t> got;
        ctx.timed(query, [&] { got = client->query(question, backend_time, deadline); });
        if (!got) {
          ctx.annotate(kGaveUp + name + " query " + std::to_string(n) + " (backend " +
                       std::to_string(backend_time.count() / 1000) + " us, deadline " +
                       std::to_string(deadline.count() / 1000) + " us)");
        } else if (*got != answer(question)) {
          throw std::runtime_error(name + " got the answer to another question");
        }
        sleep_for(gap);
      }
    });
  }
  // Waits for the callers and every backend thread. A backend thread blocked
  // forever keeps this waiting until the runner's watchdog ends the run.
  ctx.join_all();
}

}  // namespace locklab::bugs::blocked_sender_leak
