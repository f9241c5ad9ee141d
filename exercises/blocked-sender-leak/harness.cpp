// Makes exercise.cpp the "exercise" variant of blocked-sender-leak. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::blocked_sender_leak {
std::unique_ptr<Client> make_exercise(Workers& workers);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::blocked_sender_leak::run(ctx, &bugs::blocked_sender_leak::make_exercise);
}
