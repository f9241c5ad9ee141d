// Makes exercise.cpp the "exercise" variant of timer-leak-in-loop. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::timer_leak_in_loop {
void serve_exercise(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::timer_leak_in_loop::run(ctx, &bugs::timer_leak_in_loop::serve_exercise);
}
