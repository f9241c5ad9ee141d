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
// Those are definite: only B can end A's wait. Waits on channels, conds and
// WaitGroups get edges that are a judgement ("likely"), from the object's
// ledger (core/use_ledger.h, ThreadSnapshot::enders):
//   kLikelyEnder          A waits on a channel (to send or receive) that B
//                         has used, or on a Cond that B has used or whose
//                         mutex B holds or waits for: B is one who could
//                         still end it (any one of them may);
//   kOwesDone             A waits for a WaitGroup to reach zero; B owes a
//                         done(): an adder started it during this round (or
//                         it added) and it has not called done() yet.
// A thread that never touched a channel could still use it: that is why
// these are "likely", and why a cycle is only ever built from definite
// edges. Selects, semaphores and joins have no edges: anyone may end them.
//
// Which threads can make no progress at all (StuckGroup): start from the
// threads that run, and let a waiting thread go free when its wait could
// end: a lock wait when every thread it waits for is free, a channel, Cond
// or WaitGroup wait when one of its enders is (none known: it stays stuck),
// any other wait when any thread is free. What remains is stuck: certainly
// where only definite edges were used, likely otherwise.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "locklab/trace/verdict.h"

namespace locklab {

enum class WaitEdgeKind : std::uint8_t {
  kHeldBy, kHeldForReadingBy, kBehindPendingWriter, kBusyWorker,  // definite
  kLikelyEnder, kOwesDone,                                         // a judgement
};
/// Only `to` can end the wait (the edge kinds before kLikelyEnder).
constexpr bool is_definite(WaitEdgeKind k) noexcept { return k < WaitEdgeKind::kLikelyEnder; }
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

/// One cycle of definite edges per strongly connected group of waiting
/// threads (a group with many cycles is reported by one of them), ordered by
/// the lowest thread id.
std::vector<WaitCycle> find_wait_cycles(const std::vector<ThreadSnapshot>& threads);

/// Threads that can make no progress while others may still run (see the
/// rule above), each with its reason in plain words.
struct StuckGroup {
  std::vector<std::uint16_t> threads;  // in the dump's order
  std::vector<std::string> lines;      // lines[i]: what threads[i] waits for, why nobody will end it
  std::string pattern;                 // "a lock held while waiting on a channel", ...
  bool likely = false;                 // rests on a ledger's judgement (a "likely" edge or no ender known)
  bool has_lock_edge = false;          // one of them waits for a lock another of them holds
  /// "likely deadlock (a lock held while waiting on a channel): T1 ...; T2 ...".
  std::string words() const;
};

/// The stuck threads not on a cycle of definite edges; nullopt when every
/// waiting thread could still be woken. Internal threads are never stuck and
/// never count as able to help.
std::optional<StuckGroup> find_stuck_group(const std::vector<ThreadSnapshot>& threads);

struct DeadlockReport {
  std::vector<WaitCycle> cycles;
  /// Threads that can make no progress although not every thread is
  /// blocked (a deadlock beside a busy bystander); empty when all_asleep
  /// (then `stuck` says it) or when the cycles cover them.
  std::optional<StuckGroup> group;
  /// When every live thread is blocked: one line per blocked thread that is
  /// not on a cycle, saying what it waits for and why nobody will provide it.
  std::vector<std::string> stuck;
  bool all_asleep = false;
  bool deadlocked() const { return !cycles.empty() || all_asleep || group.has_value(); }
  /// The whole explanation: the cycles, then the other stuck threads.
  std::string text() const;
};

/// Explains the state in `threads`: its cycles, and, when every thread that
/// has not ended is waiting, what each one waits for.
DeadlockReport explain_deadlock(const std::vector<ThreadSnapshot>& threads);

/// "T3 (AddEntries, ledger.cpp:18)": a thread with a place in the code.
std::string thread_at(std::uint16_t id, const std::string& function, const std::string& where);

}  // namespace locklab
