// A hand-made two-thread trace for the visualizer's tests: "saver" takes
// Store.mu and does 1 us of I/O under it while "loader" waits for it.
//
//   time (ns)  0     100      200        300         1200   1300       1400  2000
//   saver      start acquire  io-begin               io-end release          end
//   loader     start                     lock-wait          acquire  release  end
#pragma once

#include "locklab/trace/trace.h"

namespace locklab::viz::testing {

inline Trace small_trace() {
  Trace t;
  t.info.bug = "lock-held-across-io";
  t.info.variant = "buggy";
  t.duration_ns = 2000;
  t.objects = {{1, ObjectKind::kMutex, "Store.mu"}};
  t.sites = {SiteInfo{}, SiteInfo{"/src/bugs/x/buggy.cpp", 22, "void Store::save()"},
             SiteInfo{"/src/bugs/x/buggy.cpp", 29, "void Store::load()"}};
  auto ev = [](std::uint64_t time, std::uint16_t thread, EventKind kind, std::uint32_t object = 0,
               std::uint64_t site = 0, LockMode mode = LockMode::kNone) {
    Event e;
    e.time = time;
    e.thread = thread;
    e.kind = kind;
    e.object = object;
    e.site = site;
    e.mode = mode;
    return e;
  };
  const auto X = LockMode::kExclusive;
  t.events = {
      ev(0, 1, EventKind::kThreadStart),
      ev(0, 2, EventKind::kThreadStart),
      ev(100, 1, EventKind::kLockAcquire, 1, 1, X),
      ev(200, 1, EventKind::kIoBegin, 0, 1),
      ev(300, 2, EventKind::kLockWait, 1, 2, X),
      ev(1200, 1, EventKind::kIoEnd, 0, 1),
      ev(1300, 1, EventKind::kLockRelease, 1, 1, X),
      ev(1300, 2, EventKind::kLockAcquire, 1, 2, X),
      ev(1400, 2, EventKind::kLockRelease, 1, 2, X),
      ev(2000, 1, EventKind::kThreadEnd),
      ev(2000, 2, EventKind::kThreadEnd),
  };
  for (std::uint16_t id : {std::uint16_t{1}, std::uint16_t{2}}) {
    TraceThread th;
    th.id = id;
    th.name = id == 1 ? "saver" : "loader";
    th.start_ns = 0;
    th.end_ns = 2000;
    th.covered_until_ns = 2000;
    th.events = 5;
    t.threads.push_back(th);
  }
  // The thread table is indexed by id in real traces; id 0 is "main".
  TraceThread main;
  main.id = 0;
  main.name = "main";
  main.start_ns = 0;
  main.end_ns = 2000;
  main.covered_until_ns = 2000;
  t.threads.insert(t.threads.begin(), main);
  return t;
}

}  // namespace locklab::viz::testing
