// How `locklab step` prints a step session: the threads that can take the
// next step (what each is about to do, where, the source line, what it
// holds), the blocked ones (what they wait for), the goal's status.
#pragma once

#include <iosfwd>

#include "locklab/sched/step_session.h"

namespace locklab::cli {

/// The whole state after the steps so far.
void print_step_state(std::ostream& out, const sched::StepSession& s);
/// One line for the latest step: "step 4: T2 (teller-0) lock Account-0.mu at buggy.cpp:26 (transfer)".
void print_last_step(std::ostream& out, const sched::StepSession& s);
/// The commands the prompt reads.
void print_step_help(std::ostream& out);

}  // namespace locklab::cli
