// What streaming the trace costs a run: one catalogue bug run with the same
// seed and settings, its trace kept in memory only (what `locklab run` did
// before), then written while the run goes by TraceStreamWriter (what
// `locklab run --trace` does now). Reported: the run's own throughput
// (items/s, from its exact counters) and its recorded events, so the
// writer's cost shows as lost throughput, not as wall time (a run lasts its
// duration either way).
//
//   build/bin/locklab-bench-trace_stream --benchmark_repetitions=5
//   LOCKLAB_STREAM_BENCH_BUG=lock-held-across-io ... to pick another bug
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/trace/trace_stream.h"

namespace {

std::string bench_bug() {
  const char* env = std::getenv("LOCKLAB_STREAM_BENCH_BUG");
  return env && *env ? env : "global-counter-lock";
}

locklab::RunConfig bench_config(const benchmark::State& state) {
  locklab::RunConfig c;
  c.duration_ms = static_cast<std::uint64_t>(state.range(0));
  c.seed = 7;
  return c;
}

void report(benchmark::State& state, double items, double seconds, double events) {
  state.counters["items_per_s"] = benchmark::Counter(items / seconds, benchmark::Counter::kAvgIterations);
  state.counters["events"] = benchmark::Counter(events, benchmark::Counter::kAvgIterations);
}

void BM_RunInMemory(benchmark::State& state) {
  const locklab::BugInfo* bug = locklab::Catalogue::get().find(bench_bug());
  if (!bug || !bug->buggy_variant()) return state.SkipWithError("no such bug");
  double items = 0, seconds = 0, events = 0;
  for (auto _ : state) {
    const locklab::Trace t = locklab::run_bug(*bug, bug->buggy_variant()->name, bench_config(state));
    items += static_cast<double>(t.total_items());
    seconds += static_cast<double>(t.duration_ns) / 1e9;
    events += static_cast<double>(t.events.size());
  }
  report(state, items, seconds, events);
}

void BM_RunStreamed(benchmark::State& state) {
  const locklab::BugInfo* bug = locklab::Catalogue::get().find(bench_bug());
  if (!bug || !bug->buggy_variant()) return state.SkipWithError("no such bug");
  const std::string path = (std::filesystem::temp_directory_path() / "locklab-stream-bench.lltrace").string();
  double items = 0, seconds = 0, events = 0;
  for (auto _ : state) {
    locklab::TraceStreamWriter writer(path);
    if (const std::string e = writer.open(); !e.empty()) return state.SkipWithError(e.c_str());
    locklab::RunConfig c = bench_config(state);
    c.observer = &writer;
    const locklab::Trace t = locklab::run_bug(*bug, bug->buggy_variant()->name, c);
    if (const std::string e = writer.finish(t); !e.empty()) return state.SkipWithError(e.c_str());
    items += static_cast<double>(t.total_items());
    seconds += static_cast<double>(t.duration_ns) / 1e9;
    events += static_cast<double>(writer.events_written());
  }
  std::remove(path.c_str());
  report(state, items, seconds, events);
}

BENCHMARK(BM_RunInMemory)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();
BENCHMARK(BM_RunStreamed)->Arg(1000)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

}  // namespace
