// Trace benchmarks on a synthetic 10M-event trace: the file round trip, the
// analyses, and the target of "load plus the three analyses in <= 2 s".
#include <benchmark/benchmark.h>

#include <cstdio>
#include <filesystem>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/trace/trace.h"
#include "locklab/trace/trace_file.h"
#include "synthetic_trace.h"

namespace {

constexpr std::size_t kEvents = 10'000'000;

// Built once, on first use, and shared by every benchmark.
const locklab::Trace& big_trace() {
  static const locklab::Trace trace = locklab::make_synthetic_trace(kEvents, 8, 1);
  return trace;
}

// Saved once to a file in the temporary directory, removed at exit.
const std::string& big_trace_file() {
  struct File {
    std::string path;
    File() {
      path = (std::filesystem::temp_directory_path() / "locklab-trace-bench.lltrace").string();
      const std::string error = locklab::save_trace(big_trace(), path);
      if (!error.empty()) std::fprintf(stderr, "trace_bench: cannot save %s: %s\n", path.c_str(), error.c_str());
    }
    ~File() { std::remove(path.c_str()); }
  };
  static const File file;
  return file.path;
}

void run_analyses(const locklab::Trace& trace, benchmark::State& state) {
  const locklab::Timelines tl = locklab::thread_timelines(trace);
  const locklab::Throughput tp = locklab::throughput(trace);
  const auto lat = locklab::latency(trace);
  const locklab::ContentionProfile prof = locklab::contention(trace);
  benchmark::DoNotOptimize(tl.states.data());
  benchmark::DoNotOptimize(tp.items_per_sec.data());
  benchmark::DoNotOptimize(lat.data());
  benchmark::DoNotOptimize(prof.by_waiter.data());
  state.counters["states"] = static_cast<double>(tl.states.size());
  state.counters["holds"] = static_cast<double>(tl.holds.size());
}

// (a) serialize to bytes and parse them back.
void BM_SerializeParseRoundTrip(benchmark::State& state) {
  const locklab::Trace& trace = big_trace();
  for (auto _ : state) {
    const std::string bytes = locklab::serialize_trace(trace);
    const locklab::TraceReadResult back = locklab::parse_trace(bytes);
    if (!back.complete()) {
      state.SkipWithError(("parse failed: " + back.error + back.warning).c_str());
      break;
    }
    state.counters["bytes"] = static_cast<double>(bytes.size());
    benchmark::DoNotOptimize(back.trace->events.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEvents));
}
BENCHMARK(BM_SerializeParseRoundTrip)->Unit(benchmark::kMillisecond)->Iterations(2);

// (b) thread states, throughput, latency and contention over the trace.
void BM_Analyses(benchmark::State& state) {
  const locklab::Trace& trace = big_trace();
  for (auto _ : state) run_analyses(trace, state);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEvents));
}
BENCHMARK(BM_Analyses)->Unit(benchmark::kMillisecond)->Iterations(3);

// (c) the target: load a saved trace from its file, then the analyses.
void BM_LoadPlusAnalyses(benchmark::State& state) {
  const std::string& path = big_trace_file();
  for (auto _ : state) {
    const locklab::TraceReadResult loaded = locklab::load_trace(path);
    if (!loaded.complete()) {
      state.SkipWithError(("load failed: " + loaded.error + loaded.warning).c_str());
      break;
    }
    run_analyses(*loaded.trace, state);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * kEvents));
}
BENCHMARK(BM_LoadPlusAnalyses)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace
