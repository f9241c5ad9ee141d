// What the Go-toolbox primitives cost when nobody waits: Singleflight's
// overhead over calling fn directly (a fresh key every call: the price of
// suppressing duplicates when there are none), and WaitGroup add/done and
// Semaphore acquire/release, recording on and off.
//
// glibc skips atomic instructions in a process that never started a second
// thread, so main() starts (and joins) one first: the honest baseline for a
// primitive in a threaded program.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <thread>

#include "locklab/core/runtime.h"
#include "locklab/sync/semaphore.h"
#include "locklab/sync/singleflight.h"
#include "locklab/sync/wait_group.h"

namespace {

using locklab::Runtime;

void set_recording(bool on) {
  locklab::RuntimeOptions options;
  options.record = on;
  options.events_per_thread = std::size_t{1} << 20;
  Runtime::get().begin_run(options);
}

// Recording into a buffer that never fills: rewind it now and then, outside
// the timed region, so every iteration pays for a real write.
void rewind_if_needed(benchmark::State& state, std::int64_t& since_rewind) {
  if (++since_rewind < (1 << 17)) return;
  state.PauseTiming();
  Runtime::self().reset_events();
  since_rewind = 0;
  state.ResumeTiming();
}

const char* label(bool record) { return record ? "recording on" : "recording off"; }

// The work Singleflight would share: small, so the overhead shows.
__attribute__((noinline)) std::uint64_t load(std::uint64_t key) { return key * 2654435761u; }

void BM_DirectCall(benchmark::State& state) {
  std::uint64_t key = 0;
  for (auto _ : state) benchmark::DoNotOptimize(load(++key));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DirectCall);

void BM_SingleflightFreshKey(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::Singleflight<std::uint64_t, std::uint64_t> flight("bench.flight");
  std::uint64_t key = 0;
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    ++key;
    benchmark::DoNotOptimize(flight.run(key, [key] { return load(key); }).value);
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(label(record));
}
BENCHMARK(BM_SingleflightFreshKey)->Arg(0)->Arg(1);

void BM_WaitGroupAddDone(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::WaitGroup wg("bench.wg");
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    wg.add(1);
    wg.done();
    if (record) rewind_if_needed(state, since_rewind);
  }
  wg.wait();  // zero: returns at once
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(label(record));
}
BENCHMARK(BM_WaitGroupAddDone)->Arg(0)->Arg(1);

void BM_SemaphoreAcquireRelease(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::Semaphore sem("bench.sem", 4);
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    sem.acquire(1);
    sem.release(1);
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(label(record));
}
BENCHMARK(BM_SemaphoreAcquireRelease)->Arg(0)->Arg(1);

}  // namespace
