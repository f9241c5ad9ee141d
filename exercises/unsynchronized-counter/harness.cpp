// Makes exercise.cpp the "exercise" variant of unsynchronized-counter. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::unsynchronized_counter {
std::unique_ptr<Counter> make_exercise();
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::unsynchronized_counter::run(ctx, &bugs::unsynchronized_counter::make_exercise);
}
