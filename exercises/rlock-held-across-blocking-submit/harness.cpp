// Makes exercise.cpp the "exercise" variant of rlock-held-across-blocking-submit. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
std::unique_ptr<Hub> make_exercise(RunContext& ctx, const HubConfig& config);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::rlock_held_across_blocking_submit::run(ctx, &bugs::rlock_held_across_blocking_submit::make_exercise);
}
