// Makes exercise.cpp the "exercise" variant of lock-held-across-io. Not
// yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::lock_held_across_io {
std::unique_ptr<Store> make_exercise(std::chrono::nanoseconds persist_time);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::lock_held_across_io::run(ctx, &bugs::lock_held_across_io::make_exercise);
}
