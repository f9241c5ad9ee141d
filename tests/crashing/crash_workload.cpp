#include "crash_workload.h"

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <future>
#include <mutex>
#include <thread>

#include "locklab/sync/mutex.h"
#include "locklab/trace/verdict.h"
#include "locklab/sync/work.h"

namespace locklab::tests::crashing {
namespace {

// Worker 0's way out. Each is real: a null write the kernel faults, a real
// abort, a real lock-order deadlock, a real wait nothing can cancel.
void segfault() {
  volatile int* nowhere = nullptr;
  // The empty asm hides the null from the optimiser (it dropped the write as
  // undefined behaviour); the volatile store cannot be elided.
  asm volatile("" : "+r"(nowhere));
  *nowhere = 42;
}

[[noreturn]] void hang_forever() {
  std::promise<void> never;  // nobody ever sets it
  never.get_future().wait();
  std::abort();  // unreachable; keeps [[noreturn]] honest
}

// Workers 0 and 1 each take one lock, meet, then ask for the other's.
void deadlock(const RunContext& ctx, unsigned worker, Mutex& a, Mutex& b, std::atomic<int>& holding) {
  Mutex& first = worker == 0 ? a : b;
  Mutex& second = worker == 0 ? b : a;
  std::lock_guard<Mutex> g1(first);
  holding.fetch_add(1);
  while (holding.load() < 2 && ctx.running()) std::this_thread::yield();  // both hold their first lock now
  std::lock_guard<Mutex> g2(second);  // <- never returns: the runner cancels it
}

}  // namespace

void run(RunContext& ctx, Crash crash) {
  Mutex mu{"Crashy.mu"};
  Mutex a{"Crashy.a"}, b{"Crashy.b"};
  std::atomic<int> holding{0};
  long counter = 0;
  const auto tick = ctx.op("Tick");
  const auto after = ctx.param_ms("crash_after_ms");
  const auto start = std::chrono::steady_clock::now();
  for (unsigned i = 0; i < ctx.threads(); ++i) {
    ctx.go("worker-" + std::to_string(i), [&, i] {
      while (ctx.running()) {
        ctx.timed(tick, [&] {
          std::lock_guard<Mutex> g(mu);
          ++counter;
        });
        sleep_for(std::chrono::microseconds(200));
        if (crash == Crash::kNone || std::chrono::steady_clock::now() - start < after) continue;
        if (i == 0 && crash == Crash::kSegfault) segfault();
        if (i == 0 && crash == Crash::kAbort) std::abort();
        if (i == 0 && crash == Crash::kHang) hang_forever();
        if (i < 2 && crash == Crash::kDeadlock) deadlock(ctx, i, a, b, holding);
      }
    });
  }
  ctx.join_all();
}

BugInfo make_bug(const std::string& id, Crash crash, const std::string& what) {
  BugInfo bug;
  bug.id = id;
  bug.title = "Test only: a module that " + what;
  bug.family = "test-only crashes";
  bug.blocking = crash == Crash::kDeadlock || crash == Crash::kHang ? Blocking::kBlocking : Blocking::kNonBlocking;
  bug.sharing = Sharing::kSharedMemory;
  bug.seed = "none (tests/crashing)";
  bug.symptom = "the buggy variant " + what + "; the fixed one runs to the end";
  bug.default_threads = 2;
  bug.default_duration_ms = 400;
  bug.params = {{"crash_after_ms", "milliseconds into the run at which the buggy variant goes wrong", 50, 0,
                 100000, true}};
  bug.variants = {
      {"buggy", what, true, {"crash_workload.cpp"}, [crash](RunContext& ctx) { run(ctx, crash); }},
      {"fixed", "the same workload, without the crash", false, {"crash_workload.cpp"},
       [](RunContext& ctx) { run(ctx, Crash::kNone); }},
  };
  // Only the deadlock leaves a trace to judge; the others never return.
  bug.oracle = [crash](const Trace& run) {
    OracleVerdict v;
    v.symptom = crash == Crash::kDeadlock && run.verdict.kind == VerdictKind::kDeadlock;
    v.explanation = std::string("the run ended as ") + std::string(to_string(run.verdict.kind));
    return v;
  };
  return bug;
}

}  // namespace locklab::tests::crashing
