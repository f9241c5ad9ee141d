#include "workload.h"

#include <chrono>
#include <ctime>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/oracle_support.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::metrics_map_single_mutex {

using namespace std::chrono_literals;

namespace {

// CPU time the calling thread has used so far, in ns. Unlike wall time it
// does not grow while the machine runs someone else's work.
std::uint64_t thread_cpu_ns() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<std::uint64_t>(ts.tv_sec) * 1'000'000'000u + static_cast<std::uint64_t>(ts.tv_nsec);
}

}  // namespace

void run(RunContext& ctx, MakeMetrics make) {
  const std::uint32_t n = ctx.threads();
  Labels labels;
  for (std::int64_t k = 0; k < ctx.param_int("labels"); ++k) labels.push_back(text_format("route-%02lld", static_cast<long long>(k)));
  const std::unique_ptr<Metrics> metrics = make(labels, n);
  const auto incs = ctx.param_int("incs");
  const auto request = ctx.op("Request");
  const auto scrape = ctx.op("Scrape");

  std::vector<std::uint64_t> made(n, 0);    // increments per worker, written once at its end
  std::vector<std::uint64_t> cpu_ns(n, 0);  // CPU time per worker, likewise
  for (std::uint32_t i = 0; i < n; ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      const std::uint64_t cpu_start = thread_cpu_ns();
      std::mt19937_64 rng = ctx.rng(i);
      std::uint64_t mine = 0;
      while (ctx.running()) {
        ctx.timed(request, [&] {
          for (std::int64_t k = 0; k < incs; ++k) metrics->inc(i, labels[rng() % labels.size()]);
        });
        mine += static_cast<std::uint64_t>(incs);
      }
      made[i] = mine;
      cpu_ns[i] = thread_cpu_ns() - cpu_start;
    });
  }
  ctx.go("scraper", [&] {
    while (ctx.running()) {
      ctx.timed(scrape, [&] { (void)metrics->scrape(); });
      sleep_for(10ms);
    }
  });
  ctx.join_all();

  const std::uint64_t expected = std::accumulate(made.begin(), made.end(), std::uint64_t{0});
  ctx.annotate(std::string(kCpuPrefix) +
               text_format("incs=%llu cpu_ns=%llu", static_cast<unsigned long long>(expected),
                           static_cast<unsigned long long>(std::accumulate(cpu_ns.begin(), cpu_ns.end(), std::uint64_t{0}))));

  // Faster counting that loses counts is no fix.
  std::uint64_t counted = 0;
  for (const auto& [label, count] : metrics->scrape()) counted += count;
  if (counted != expected) {
    throw std::runtime_error("the counters add up to " + std::to_string(counted) + " after " +
                             std::to_string(expected) + " increments");
  }
}

}  // namespace locklab::bugs::metrics_map_single_mutex
