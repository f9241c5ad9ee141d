// Simulated work, recorded as such so the timeline can tell them apart:
//   io(d)       sleeps for d: a disk write or a network call. The core is free.
//   compute(d)  burns the calling core for d: parsing, hashing.
//   sleep_for(d) an ordinary sleep (time.Sleep), shown as sleeping.
// All three end early with Cancelled if the runner cancels the run, so a
// thread stuck in a long io() never holds up the end of a run.
#pragma once

#include <chrono>

#include "locklab/core/site.h"

namespace locklab {

void io(std::chrono::nanoseconds d, Site site = Site::current());
void compute(std::chrono::nanoseconds d, Site site = Site::current());
void sleep_for(std::chrono::nanoseconds d, Site site = Site::current());

}  // namespace locklab
