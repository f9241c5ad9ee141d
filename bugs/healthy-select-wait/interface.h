// healthy-select-wait: what every variant works with.
//
// A dispatcher hands jobs from a producer to a few workers. Most jobs are
// ordinary; now and then one is urgent. Workers spend most of their time
// with nothing to do, which is normal for a server that is not saturated.
// The variants differ only in how an idle worker waits for its next job:
// fixed.cpp parks in a select on two channels (the original, healthy
// code); buggy.cpp polls a locked queue (what the select was "fixed" into
// by someone who read a block profile as a bug report).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

namespace locklab::bugs::healthy_select_wait {

struct Job {
  std::uint64_t id = 0;
  bool urgent = false;
};

class Dispatcher {
 public:
  virtual ~Dispatcher() = default;
  /// Producer side: queue one job for the workers. Never waits for a worker.
  virtual void submit(Job job) = 0;
  /// No more jobs will come. Workers return once the queued jobs are done.
  virtual void close() = 0;
  /// A worker's loop: takes jobs one at a time and calls `handle` on each,
  /// until close() was called and nothing is left. Returns how many times
  /// this worker looked for a job (a park in a select, or one poll).
  virtual std::uint64_t work(const std::function<void(const Job&)>& handle) = 0;
};

// The variants. `yield`: a polling worker yields its core between two empty
// looks (buggy.cpp only; a parked worker has nothing to yield).
std::unique_ptr<Dispatcher> make_buggy(bool yield);  // buggy.cpp
std::unique_ptr<Dispatcher> make_fixed(bool yield);  // fixed.cpp

}  // namespace locklab::bugs::healthy_select_wait
