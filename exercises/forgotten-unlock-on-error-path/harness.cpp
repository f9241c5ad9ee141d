// Makes exercise.cpp the "exercise" variant of forgotten-unlock-on-error-path. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::forgotten_unlock_on_error_path {
std::unique_ptr<Store> make_exercise(Backend& backend);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::forgotten_unlock_on_error_path::run(ctx, &bugs::forgotten_unlock_on_error_path::make_exercise);
}
