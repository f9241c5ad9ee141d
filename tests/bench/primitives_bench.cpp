// What instrumentation costs: lab primitives against the standard library,
// recording on and off, uncontended and on two threads.
//
// main() (bench_main.cpp) starts a thread first, so std::mutex is measured
// as it costs in a threaded program.
#include <benchmark/benchmark.h>

#include <mutex>
#include <shared_mutex>
#include <thread>

#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/rwmutex.h"

namespace {

using locklab::Runtime;

// Recording into a buffer that never fills: rewind it now and then, outside
// the timed region, so every iteration pays for a real write.
void rewind_if_needed(benchmark::State& state, std::int64_t& since_rewind) {
  if (++since_rewind < (1 << 18)) return;
  state.PauseTiming();
  Runtime::self().reset_events();
  since_rewind = 0;
  state.ResumeTiming();
}

void set_recording(bool on) {
  locklab::RuntimeOptions options;
  options.record = on;
  options.events_per_thread = std::size_t{1} << 20;
  Runtime::get().begin_run(options);
}

void BM_StdMutex(benchmark::State& state) {
  std::mutex mu;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdMutex);

void BM_LabMutex(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::Mutex mu("bench.mu");
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabMutex)->Arg(0)->Arg(1);

// The same through std::unique_lock: the site is libstdc++'s, so each lock
// and unlock also finds the user's line from its return address
// (core/user_site.h; a per-thread cache hit after the first time).
void BM_LabMutexThroughStdUniqueLock(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::Mutex mu("bench.mu");
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    { std::unique_lock<locklab::Mutex> lock(mu); }
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabMutexThroughStdUniqueLock)->Arg(0)->Arg(1);

void BM_StdSharedMutexRead(benchmark::State& state) {
  std::shared_mutex mu;
  for (auto _ : state) {
    mu.lock_shared();
    mu.unlock_shared();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdSharedMutexRead);

void BM_StdSharedMutexWrite(benchmark::State& state) {
  std::shared_mutex mu;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdSharedMutexWrite);

void BM_LabRWMutexRead(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::RWMutex mu("bench.rw");
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    mu.lock_shared();
    mu.unlock_shared();
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabRWMutexRead)->Arg(0)->Arg(1);

void BM_LabRWMutexWrite(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  set_recording(record);
  locklab::RWMutex mu("bench.rw");
  std::int64_t since_rewind = 0;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
    if (record) rewind_if_needed(state, since_rewind);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabRWMutexWrite)->Arg(0)->Arg(1);

// Scaling: each thread locks a mutex of its own. Nothing is shared, so any
// loss against std::mutex comes from the recorder (a shared queue or a
// shared cache line would show up here).
struct alignas(64) PaddedStdMutex {
  std::mutex mu;
};

void BM_StdMutexPerThread(benchmark::State& state) {
  static PaddedStdMutex mutexes[8];
  std::mutex& mu = mutexes[state.thread_index()].mu;
  for (auto _ : state) {
    mu.lock();
    mu.unlock();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_StdMutexPerThread)->Threads(1)->Threads(2)->UseRealTime();

void BM_LabMutexPerThreadRecording(benchmark::State& state) {
  if (state.thread_index() == 0) set_recording(true);
  static locklab::Mutex* mutexes[8] = {};
  if (state.thread_index() == 0)
    for (auto*& m : mutexes)
      if (!m) m = new locklab::Mutex("bench.own");  // leaked on purpose: lives for the process
  std::int64_t since_rewind = 0;
  // The benchmark library starts all threads together after this point.
  for (auto _ : state) {
    locklab::Mutex& mu = *mutexes[state.thread_index()];
    mu.lock();
    mu.unlock();
    if (++since_rewind >= (1 << 18)) {
      Runtime::self().reset_events();  // cheap and per-thread: no pause needed
      since_rewind = 0;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LabMutexPerThreadRecording)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace
