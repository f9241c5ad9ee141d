// Makes exercise.cpp the "exercise" variant of wrong-lock-in-embedded-struct. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
std::unique_ptr<Replica> make_exercise(std::uint32_t peers);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::wrong_lock_in_embedded_struct::run(ctx, &bugs::wrong_lock_in_embedded_struct::make_exercise);
}
