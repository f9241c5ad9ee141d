// Makes exercise.cpp the "exercise" variant of mutex-copied-with-struct. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::mutex_copied_with_struct {
Totals serve_exercise(RunContext& ctx, Jobs& jobs, std::uint32_t handlers);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::mutex_copied_with_struct::run(ctx, &bugs::mutex_copied_with_struct::serve_exercise);
}
