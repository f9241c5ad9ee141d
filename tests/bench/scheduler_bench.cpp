// The controlled scheduler's speed: schedules per second on a 3-thread
// kernel (the target is >= 10k/s on the 2-core VM), a fiber switch, and the
// time explore needs to find each catalogued blocking bug with its default
// settings (target <= 1 s each), registered from the catalogue.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <map>
#include <string>

#include "locklab/run/catalogue.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "sched_kernels.h"

namespace {

using namespace locklab;

// PCT with its choices left to the primitives (timers fire when due, no
// choose()), as step mode runs: the baseline for what deciding every choice
// costs.
class PctWithoutChoices final : public sched::Strategy {
 public:
  PctWithoutChoices(std::uint64_t seed, std::uint32_t depth) : pct_(seed, depth) {}
  std::string name() const override { return "pct"; }
  bool next_schedule() override { return pct_.next_schedule(); }
  std::uint16_t pick(const sched::Choice& c) override { return pct_.pick(c); }
  bool draws_choices() const override { return false; }
  std::uint32_t choose(const sched::DataChoice&) override { return 0; }
  void end_schedule(std::uint64_t steps) override { pct_.end_schedule(steps); }

 private:
  sched::Pct pct_;
};

// One schedule of the 3-thread counter kernel per iteration. Arguments:
// recording (1/0), and whether the strategy decides the choices (1: as
// explore does; 0: left to the primitives).
void BM_SchedulesPerSecond3Threads(benchmark::State& state) {
  sched::Pct drawing(1, 3);
  PctWithoutChoices plain(1, 3);
  sched::Strategy& pct = state.range(1) != 0 ? static_cast<sched::Strategy&>(drawing) : plain;
  RunConfig config = test_kernels::kernel_config(3);
  config.record = state.range(0) != 0;
  std::uint64_t steps = 0;
  for (auto _ : state) {
    pct.next_schedule();
    const sched::ControlledRun run = sched::run_workload_controlled("k", &test_kernels::three_counters, config, pct);
    pct.end_schedule(run.steps.size());
    steps += run.steps.size();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["steps_per_schedule"] =
      benchmark::Counter(static_cast<double>(steps) / static_cast<double>(state.iterations()));
  state.SetLabel(std::string(config.record ? "recording" : "not recording") +
                 (state.range(1) != 0 ? ", choices decided" : ", choices left to the primitives"));
}
BENCHMARK(BM_SchedulesPerSecond3Threads)
    ->ArgNames({"record", "choices"})
    ->Args({1, 1})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Args({0, 0})
    ->Unit(benchmark::kMicrosecond);

// A step: two fiber switches (to the scheduler and back) and a pick; the
// kernel yields in a loop.
void BM_SchedulingStep(benchmark::State& state) {
  sched::RandomWalk walk(1);
  RunConfig config = test_kernels::kernel_config(1);
  config.record = false;
  const int kYields = 10000;
  for (auto _ : state) {
    walk.next_schedule();
    sched::ControlledLimits limits;
    limits.stop_after_steps = kYields * 4;
    limits.max_steps = kYields * 4;
    (void)sched::run_workload_controlled(
        "yields",
        [&](RunContext& ctx) {
          ctx.go("a", [] { for (int i = 0; i < kYields / 2; ++i) locklab::yield(); });
          ctx.go("b", [] { for (int i = 0; i < kYields / 2; ++i) locklab::yield(); });
          ctx.join_all();
        },
        config, walk, limits);
  }
  state.SetItemsProcessed(state.iterations() * kYields);
}
BENCHMARK(BM_SchedulingStep)->Unit(benchmark::kMillisecond);

// Time to find each blocking bug with explore's defaults: one iteration
// explores every one (the catalogue registers itself during static
// initialisation, so it is read here, not at registration), with a counter
// per bug in milliseconds and the slowest one.
void BM_ExploreFindsEachBlockingBug(benchmark::State& state) {
  std::map<std::string, double> seconds;
  double slowest = 0;
  for (auto _ : state) {
    for (const BugInfo* bug : Catalogue::get().all()) {
      if (bug->blocking != Blocking::kBlocking) continue;
      const sched::ExploreResult r = sched::explore(*bug, bug->buggy_variant()->name, sched::ExploreOptions{});
      if (!r.found) state.SkipWithError(("explore did not find " + bug->id).c_str());
      seconds[bug->id] += r.seconds;
      slowest = std::max(slowest, r.seconds);
    }
  }
  for (const auto& [id, s] : seconds)
    state.counters[id + "_ms"] = benchmark::Counter(1e3 * s / static_cast<double>(state.iterations()));
  state.counters["slowest_ms"] = benchmark::Counter(1e3 * slowest);
}
BENCHMARK(BM_ExploreFindsEachBlockingBug)->Unit(benchmark::kMillisecond);

}  // namespace
