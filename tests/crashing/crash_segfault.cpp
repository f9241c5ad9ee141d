// crash-segfault (test only): the buggy variant writes through a null pointer (SIGSEGV).
#include "crash_workload.h"

namespace locklab::tests::crashing::crash_segfault {
namespace {

BugInfo make_info() { return make_bug("crash-segfault", Crash::kSegfault, "writes through a null pointer (SIGSEGV)"); }

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::tests::crashing::crash_segfault
