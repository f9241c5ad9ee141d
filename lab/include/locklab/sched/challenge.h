// Stepping challenges: "make it deadlock in 12 steps or fewer", declared
// next to a bug (bugs/<id>/challenges.cpp) and played in step mode
// (step_session.h: `locklab step <bug> --goal G`, the visualizer's step view).
//
// A challenge names a goal the learner reaches by choosing, step by step,
// which thread runs next, within a step limit:
//
//   goal kind   reached when
//   deadlock    no thread can take a step and the run ended in a deadlock
//               (every live thread waits; the wait-for graph explains why)
//   symptom     the bug's oracle sees its symptom in the run continued from
//               here with no more preemptions (each thread runs until it
//               blocks or ends, lowest number first; what `locklab replay`
//               does with the saved schedule): the learner has forced it
//
// A challenge fixes the run's settings (threads, parameters, step bound) so
// its runs stay a few dozen steps long, and carries one solution (a script
// of thread ids) that the tests play: every challenge is shown solvable
// within its limit, and the same schedule on the fixed variant does not
// reach the goal.
//
// Registration happens at static initialisation, like bugs (catalogue.h);
// read the registry only from main() on.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace locklab::sched {

enum class GoalKind : std::uint8_t { kDeadlock, kSymptom };
std::string_view to_string(GoalKind k) noexcept;

struct Challenge {
  std::string bug;                 // "lock-order-inversion"
  std::string name;                // "deadlock": what --goal names, unique per bug
  std::string goal;                // "make it deadlock" (imperative, lower case)
  GoalKind kind = GoalKind::kDeadlock;
  std::uint32_t step_limit = 0;    // reach it in this many steps or fewer (> 0)
  std::string hint;                // one sentence for a stuck learner
  std::string variant = "buggy";   // the variant it is played on
  // The run's settings (0 / empty: the bug's controlled defaults).
  std::uint32_t threads = 0;
  std::uint64_t duration_ms = 0;
  std::map<std::string, std::string> params;
  std::uint64_t seed = 1;               // the run's seed (the workload's random choices)
  std::uint64_t stop_after_steps = 60;  // RunContext::running() turns false after this many steps
  std::string solution;            // thread ids that reach the goal, "1 1 2 3 ..."

  /// "make it deadlock in 12 steps or fewer".
  std::string title() const;
};

/// Adds a challenge; a duplicate (bug, name) or a zero step limit is a build
/// mistake and aborts with a message.
void register_challenge(Challenge c);
/// Every challenge, sorted by bug id, then name.
std::vector<const Challenge*> challenges();
/// The challenges of one bug (empty if none).
std::vector<const Challenge*> challenges_for(std::string_view bug);
/// One challenge, or nullptr.
const Challenge* find_challenge(std::string_view bug, std::string_view name);

namespace detail {
struct ChallengeRegistrar {
  explicit ChallengeRegistrar(std::vector<Challenge> (*make)()) {
    for (Challenge& c : make()) register_challenge(std::move(c));
  }
};
}  // namespace detail

}  // namespace locklab::sched

/// In a bug module's challenges.cpp: LOCKLAB_REGISTER_CHALLENGES(make) where
/// `std::vector<locklab::sched::Challenge> make()` lists the bug's challenges.
/// The registrar's name is unique per use (__COUNTER__), so several modules'
/// challenges.cpp may share one unity-build unit.
#define LOCKLAB_CHALLENGE_CONCAT_(a, b) a##b
#define LOCKLAB_CHALLENGE_NAME_(n) LOCKLAB_CHALLENGE_CONCAT_(locklab_challenge_registrar_, n)
#define LOCKLAB_REGISTER_CHALLENGES(make)                                                           \
  namespace {                                                                                       \
  const ::locklab::sched::detail::ChallengeRegistrar LOCKLAB_CHALLENGE_NAME_(__COUNTER__){&(make)}; \
  }
