// expect: sealed-boundary
// reason: calls locklab::bugs::global_counter_lock::make_fixed_atomic
// A lazy trick for exercise global-counter-lock: make_exercise returns the catalogue's own atomic fix.
// The grader must reject it for the property above.
//
// Why it is wrong: it measures the reference against itself; the learner
// wrote no fix. The reference fixes are linked into the exercise binary
// (the grader runs them to compare), so the call links.
#include "interface.h"

namespace locklab::bugs::global_counter_lock {

std::unique_ptr<Counter> make_exercise(std::uint32_t shards) { return make_fixed_atomic(shards); }

}  // namespace locklab::bugs::global_counter_lock
