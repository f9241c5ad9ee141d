// Hand-made traces of a failing run and of its fix, for the visualizer's
// tests of what a failure looks like (symptom_frame_test.cpp, tooltips).
//
// deadlock_trace(): recursive read locking, 21 ms long. "reader-0" takes
// Ledger.mu for reading at 20 ms; "writer-0", which wrote under it from
// 1 to 2 ms, asks to write at 20.2 ms and waits for the reader; the reader
// asks to read again at 20.4 ms and queues behind the pending writer. Both
// waits are open when the run stops at 21 ms with a deadlock verdict.
//
//   time (ms)  0   1       2        20        20.2        20.4        21
//   reader-0   start                rlock                 rlock-wait  (deadlock)
//   writer-0   start lock  unlock             lock-wait               (deadlock)
//
// long_fixed_trace(): a completed 1 s run of the fix (two threads running).
#pragma once

#include "locklab/trace/trace.h"

namespace locklab::viz::testing {

inline Event trace_event(std::uint64_t time, std::uint16_t thread, EventKind kind, std::uint32_t object = 0,
                         std::uint64_t site = 0, LockMode mode = LockMode::kNone) {
  Event e;
  e.time = time;
  e.thread = thread;
  e.kind = kind;
  e.object = object;
  e.site = site;
  e.mode = mode;
  return e;
}

inline TraceThread trace_thread(std::uint16_t id, std::string name, std::uint64_t end_ns) {
  TraceThread t;
  t.id = id;
  t.name = std::move(name);
  t.start_ns = 0;
  t.end_ns = end_ns;
  t.covered_until_ns = end_ns;
  return t;
}

inline constexpr std::uint64_t kDeadlockAtNs = 21'000'000;

inline Trace deadlock_trace() {
  Trace t;
  t.info.bug = "recursive-rlock";
  t.info.variant = "buggy";
  t.duration_ns = kDeadlockAtNs;
  t.objects = {{1, ObjectKind::kRWMutex, "Ledger.mu"}};
  t.sites = {SiteInfo{}, SiteInfo{"/src/bugs/recursive-rlock/buggy.cpp", 30, "Net"},
             SiteInfo{"/src/bugs/recursive-rlock/buggy.cpp", 32, "SumDebits"},
             SiteInfo{"/src/bugs/recursive-rlock/buggy.cpp", 20, "Post"}};
  const auto X = LockMode::kExclusive, S = LockMode::kShared;
  t.events = {
      trace_event(0, 1, EventKind::kThreadStart),
      trace_event(0, 2, EventKind::kThreadStart),
      trace_event(1'000'000, 2, EventKind::kLockAcquire, 1, 3, X),
      trace_event(2'000'000, 2, EventKind::kLockRelease, 1, 3, X),
      trace_event(20'000'000, 1, EventKind::kLockAcquire, 1, 1, S),
      trace_event(20'200'000, 2, EventKind::kLockWait, 1, 3, X),
      trace_event(20'400'000, 1, EventKind::kLockWait, 1, 2, S),
  };
  t.threads = {trace_thread(0, "main", kDeadlockAtNs), trace_thread(1, "reader-0", kDeadlockAtNs),
               trace_thread(2, "writer-0", kDeadlockAtNs)};
  t.verdict.kind = VerdictKind::kDeadlock;
  t.verdict.at_ns = kDeadlockAtNs;
  t.verdict.summary = "deadlock: recursive read locking (2 threads wait for each other)";
  t.verdict.detail =
      "deadlock: T2 (Post, buggy.cpp:20) waits to write-lock Ledger.mu, held for reading by T1 (Net, buggy.cpp:30); "
      "T1 waits to read-lock Ledger.mu again (SumDebits, buggy.cpp:32) and is queued behind the pending writer T2: "
      "recursive read locking.\nthe other blocked threads:\n  T0 main waits for threads to end\n";
  return t;
}

inline Trace long_fixed_trace() {
  Trace t;
  t.info.bug = "recursive-rlock";
  t.info.variant = "fixed";
  t.duration_ns = 1'000'000'000;
  t.events = {trace_event(0, 1, EventKind::kThreadStart), trace_event(0, 2, EventKind::kThreadStart),
              trace_event(1'000'000'000, 1, EventKind::kThreadEnd),
              trace_event(1'000'000'000, 2, EventKind::kThreadEnd)};
  t.threads = {trace_thread(0, "main", 1'000'000'000), trace_thread(1, "reader-0", 1'000'000'000),
               trace_thread(2, "writer-0", 1'000'000'000)};
  return t;
}

}  // namespace locklab::viz::testing
