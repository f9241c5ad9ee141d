// Makes exercise.cpp the "exercise" variant of metrics-map-single-mutex. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::metrics_map_single_mutex {
std::unique_ptr<Metrics> make_exercise(const Labels& labels, std::uint32_t workers);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::metrics_map_single_mutex::run(ctx, &bugs::metrics_map_single_mutex::make_exercise);
}
