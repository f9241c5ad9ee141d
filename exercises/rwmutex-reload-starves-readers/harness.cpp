// Makes exercise.cpp the "exercise" variant of rwmutex-reload-starves-readers. Not yours to edit.
#include "harness.h"
#include "workload.h"

namespace locklab::bugs::rwmutex_reload_starves_readers {
std::unique_ptr<Config> make_exercise(std::chrono::nanoseconds reload_time);
}

void locklab::exercises::run_candidate(RunContext& ctx) {
  bugs::rwmutex_reload_starves_readers::run(ctx, &bugs::rwmutex_reload_starves_readers::make_exercise);
}
