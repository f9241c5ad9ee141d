// Makes exercise.cpp the "exercise" variant of lock-order-inversion. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::lock_order_inversion {
std::unique_ptr<Bank> make_exercise(std::uint32_t accounts, std::int64_t opening,
                                 std::chrono::nanoseconds check_time);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::lock_order_inversion::run(ctx, &bugs::lock_order_inversion::make_exercise);
}
