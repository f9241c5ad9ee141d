// Step mode ("play the scheduler"): a person, not a strategy, picks which
// thread takes each next step of a controlled run of a bug's variant, on the
// real compiled code. The CLI (`locklab step`) and the visualizer's step view
// are two faces of this one class.
//
// A session holds the steps chosen so far: a prefix of thread picks. Its
// state is what a controlled run (controlled.h) looks like right after those
// picks: which threads can take the next step and what each is about to do
// (operation, object, source line, the locks it holds), which threads are
// blocked and on what, the trace so far (the timeline up to the latest step)
// and the outcome: the run continued from here with no more preemptions
// (each thread runs until it blocks or ends, lowest number first) - exactly
// what `locklab replay` does with the saved schedule.
//
// Every change re-runs the whole prefix from the start (a controlled run is
// deterministic and takes about a millisecond), so undo and fork are exact:
// the state after undo is the state of a fresh session given the shorter
// prefix, event for event.
//
// Goals (challenge.h) are checked after every change.
//
// Not thread-safe: one owner. A session runs controlled runs, so like any
// run it must not be used while another run is active in the process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "locklab/sched/challenge.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/schedule.h"
#include "locklab/core/site.h"
#include "locklab/trace/trace.h"
#include "locklab/trace/verdict.h"

namespace locklab::sched {

/// One thread as step mode shows it, after the steps so far.
struct StepThread {
  enum class Status : std::uint8_t { kRunnable, kBlocked, kDone };
  std::uint16_t id = 0;
  std::string name;
  Status status = Status::kRunnable;
  /// Runnable: the step it takes if picked (starts, lock X, resumes lock X...).
  Step next;
  std::string next_text;   // "lock Account-1.mu", "starts", "resumes lock Account-1.mu"
  SiteInfo next_site;      // where (empty for "starts")
  /// Blocked: what it waits for, in words: "lock Account-1.mu, held by T3
  /// (teller-1)", "receive on jobs", "virtual time (compute)".
  std::string waits_for;
  SiteInfo wait_site;
  /// Locks it holds, with where it took them.
  std::vector<ThreadSnapshot::Held> held;
};
std::string_view to_string(StepThread::Status s) noexcept;

/// The text of the source line `site` names, trimmed, when it is one of the
/// bug's embedded files (its variants, workload, ...); "" otherwise.
std::string source_line(const BugInfo& bug, const SiteInfo& site);

/// The goal's state after the steps so far.
struct GoalStatus {
  bool active = false;        // the session plays a challenge
  bool reached = false;       // the goal's condition holds now
  bool within_limit = false;  // reached in at most the challenge's step limit
  std::string text;           // one line: "not yet: 3 of 12 steps used", ...
  std::string explanation;    // when reached: the deadlock report or the oracle's words
};

/// A step that cannot be taken (a thread that cannot run, a run that has
/// ended, a fork that does not exist); the message says what can be done.
class StepError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class StepSession {
 public:
  /// Free play on `variant` of `bug`: `config`'s unset fields take the bug's
  /// controlled defaults; RunContext::running() turns false after
  /// `stop_after_steps` steps, so every run ends. Runs the empty prefix.
  /// Throws ConfigError (unknown variant, bad settings).
  StepSession(const BugInfo& bug, std::string variant, RunConfig config = {},
              std::uint64_t stop_after_steps = 60);
  /// Plays `challenge` on its variant, or on `variant` if not empty (to see
  /// a fixed variant refuse the goal), with the challenge's settings.
  StepSession(const BugInfo& bug, const Challenge& challenge, std::string variant = "");

  const BugInfo& bug() const noexcept { return *bug_; }
  const std::string& variant() const noexcept { return variant_; }
  const Challenge* challenge() const noexcept { return challenge_; }

  // ---- the state after the steps so far ------------------------------------
  const std::vector<std::uint16_t>& picks() const noexcept { return picks_; }
  /// What each pick did (same length as picks()).
  const std::vector<Step>& steps() const noexcept { return steps_; }
  /// Every thread of the run so far, by id.
  const std::vector<StepThread>& threads() const noexcept { return threads_; }
  std::vector<const StepThread*> runnable() const;
  std::vector<const StepThread*> blocked() const;
  /// No thread can take a step: the run is over (every thread ended, or a
  /// deadlock: trace().verdict says which).
  bool ended() const noexcept { return ended_; }
  /// The run so far: events up to the latest step, counters left out (they
  /// cover the whole run). Once ended(), the whole run with its verdict.
  const Trace& trace() const noexcept { return trace_; }
  /// The run continued from here with no more preemptions, to its end.
  const Trace& outcome() const noexcept { return outcome_; }
  /// How many steps that continuation takes from here.
  std::size_t outcome_steps() const noexcept { return outcome_picks_.size() - picks_.size(); }
  const GoalStatus& goal() const noexcept { return goal_; }
  /// "T2 (teller-0) lock Account-0.mu at buggy.cpp:26 (transfer)".
  std::string describe(const Step& step) const;

  // ---- actions -------------------------------------------------------------
  /// `thread` takes the next step. Throws StepError if it cannot (the
  /// message lists the threads that can).
  void step(std::uint16_t thread);
  /// Takes back the latest step; false (and nothing changes) at the start.
  bool undo();
  /// Steps on to the run's end with no more preemptions (the outcome).
  void finish();
  /// Plays `picks` from the start, replacing the steps so far. Throws
  /// StepError naming the first pick that cannot run (the steps so far are
  /// then unchanged).
  void play(const std::vector<std::uint16_t>& picks);

  /// A kept line of steps: fork() saves the steps so far, so the learner
  /// can try another continuation and come back with switch_to().
  struct Branch {
    std::vector<std::uint16_t> picks;
    std::string outcome;  // one line, as it stood when forked
  };
  /// Keeps the steps so far as a branch; returns its number (1, 2, ...).
  std::size_t fork();
  /// Goes back to branch `number`'s steps. Throws StepError if there is none.
  void switch_to(std::size_t number);
  const std::vector<Branch>& branches() const noexcept { return branches_; }

  // ---- the schedule ---------------------------------------------------------
  /// The steps so far as a schedule (strategy "step"): `locklab replay` plays
  /// it on this variant or another (then the run may leave the schedule
  /// where the fixed code differs).
  Schedule schedule() const;
  /// Writes schedule() with every step in words as comments. Throws
  /// ScheduleError.
  void save(const std::string& path) const;

 private:
  void rebuild(const std::vector<std::uint16_t>& picks);
  void judge();

  const BugInfo* bug_;
  std::string variant_;
  const Challenge* challenge_ = nullptr;
  RunConfig config_;      // resolved: threads, duration, every parameter
  ControlledLimits limits_;

  std::vector<std::uint16_t> picks_;
  std::vector<Step> steps_;
  std::vector<StepThread> threads_;
  bool ended_ = false;
  Trace trace_;
  Trace outcome_;
  std::vector<std::uint16_t> outcome_picks_;
  GoalStatus goal_;
  std::vector<Branch> branches_;
};

}  // namespace locklab::sched
