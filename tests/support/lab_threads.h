// Test helpers that look at the lab's thread registry, so tests can force an
// interleaving ("wait until T is parked on X") instead of sleeping and hoping.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "locklab/core/run_context.h"
#include "locklab/run/runner.h"
#include "locklab/sync/work.h"

namespace locklab::testing {

/// True once the lab thread called `name` is parked in a wait on `object`.
bool is_waiting_on(const std::string& name, std::uint32_t object);

/// Sleeps (through the lab, so a cancelled run still ends) until the lab
/// thread `name` is parked on `object`.
void wait_until_waiting_on(const std::string& name, std::uint32_t object);

/// A run configuration for tests whose workload ends by itself: the
/// duration (10 s) is only an upper bound, and the watchdog (5 s) is roomy,
/// because a loaded machine may not schedule a new thread for a while.
RunConfig bounded(std::uint32_t threads = 1);

/// Polls (on a lab sleep) until `ready()`. Gives up with an exception, which
/// ends the run with an error verdict, once the run's duration is over: a
/// broken primitive fails the test instead of hanging it.
template <class P>
void wait_until(RunContext& ctx, P ready, const char* what) {
  while (!ready()) {
    if (!ctx.running()) throw std::runtime_error(std::string("gave up waiting until ") + what);
    sleep_for(std::chrono::milliseconds(1));
  }
}

}  // namespace locklab::testing
