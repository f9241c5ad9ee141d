// Verdict: how a run ended, with a truthful dump of every thread at that
// moment (what it waits for, what it holds, with sites).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "locklab/core/event.h"
#include "locklab/core/objects.h"
#include "locklab/core/states.h"

namespace locklab {

enum class VerdictKind : std::uint8_t {
  kCompleted = 0,     // ran for its duration; every thread ended
  kDeadlock = 1,      // no progress and every live lab thread blocked in a lab wait
  kNoProgress = 2,    // no progress for the watchdog bound, some thread not blocked
  kSelfDeadlock = 3,  // a thread locked what it already held
  kPanic = 4,         // a primitive was misused (send on closed channel, ...)
  kError = 5,         // the workload threw an exception
  kUnfinished = 6,    // a trace read before its run ended (the writer was killed, or is still going)
};
std::string_view to_string(VerdictKind k) noexcept;
/// True for the kinds that mean "the run did not end well".
inline bool is_failure(VerdictKind k) noexcept { return k != VerdictKind::kCompleted; }

/// One thread at the moment of the verdict. Names and sites are resolved
/// (plain text), so a dump reads without the trace.
struct ThreadSnapshot {
  std::uint16_t id = 0;
  std::string name;
  ThreadState state = ThreadState::kRunning;
  bool waiting = false;
  WaitKind wait_kind = WaitKind::kLock;
  LockMode wait_mode = LockMode::kNone;
  std::uint32_t wait_object = 0;
  std::string wait_object_name;
  ObjectKind wait_object_kind = ObjectKind::kOther;
  std::string wait_site;           // "ledger.cpp:12 (SumDebits)"
  std::string wait_function;       // "SumDebits" ("" if unknown)
  std::string wait_where;          // "ledger.cpp:12"
  std::uint64_t waiting_for_ns = 0;
  // Who could still end a wait that has no holder (a channel, a Cond, a
  // WaitGroup): a judgement from the object's ledger (core/use_ledger.h),
  // so every word built on it says "likely". enders_known false: anyone
  // might (no ledger, more users than it keeps, fed by a timer, a select).
  bool enders_known = false;
  std::vector<std::uint16_t> enders;  // live threads, not this one
  std::string enders_rule;            // why these: "have used jobs", ...
  // A WaitGroup wait: its counter and who added to it this round.
  std::int64_t wait_counter = -1;     // -1: not a WaitGroup wait
  std::vector<std::uint16_t> wait_added_by;
  struct Held {
    std::uint32_t object = 0;
    std::string object_name;
    LockMode mode = LockMode::kNone;
    std::string site;              // where it was taken: "ledger.cpp:30 (Net)"
    std::string function;          // "Net"
    std::string where;             // "ledger.cpp:30"
  };
  std::vector<Held> held;
  std::uint64_t progress = 0;
  std::uint32_t member_of = 0;     // the pool this thread works for (0: none)
  /// Not a lab thread: locklab's own (the timer service) or an OS thread the
  /// workload made itself. It is shown, but never counted as a live thread
  /// that could end a deadlock (the watchdog skips it too).
  bool internal = false;
  // Live-only facts (not saved in traces): the runner's deadlock check uses
  // them to tell a settled wait from one that is ending.
  std::uint64_t wait_stamp = 0;    // when the wait began, in ticks
  bool wake_pending = false;       // someone already woke it

  const Held* holds(std::uint32_t object) const {
    for (const Held& h : held)
      if (h.object == object) return &h;
    return nullptr;
  }
};

struct Verdict {
  VerdictKind kind = VerdictKind::kCompleted;
  std::string summary;                   // one line
  std::string detail;                    // more lines (sites, the failure's words)
  std::vector<ThreadSnapshot> threads;   // the dump (empty for kCompleted)
  std::uint64_t at_ns = 0;               // when it was reached (trace time)
  /// In memory only (not saved): the workload refused its settings, by
  /// throwing std::invalid_argument before it started a thread ("writers =
  /// 4 leaves no thread to read"). The kind is then kError; the CLI's `run`
  /// and `dump` report it as bad input (exit 2) instead of as a result.
  std::string settings_error;
};

/// A dump as text, one block per thread.
std::string format_dump(const std::vector<ThreadSnapshot>& threads);

/// Describes the present state of every thread of the run (the runner's dump).
std::vector<ThreadSnapshot> snapshot_threads();

}  // namespace locklab
