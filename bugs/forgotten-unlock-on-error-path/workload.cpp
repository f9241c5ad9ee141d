#include "workload.h"

#include <atomic>
#include <chrono>
#include <random>
#include <stdexcept>
#include <string>

#include "locklab/sync/chan.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
namespace {

std::uint64_t value_of(std::uint32_t key) { return std::uint64_t{key} * 1000003 + 11; }

// A backend that takes `fetch_time` per fetch and fails every
// `fail_every`-th fetch, the way `faults` says: 0 alternates (an error
// return first, then an exception, ...), 1 only returns errors, 2 only
// throws.
class FlakyBackend final : public Backend {
 public:
  FlakyBackend(std::chrono::nanoseconds fetch_time, std::uint64_t fail_every, int faults)
      : fetch_time_(fetch_time), fail_every_(fail_every), faults_(faults) {}

  std::optional<std::uint64_t> fetch(std::uint32_t key) override {
    io(fetch_time_);
    const std::uint64_t n = fetches_.fetch_add(1, std::memory_order_relaxed) + 1;
    if (n % fail_every_ != 0) return value_of(key);
    const std::uint64_t failure = n / fail_every_;  // 1, 2, 3, ...
    const bool throws = faults_ == 2 || (faults_ == 0 && failure % 2 == 0);
    if (throws) throw BackendError("backend sent a malformed reply for key " + std::to_string(key));
    return std::nullopt;  // the backend reported an error
  }

 private:
  const std::chrono::nanoseconds fetch_time_;
  const std::uint64_t fail_every_;
  const int faults_;
  std::atomic<std::uint64_t> fetches_{0};
};

}  // namespace

void run(RunContext& ctx, MakeStore make) {
  FlakyBackend backend(std::chrono::microseconds(ctx.param_int("fetch_us")),
                       static_cast<std::uint64_t>(ctx.param_int("fail_every")),
                       static_cast<int>(ctx.param_int("faults")));
  const std::unique_ptr<Store> store = make(backend);
  const auto gap = ctx.param_ms("gap_ms");
  const auto update_op = ctx.op("Update");
  const auto ops = static_cast<std::uint64_t>(ctx.param_int("ops"));  // 0: until the run ends
  constexpr std::uint32_t kKeys = 64;

  // One connection: serve requests until the run ends or an update fails.
  auto serve = [&](std::uint32_t conn) {
    const std::string name = "conn-" + std::to_string(conn);
    std::mt19937_64 rng = ctx.rng(conn);
    for (std::uint64_t n = 1; ctx.running() && (ops == 0 || n <= ops); ++n) {
      const auto key = static_cast<std::uint32_t>(rng() % kKeys);
      std::string failure;
      try {
        ctx.timed(update_op, [&] {
          if (!store->update(key)) {
            failure = "the backend returned an error";
          } else if (store->get(key) != value_of(key)) {
            throw std::runtime_error(name + ": key " + std::to_string(key) + " has a wrong value after update");
          }
        });
      } catch (const BackendError& e) {  // the handler catches it itself and carries on
        failure = std::string("the backend threw: ") + e.what();
      }
      if (!failure.empty()) {
        ctx.annotate(name + ": " + kFailureNote + " for key " + std::to_string(key) + ": " + failure +
                     "; answering with an error and closing the connection");
        return;
      }
      sleep_for(gap);
    }
  };

  // The acceptor: keeps `threads` connections open; a closed one is
  // replaced (the client reconnects) until the run ends. With ops > 0 each
  // client makes its `ops` requests and leaves: nobody reconnects.
  Chan<std::uint32_t> hangups("Server.hangups", ctx.threads());  // room for every open connection: never blocks
  std::uint32_t next_conn = 0;
  auto open_connection = [&] {
    const std::uint32_t conn = next_conn++;
    ctx.go("conn-" + std::to_string(conn), [&, conn] {
      serve(conn);
      hangups.send(conn);
    });
  };
  try {
    for (std::uint32_t i = 0; i < ctx.threads(); ++i) open_connection();
    for (std::uint32_t open = ctx.threads(); open > 0;) {
      (void)hangups.recv();
      --open;
      if (ctx.running() && ops == 0) {
        open_connection();
        ++open;
      }
    }
  } catch (const Cancelled&) {
    ctx.join_all();  // the handlers use this stack's state: let them unwind first (throws Cancelled again)
    throw;
  }
  ctx.join_all();
}

}  // namespace locklab::bugs::forgotten_unlock_on_error_path
