// An ordinary program that uses locklab's primitives instead of std::mutex:
// an order book whose lock is held across a (simulated) disk write, the
// pattern of lock-held-across-io. It records its own run, prints what the
// recording says (the verdict, the most contended line, the waiting share)
// and saves the trace, which `locklab trace-info FILE`, `locklab export FILE`
// and `locklab-viz FILE` open.
//
//   own-program [OUT.lltrace]        (default: own-program.lltrace)
#include <chrono>
#include <cstdio>
#include <map>
#include <string>

#include "locklab/locklab.h"
#include "locklab/trace/trace_file.h"

namespace {

using namespace std::chrono_literals;

class OrderBook {
 public:
  void add(const std::string& symbol, int qty) {
    locklab::MutexLock lock(mu_);
    book_[symbol] += qty;
  }
  void snapshot_to_disk() {
    locklab::MutexLock lock(mu_);  // held through the write: every add() waits
    locklab::io(2ms);
  }

 private:
  locklab::Mutex mu_{"OrderBook.mu"};
  std::map<std::string, int> book_ LOCKLAB_GUARDED_BY(mu_);
};

void workload(locklab::RunContext& ctx) {
  OrderBook book;
  for (std::uint32_t i = 0; i < ctx.threads(); ++i)
    ctx.go("trader-" + std::to_string(i), [&book, &ctx, i] {
      while (ctx.running()) {
        book.add(i % 2 ? "ACME" : "INIT", 1);
        locklab::sleep_for(100us);
      }
    });
  ctx.go("snapshotter", [&book, &ctx] {
    while (ctx.running()) {
      book.snapshot_to_disk();
      locklab::sleep_for(3ms);
    }
  });
  ctx.join_all();
}

}  // namespace

int main(int argc, char** argv) {
  const std::string out = argc > 1 ? argv[1] : "own-program.lltrace";
  locklab::RunConfig config;
  config.threads = 3;
  config.duration_ms = 200;
  const locklab::Trace trace = locklab::run_workload("own-program", workload, config);

  const locklab::ContentionProfile profile = locklab::contention(trace);
  std::printf("verdict: %s\n", trace.verdict.summary.c_str());
  std::printf("threads waited for locks %.1f%% of their time\n",
              profile.thread_time_ns ? 100.0 * static_cast<double>(profile.total_wait_ns) /
                                           static_cast<double>(profile.thread_time_ns)
                                     : 0.0);
  if (!profile.by_waiter.empty()) {
    const locklab::ContentionRow& top = profile.by_waiter.front();
    std::printf("most contended: %s at %s, %llu waits, %.0f%% of all lock waiting\n",
                trace.object_text(top.object).c_str(), trace.site_text(top.site).c_str(),
                static_cast<unsigned long long>(top.count), 100.0 * top.share);
  }
  if (const std::string error = locklab::save_trace(trace, out); !error.empty()) {
    std::fprintf(stderr, "own-program: %s\n", error.c_str());
    return 1;
  }
  std::printf("trace saved to %s (open it with: locklab-viz %s)\n", out.c_str(), out.c_str());
  return 0;
}
