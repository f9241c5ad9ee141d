// crash-hang (test only): the buggy variant blocks forever outside the lab, where no watchdog can cancel it.
#include "crash_workload.h"

namespace locklab::tests::crashing::crash_hang {
namespace {

BugInfo make_info() { return make_bug("crash-hang", Crash::kHang, "blocks forever outside the lab, where no watchdog can cancel it"); }

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::tests::crashing::crash_hang
