// The wait-for graph: who waits for whom, through which primitive, and a
// deadlock told in words.
//
// Built from a thread dump (snapshot_threads(), or Verdict::threads read
// from a trace), so the same code explains a live run, a watchdog verdict
// and a saved trace. Pure functions: no locks, no runtime.
//
// An edge "A waits for B" exists when B, and only B's progress, can end A's
// wait:
//   kHeldBy               A waits to lock an object (Mutex, RWMutex for
//                         writing or reading, a Once being run) that B holds
//                         exclusively;
//   kHeldForReadingBy     A waits to write-lock an RWMutex that B holds for
//                         reading;
//   kBehindPendingWriter  A waits to read-lock an RWMutex that no one holds
//                         for writing, and is queued behind B, a writer that
//                         waits for it (Go's writer preference: a pending
//                         writer blocks new readers);
//   kBusyWorker           A waits to submit to a full WorkerPool; B is one of
//                         that pool's workers, busy with a task.
// Waits on channels, conds, selects and WaitGroups have no edge: any thread
// could end them. They matter when every thread is asleep (Go's "all
// goroutines are asleep"), and explain_deadlock() then says what each one
// waits for that nobody is left to provide.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locklab/trace/verdict.h"

namespace locklab {

enum class WaitEdgeKind : std::uint8_t { kHeldBy, kHeldForReadingBy, kBehindPendingWriter, kBusyWorker };
std::string_view to_string(WaitEdgeKind k) noexcept;

struct WaitEdge {
  std::uint16_t from = 0;  // thread ids
  std::uint16_t to = 0;
  WaitEdgeKind kind = WaitEdgeKind::kHeldBy;
  std::uint32_t object = 0;  // the object `from` waits on
};

struct WaitGraph {
  std::vector<WaitEdge> edges;   // sorted by (from, to, object)
  /// Edges leaving `thread`.
  std::vector<WaitEdge> out(std::uint16_t thread) const;
};

WaitGraph build_wait_graph(const std::vector<ThreadSnapshot>& threads);

/// The graph in words, one line per (what is waited for, who holds it up),
/// waiters grouped: "T3, T4 and 998 more wait to write-lock Hub.mu, held for
/// reading by T1 (broadcast, hub.cpp:30)". Ordered by the number of waiters.
std::vector<std::string> describe_waits_for(const std::vector<ThreadSnapshot>& threads);

/// One cycle of waits: edges[i].to == edges[i+1].from, the last edge ends at
/// the first edge's `from`.
struct WaitCycle {
  std::vector<WaitEdge> edges;
  std::string pattern;  // "recursive read locking", "lock-order inversion", ...
  std::string words;    // the chain in plain words, ending with the pattern
};

/// One cycle per strongly connected group of waiting threads (a group with
/// many cycles is reported by one of them), ordered by the lowest thread id.
std::vector<WaitCycle> find_wait_cycles(const std::vector<ThreadSnapshot>& threads);

struct DeadlockReport {
  std::vector<WaitCycle> cycles;
  /// When every live thread is blocked: one line per blocked thread that is
  /// not on a cycle, saying what it waits for and why nobody will provide it.
  std::vector<std::string> stuck;
  bool all_asleep = false;
  bool deadlocked() const { return !cycles.empty() || all_asleep; }
  /// The whole explanation: the cycles, then the other stuck threads.
  std::string text() const;
};

/// Explains the state in `threads`: its cycles, and, when every thread that
/// has not ended is waiting, what each one waits for.
DeadlockReport explain_deadlock(const std::vector<ThreadSnapshot>& threads);

/// "T3 (AddEntries, ledger.cpp:18)": a thread with a place in the code.
std::string thread_at(std::uint16_t id, const std::string& function, const std::string& where);

}  // namespace locklab
