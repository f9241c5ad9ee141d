// crash-deadlock (test only): the buggy variant deadlocks on two lab mutexes taken in opposite orders.
#include "crash_workload.h"

namespace locklab::tests::crashing::crash_deadlock {
namespace {

BugInfo make_info() { return make_bug("crash-deadlock", Crash::kDeadlock, "deadlocks on two lab mutexes taken in opposite orders"); }

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::tests::crashing::crash_deadlock
