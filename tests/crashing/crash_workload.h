// The crashing test-only bugs: one workload, four ways to end badly.
//
// These modules exist to test that whatever runs a bug survives the bug:
// the visualizer's child runs (visualizer/ui/run_queue.h) must report a
// segfault, an abort, a deadlock and a run that never ends, and go on. They
// are compiled only into test executables (tests/crashing/CMakeLists.txt),
// never into `locklab`, `locklab-viz` or the catalogue test.
//
// Each bug has two variants: "buggy" ends the way its Crash says, about
// `crash_after_ms` into the run; "fixed" runs the same workload to the end.
#pragma once

#include <string>

#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"

namespace locklab::tests::crashing {

enum class Crash {
  kNone,      // the fixed variant: the workload runs to the end
  kSegfault,  // worker 0 writes through a null pointer (SIGSEGV)
  kAbort,     // worker 0 calls std::abort() (SIGABRT)
  kDeadlock,  // workers 0 and 1 take two lab mutexes in opposite orders: the runner ends it as a deadlock
  kHang,      // worker 0 blocks forever outside the lab (a std::future): the runner cannot cancel it
};

/// Runs `ctx.threads()` workers that lock a lab Mutex around a counter, one
/// "Tick" operation at a time; with a Crash, worker 0 (and, for kDeadlock,
/// worker 1) ends the run that way after `crash_after_ms`.
void run(RunContext& ctx, Crash crash);

/// The BugInfo of a crashing bug: id, title and symptom in words, the
/// parameters, a buggy variant that crashes as `crash` says and a fixed one.
BugInfo make_bug(const std::string& id, Crash crash, const std::string& what);

}  // namespace locklab::tests::crashing
