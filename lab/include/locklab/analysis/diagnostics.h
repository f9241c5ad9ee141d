// Diagnostics of one run, read off its trace: what locklab explains to a
// learner besides throughput and latency.
//
//   deadlock    the verdict's thread dump through the wait-for graph
//               (wait_graph.h): its cycles in words, and with every thread
//               asleep, what each one waits for;
//   lock_order  cycles of the lock-order graph (lock_order.h): potential
//               deadlocks, found even on runs that did not deadlock;
//   lockset     Guarded<T> data accessed under different locks or none
//               (guarded.h), each in words with both accesses.
// Pure functions of the trace, so a saved trace tells the same.
#pragma once

#include <string>
#include <vector>

#include "locklab/analysis/lock_order.h"
#include "locklab/trace/trace.h"
#include "locklab/analysis/wait_graph.h"

namespace locklab {

struct Diagnostics {
  DeadlockReport deadlock;
  std::vector<LockOrderCycle> lock_order;
  std::vector<std::string> lockset;
  bool empty() const { return !deadlock.deadlocked() && lock_order.empty() && lockset.empty(); }
};

Diagnostics diagnose(const Trace& trace);

/// "Account.balance: T2 wrote it at account.cpp:31 (deposit) holding
/// Account.mu#2, T1 wrote it at ... holding Account.mu#1: no lock in common"
std::string lockset_words(const Trace& trace, const LocksetViolation& v);

}  // namespace locklab
