// Lock-order analysis: a cycle in the lock-order graph is a potential
// deadlock, reported even on a run where nothing deadlocked (as absl's
// Mutex and ThreadSanitizer's deadlock detector do).
//
// The graph (Trace::lock_order) has an edge A -> B when some thread
// acquired B while holding A. If one thread takes A then B and another takes
// B then A, there is an interleaving where each holds its first lock and
// waits for the other's: the run that found the edges may have been lucky.
//
// What is not recorded: a try_lock acquisition (it never waits, so it cannot
// close a deadlock; std::scoped_lock takes its later locks that way).
// What is not reported:
//   - a cycle whose every edge was taken by one and the same thread: a single
//     thread cannot deadlock with itself this way;
//   - re-acquiring a lock one holds (that is reentrancy: self-deadlock, or
//     recursive read locking, which the wait-for graph explains).
// A cycle whose orders are always taken under a common outer lock (a "gate"
// lock) cannot deadlock either; locklab does not look for gate locks and
// reports such a cycle too, as TSan does.
#pragma once

#include <string>
#include <vector>

#include "locklab/trace/trace.h"

namespace locklab {

struct LockOrderCycle {
  std::vector<LockOrderEdge> edges;  // edges[i].taken == edges[i+1].held; the last closes the cycle
  std::vector<std::uint16_t> threads;  // one thread per edge that took it in that order (distinct where possible)
  std::string words;                   // the cycle in plain words, with sites
};

/// One cycle per group of locks ordered both ways, by the lowest object id.
std::vector<LockOrderCycle> lock_order_cycles(const Trace& trace);

}  // namespace locklab
