// Makes exercise.cpp the "exercise" variant of cond-if-not-while. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::cond_if_not_while {
std::unique_ptr<Queue> make_exercise();
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::cond_if_not_while::run(ctx, &bugs::cond_if_not_while::make_exercise);
}
