// Makes exercise.cpp the "exercise" variant of healthy-select-wait. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::healthy_select_wait {
std::unique_ptr<Dispatcher> make_exercise(bool yield);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::healthy_select_wait::run(ctx, &bugs::healthy_select_wait::make_exercise);
}
