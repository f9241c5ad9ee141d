// crash-abort (test only): the buggy variant calls std::abort() (SIGABRT).
#include "crash_workload.h"

namespace locklab::tests::crashing::crash_abort {
namespace {

BugInfo make_info() { return make_bug("crash-abort", Crash::kAbort, "calls std::abort() (SIGABRT)"); }

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::tests::crashing::crash_abort
