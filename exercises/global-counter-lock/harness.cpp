// Makes exercise.cpp the "exercise" variant of global-counter-lock. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::global_counter_lock {
std::unique_ptr<Counter> make_exercise(std::uint32_t shards);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::global_counter_lock::run(ctx, &bugs::global_counter_lock::make_exercise);
}
