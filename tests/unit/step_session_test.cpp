// Step mode: every challenge is solvable within its limit by its own
// solution and refused by the fixed variant on that very schedule; undo and
// fork give back exactly the state of a fresh run of the shorter prefix; a
// saved schedule replays the same run; bad choices fail with clear words.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <sstream>

#include "locklab/run/catalogue.h"
#include "locklab/sched/challenge.h"
#include "locklab/sched/strategies/replay.h"
#include "locklab/sched/step_session.h"

namespace locklab::sched {
namespace {

std::vector<std::uint16_t> words(const std::string& script) {
  std::istringstream in(script);
  std::vector<std::uint16_t> out;
  for (unsigned id; in >> id;) out.push_back(static_cast<std::uint16_t>(id));
  return out;
}

const BugInfo& bug_of(const Challenge& c) {
  const BugInfo* b = Catalogue::get().find(c.bug);
  if (!b) throw std::runtime_error("challenge for unknown bug " + c.bug);
  return *b;
}

// Everything a learner sees of a state, compared field by field.
void expect_same_state(const StepSession& a, const StepSession& b) {
  EXPECT_EQ(a.picks(), b.picks());
  ASSERT_EQ(a.steps().size(), b.steps().size());
  for (std::size_t i = 0; i < a.steps().size(); ++i) EXPECT_EQ(a.describe(a.steps()[i]), b.describe(b.steps()[i]));
  ASSERT_EQ(a.threads().size(), b.threads().size());
  for (std::size_t i = 0; i < a.threads().size(); ++i) {
    const StepThread& x = a.threads()[i];
    const StepThread& y = b.threads()[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.status, y.status) << "T" << x.id;
    EXPECT_EQ(x.next_text, y.next_text) << "T" << x.id;
    EXPECT_EQ(x.next_site, y.next_site) << "T" << x.id;
    EXPECT_EQ(x.waits_for, y.waits_for) << "T" << x.id;
    EXPECT_EQ(x.held.size(), y.held.size()) << "T" << x.id;
  }
  EXPECT_EQ(a.ended(), b.ended());
  EXPECT_EQ(a.trace().events, b.trace().events);
  EXPECT_EQ(a.outcome().events, b.outcome().events);
  EXPECT_EQ(a.goal().text, b.goal().text);
}

TEST(StepChallenges, AtLeastSixBugsHaveOne) {
  std::set<std::string> bugs;
  for (const Challenge* c : challenges()) {
    bugs.insert(c->bug);
    EXPECT_NE(Catalogue::get().find(c->bug), nullptr) << c->bug;
    EXPECT_GT(c->step_limit, 0u);
    EXPECT_FALSE(c->solution.empty()) << c->bug << "/" << c->name;
  }
  EXPECT_GE(bugs.size(), 6u);
}

TEST(StepChallenges, EachSolutionReachesItsGoalWithinTheLimit) {
  for (const Challenge* c : challenges()) {
    SCOPED_TRACE(c->bug + "/" + c->name);
    StepSession s(bug_of(*c), *c);
    for (const std::uint16_t id : words(c->solution)) {
      ASSERT_FALSE(s.goal().reached) << "reached before the solution's end, at step " << s.picks().size();
      s.step(id);
    }
    EXPECT_TRUE(s.goal().reached) << s.goal().text;
    EXPECT_TRUE(s.goal().within_limit) << s.goal().text;
    EXPECT_FALSE(s.goal().explanation.empty());
    if (c->kind == GoalKind::kDeadlock) {
      EXPECT_TRUE(s.ended());
      EXPECT_TRUE(s.runnable().empty());
      EXPECT_NE(s.goal().explanation.find("deadlock"), std::string::npos) << s.goal().explanation;
    }
  }
}

TEST(StepChallenges, NoGoalIsReachedWithoutAChoice) {
  // From the start, with no steps chosen, the goal does not hold: the
  // learner has to make the interleaving.
  for (const Challenge* c : challenges()) {
    StepSession s(bug_of(*c), *c);
    EXPECT_FALSE(s.goal().reached) << c->bug << "/" << c->name << ": " << s.goal().text;
    EXPECT_NE(s.goal().text.find("not yet"), std::string::npos) << s.goal().text;
  }
}

TEST(StepChallenges, TheFixedVariantHoldsOnTheSolutionsSchedule) {
  for (const Challenge* c : challenges()) {
    SCOPED_TRACE(c->bug + "/" + c->name);
    const BugInfo& bug = bug_of(*c);
    StepSession solved(bug, *c);
    solved.play(words(c->solution));
    const Schedule sched = solved.schedule();
    for (const VariantInfo* fixed : bug.fixed_variants()) {
      RunConfig config;
      config.threads = sched.threads;
      config.duration_ms = sched.duration_ms;
      config.params = sched.params;
      config.seed = sched.run_seed;
      ControlledLimits limits;
      limits.stop_after_steps = sched.stop_after_steps;
      Replay replay(sched.steps);
      replay.next_schedule();
      const ControlledRun run = run_bug_controlled(bug, fixed->name, config, replay, limits);
      EXPECT_NE(run.trace.verdict.kind, VerdictKind::kDeadlock) << fixed->name << ": " << run.trace.verdict.summary;
      EXPECT_FALSE(bug.oracle(run.trace).symptom) << fixed->name;
    }
  }
}

TEST(StepSession, TheSavedScheduleReplaysTheSameRun) {
  const Challenge* c = find_challenge("lock-order-inversion", "deadlock");
  ASSERT_NE(c, nullptr);
  StepSession s(bug_of(*c), *c);
  s.play(words(c->solution));
  const std::string path = ::testing::TempDir() + "step_session_test.schedule";
  s.save(path);
  const Schedule loaded = load_schedule(path);
  std::remove(path.c_str());
  EXPECT_EQ(loaded.bug, "lock-order-inversion");
  EXPECT_EQ(loaded.variant, "buggy");
  EXPECT_EQ(loaded.strategy, "step");
  EXPECT_EQ(loaded.steps, s.picks());
  RunConfig config;
  config.threads = loaded.threads;
  config.duration_ms = loaded.duration_ms;
  config.params = loaded.params;
  config.seed = loaded.run_seed;
  ControlledLimits limits;
  limits.stop_after_steps = loaded.stop_after_steps;
  Replay replay(loaded.steps);
  replay.next_schedule();
  const ControlledRun run = run_bug_controlled(s.bug(), loaded.variant, config, replay, limits);
  replay.end_schedule(run.steps.size());
  EXPECT_FALSE(replay.diverged()) << replay.divergence();
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kDeadlock);
  EXPECT_EQ(run.trace.events, s.trace().events);
}

TEST(StepSession, UndoGivesBackExactlyTheShorterPrefixsState) {
  const Challenge* c = find_challenge("cond-if-not-while", "empty-pop");
  ASSERT_NE(c, nullptr);
  const std::vector<std::uint16_t> solution = words(c->solution);
  StepSession s(bug_of(*c), *c);
  s.play(solution);
  for (std::size_t k = solution.size(); k-- > 0;) {
    ASSERT_TRUE(s.undo());
    StepSession fresh(bug_of(*c), *c);
    fresh.play(std::vector<std::uint16_t>(solution.begin(), solution.begin() + static_cast<std::ptrdiff_t>(k)));
    SCOPED_TRACE("after undo to " + std::to_string(k) + " steps");
    expect_same_state(s, fresh);
  }
  EXPECT_FALSE(s.undo()) << "nothing left to undo at the start";
  EXPECT_TRUE(s.picks().empty());
}

TEST(StepSession, TheTimelineGrowsStepByStep) {
  const Challenge* c = find_challenge("recursive-rlock", "deadlock");
  ASSERT_NE(c, nullptr);
  StepSession s(bug_of(*c), *c);
  std::size_t before = s.trace().events.size();
  for (const std::uint16_t id : words(c->solution)) {
    s.step(id);
    EXPECT_GE(s.trace().events.size(), before);
    before = s.trace().events.size();
    // Each thread's events so far are the first ones of the run to come.
    std::map<std::uint16_t, std::vector<Event>> now, later;
    for (const Event& e : s.trace().events) now[e.thread].push_back(e);
    for (const Event& e : s.outcome().events) later[e.thread].push_back(e);
    for (const auto& [thread, events] : now) {
      ASSERT_LE(events.size(), later[thread].size());
      EXPECT_TRUE(std::equal(events.begin(), events.end(), later[thread].begin())) << "T" << thread;
    }
  }
  EXPECT_GT(before, 0u);
}

TEST(StepSession, ShowsWhatEachThreadIsAboutToDoAndWhatItHolds) {
  const Challenge* c = find_challenge("recursive-rlock", "deadlock");
  ASSERT_NE(c, nullptr);
  StepSession s(bug_of(*c), *c);
  ASSERT_EQ(s.runnable().size(), 1u);
  EXPECT_EQ(s.runnable().front()->name, "main");
  EXPECT_EQ(s.runnable().front()->next_text, "starts");
  std::vector<std::uint16_t> solution = words(c->solution);
  solution.pop_back();  // one step before the deadlock: the reader is about to read-lock again
  s.play(solution);
  const StepThread* reader = nullptr;
  const StepThread* writer = nullptr;
  for (const StepThread& t : s.threads()) {
    if (t.name == "reader-0") reader = &t;
    if (t.name == "writer-0") writer = &t;
  }
  ASSERT_NE(reader, nullptr);
  ASSERT_NE(writer, nullptr);
  EXPECT_EQ(reader->status, StepThread::Status::kRunnable);
  EXPECT_EQ(reader->next_text, "read-lock Ledger.mu");
  EXPECT_NE(source_line(s.bug(), reader->next_site).find("mu_"), std::string::npos)
      << source_line(s.bug(), reader->next_site);
  ASSERT_EQ(reader->held.size(), 1u);
  EXPECT_EQ(reader->held.front().object_name, "Ledger.mu");
  EXPECT_EQ(writer->status, StepThread::Status::kBlocked);
  EXPECT_EQ(writer->waits_for, "lock Ledger.mu, held by T3 (reader-0)");
}

TEST(StepSession, ForkKeepsAPrefixToComeBackTo) {
  const Challenge* c = find_challenge("lock-order-inversion", "deadlock");
  ASSERT_NE(c, nullptr);
  const std::vector<std::uint16_t> solution = words(c->solution);
  StepSession s(bug_of(*c), *c);
  s.play(std::vector<std::uint16_t>(solution.begin(), solution.begin() + 8));
  EXPECT_EQ(s.fork(), 1u);
  s.finish();  // another continuation: no more preemptions
  EXPECT_TRUE(s.ended());
  EXPECT_GT(s.picks().size(), 8u);
  s.switch_to(1);
  StepSession fresh(bug_of(*c), *c);
  fresh.play(std::vector<std::uint16_t>(solution.begin(), solution.begin() + 8));
  expect_same_state(s, fresh);
  ASSERT_EQ(s.branches().size(), 1u);
  EXPECT_EQ(s.branches().front().picks.size(), 8u);
}

TEST(StepSession, BadChoicesSayWhatCanBeDone) {
  const Challenge* c = find_challenge("recursive-rlock", "deadlock");
  ASSERT_NE(c, nullptr);
  StepSession s(bug_of(*c), *c);
  try {
    s.step(7);
    ADD_FAILURE() << "T7 does not exist";
  } catch (const StepError& e) {
    EXPECT_STREQ(e.what(), "there is no thread T7 (threads that can step: T1 (main))");
  }
  std::vector<std::uint16_t> solution = words(c->solution);
  solution.pop_back();
  s.play(solution);
  EXPECT_THROW(s.step(2), StepError);  // the writer is blocked
  try {
    s.step(2);
  } catch (const StepError& e) {
    EXPECT_NE(std::string(e.what()).find("is blocked: it waits for lock Ledger.mu"), std::string::npos) << e.what();
  }
  s.step(3);
  EXPECT_TRUE(s.ended());
  EXPECT_THROW(s.step(3), StepError);  // the run is over
  EXPECT_THROW(s.switch_to(1), StepError);
  const auto picks = s.picks();
  EXPECT_THROW(s.play({1, 3}), StepError);  // T3 does not exist before main starts it
  EXPECT_EQ(s.picks(), picks) << "a failed play leaves the steps as they were";
  EXPECT_THROW(StepSession(s.bug(), "no-such-variant"), ConfigError);
}

}  // namespace
}  // namespace locklab::sched
