// Internal to step mode: turning one controlled run, probed at the cut
// (step_probe.h), into what a StepSession shows, and judging its goal.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/sched/challenge.h"
#include "locklab/sched/step_session.h"
#include "step_probe.h"

namespace locklab::sched::detail {

/// "lock Account-1.mu", "resumes receive on jobs", "starts" (names from `run`).
std::string step_text(const Step& step, const Trace& run);
/// The threads at the cut; blocked ones say what they wait for and who holds it.
std::vector<StepThread> threads_at_cut(const std::vector<ProbedThread>& cut, const Trace& run);
/// The threads of a run that has ended: done, or blocked as its verdict's dump says.
std::vector<StepThread> threads_at_end(const Trace& run);
/// `run` up to the cut: each thread's first events (as many as it had
/// recorded at the cut), only the threads that existed, no counters (they
/// cover the whole run), and a verdict that says "stepping".
Trace cut_trace(const Trace& run, const std::vector<ProbedThread>& cut, std::size_t steps);
/// The goal's state after `steps` steps. `now` is the run so far (the whole
/// run when `ended`), `outcome` the run continued with no more preemptions.
GoalStatus judge_goal(const BugInfo& bug, const Challenge* challenge, std::size_t steps, bool ended,
                      const Trace& now, const Trace& outcome, std::size_t outcome_steps);

}  // namespace locklab::sched::detail
