// The controlled scheduler decides every choice of a run, not only who runs
// next: which ready case a select takes, when due timers fire, whether a Cond
// wait returns spuriously. Each planted kernel below fails only through one
// such choice; the searching strategies must find it at every run seed, DFS
// must never certify it, and the choices must replay exactly. (Before the
// choices were decisions, the select kernel's outcome came from the run seed
// and the timer kernel's bad order was unreachable: DFS "certified" both.)
#include <gtest/gtest.h>

#include <chrono>

#include "locklab/core/sched_point.h"
#include "locklab/run/catalogue.h"
#include "locklab/sched/controlled.h"
#include "locklab/sched/explore.h"
#include "locklab/sched/schedule.h"
#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/strategies/pct.h"
#include "locklab/sched/strategies/random_walk.h"
#include "locklab/sched/strategies/replay.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/cond.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/select.h"
#include "locklab/sync/timer.h"
#include "locklab/sync/work.h"
#include "sched_kernels.h"

namespace locklab::sched {
namespace {

using namespace std::chrono_literals;
using Kernel = std::function<void(RunContext&)>;

// Both cases are ready; taking the second leaves main waiting on a channel
// nobody sends on: a deadlock reachable only through the select's choice.
void select_kernel(RunContext&) {
  Chan<int> a("a", 1), b("b", 1), never("never");
  a.send(1);
  b.send(2);
  bool took_b = false;
  Select sel;
  sel.recv(a, [](int, bool) {}).recv(b, [&](int, bool) { took_b = true; });
  sel.wait();
  if (took_b) (void)never.recv();
}

// A worker sleeps exactly as long as the timer runs, then stops it. If its
// stop comes first at that instant, the tick is never sent and main waits
// on the timer's channel forever; if the timer fires first, all is well. At
// equal deadlines only the strategy's timing of the firing decides.
void timer_kernel(RunContext& ctx) {
  Timer t(10ms, "t");
  ctx.go("stopper", [&] {
    sleep_for(10ms);
    (void)t.stop();
  });
  (void)t.C().recv();
  ctx.join_all();
}

// A consumer that checks its condition with `if`, not `while`: a spurious
// wake-up (enabled in the config) finds the queue empty. The producer
// never produces, it only says stop: a consumer that wakes without that
// would pop an empty queue; here it then waits for ever (a deadlock verdict).
void spurious_kernel(RunContext& ctx) {
  Mutex mu("mu");
  Cond cond(mu, "cond");
  Chan<int> never("never");
  int items = 0;
  bool stop = false;
  ctx.go("consumer", [&] {
    bool empty_pop = false;
    {
      MutexLock g(mu);
      if (items == 0 && !stop) cond.wait(mu);
      empty_pop = !stop && items == 0;
    }
    if (empty_pop) (void)never.recv();
  });
  sleep_for(1ms);
  {
    MutexLock g(mu);
    stop = true;
  }
  cond.signal();
  ctx.join_all();
}

RunConfig config_with_seed(std::uint64_t seed) {
  RunConfig c = test_kernels::kernel_config();
  c.seed = seed;
  return c;
}

struct Search {
  int found_at = -1;  // index of the first failing schedule, -1 none
  int schedules = 0;
  bool exhausted = false;
  ControlledRun failing;
};

template <class S>
Search search(S& strategy, const Kernel& kernel, const RunConfig& config, int budget) {
  Search out;
  while (out.schedules < budget) {
    if (!strategy.next_schedule()) {
      out.exhausted = true;
      break;
    }
    ControlledRun run = run_workload_controlled("kernel", kernel, config, strategy);
    strategy.end_schedule(run.steps.size());
    ++out.schedules;
    if (is_failure(run.trace.verdict.kind)) {
      out.found_at = out.schedules - 1;
      out.failing = std::move(run);
      return out;
    }
  }
  return out;
}

TEST(SelectChoice, DfsFindsTheBugBehindTheSecondReadyCaseAtEveryRunSeed) {
  for (std::uint64_t seed = 1; seed <= 8; ++seed) {
    Dfs dfs(0);
    const Search s = search(dfs, select_kernel, config_with_seed(seed), 100);
    ASSERT_GE(s.found_at, 0) << "run seed " << seed << ": dfs ran " << s.schedules << " schedules"
                             << (s.exhausted ? " and called the space exhausted" : "")
                             << " without taking the second ready case";
    EXPECT_FALSE(s.exhausted);
    EXPECT_EQ(s.failing.trace.verdict.kind, VerdictKind::kDeadlock) << s.failing.trace.verdict.summary;
    ASSERT_EQ(s.failing.choices.size(), 1u);
    EXPECT_EQ(s.failing.choices[0].kind, ChoiceKind::kSelectCase);
    EXPECT_EQ(s.failing.choices[0].options, 2u);
    EXPECT_EQ(s.failing.choices[0].value, 1u);
  }
}

TEST(SelectChoice, RandomAndPctTakeBothCases) {
  for (const bool pct : {false, true}) {
    int second = 0, runs = 0;
    RandomWalk walk(3);
    Pct p(3, 2);
    Strategy& st = pct ? static_cast<Strategy&>(p) : walk;
    for (int i = 0; i < 40; ++i) {
      st.next_schedule();
      const ControlledRun run = run_workload_controlled("kernel", select_kernel, config_with_seed(1), st);
      st.end_schedule(run.steps.size());
      ++runs;
      if (is_failure(run.trace.verdict.kind)) ++second;
    }
    EXPECT_GT(second, 0) << (pct ? "pct" : "random") << " never took the second case in " << runs << " runs";
    EXPECT_LT(second, runs) << (pct ? "pct" : "random") << " never took the first case";
  }
}

TEST(SelectChoice, TheFailingScheduleReplaysExactlyAndAWrongChoiceIsNamed) {
  Dfs dfs(0);
  const Search s = search(dfs, select_kernel, config_with_seed(1), 100);
  ASSERT_GE(s.found_at, 0);
  Replay replay(s.failing.picks(), s.failing.choice_values(), true);
  replay.next_schedule();
  const ControlledRun again = run_workload_controlled("kernel", select_kernel, config_with_seed(1), replay);
  replay.end_schedule(again.steps.size());
  EXPECT_FALSE(replay.diverged()) << replay.divergence();
  EXPECT_EQ(again.trace.verdict.kind, VerdictKind::kDeadlock);
  EXPECT_EQ(again.picks(), s.failing.picks());

  // A choice that does not fit: case 5 of 2.
  Replay bad(s.failing.picks(), {5}, true);
  bad.next_schedule();
  const ControlledRun off = run_workload_controlled("kernel", select_kernel, config_with_seed(1), bad);
  bad.end_schedule(off.steps.size());
  ASSERT_TRUE(bad.diverged());
  EXPECT_NE(bad.divergence().find("select case"), std::string::npos) << bad.divergence();
  EXPECT_NE(bad.divergence().find("only 2 exist"), std::string::npos) << bad.divergence();
  EXPECT_NE(bad.divergence().find("at step "), std::string::npos) << bad.divergence();

  // A schedule with no choice where the run makes one.
  Replay none(s.failing.picks(), {}, true);
  none.next_schedule();
  const ControlledRun off2 = run_workload_controlled("kernel", select_kernel, config_with_seed(1), none);
  none.end_schedule(off2.steps.size());
  ASSERT_TRUE(none.diverged());
  EXPECT_NE(none.divergence().find("does not have"), std::string::npos) << none.divergence();
}

TEST(TimerChoice, DfsFindsTheStopThatBeatsTheTimerAtTheSameInstant) {
  Dfs dfs(1);
  const Search s = search(dfs, timer_kernel, config_with_seed(1), 500);
  ASSERT_GE(s.found_at, 0) << "dfs ran " << s.schedules << " schedules" << (s.exhausted ? " (exhausted)" : "")
                           << " and never let the stopper act before the due timer fired";
  EXPECT_FALSE(s.exhausted);
  EXPECT_EQ(s.failing.trace.verdict.kind, VerdictKind::kDeadlock) << s.failing.trace.verdict.summary;
  // The timer never fired in the failing schedule; in the others it is a step.
  for (const Step& step : s.failing.steps) EXPECT_NE(step.thread, kTimersId);
}

TEST(TimerChoice, TheTimersAreAStepThatReplays) {
  // Firing the timers while a woken thread could go on is a preemption, so
  // bound 0 never does it; bound 1 reaches it among its first schedules.
  Dfs dfs(1);
  ControlledRun run;
  bool found = false;
  for (int i = 0; i < 20 && !found && dfs.next_schedule(); ++i) {
    run = run_workload_controlled("kernel", timer_kernel, config_with_seed(1), dfs);
    dfs.end_schedule(run.steps.size());
    for (const Step& step : run.steps) found |= step.thread == kTimersId;
  }
  ASSERT_TRUE(found) << "dfs(1) never fired the due timer before the woken stopper ran";
  EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted) << run.trace.verdict.summary;
  bool fired = false;
  for (const Step& step : run.steps)
    if (step.thread == kTimersId) {
      fired = true;
      EXPECT_EQ(step.op, SchedOp::kTimersFire);
      EXPECT_EQ(describe_step(run.trace, step).rfind("the due timers fire", 0), 0u) << describe_step(run.trace, step);
    }
  EXPECT_TRUE(fired) << "the first schedule fires the due timer before the woken stopper runs";

  // Replaying the steps repeats the run; a timer step where none is due is named.
  Replay replay(run.picks(), run.choice_values(), true);
  replay.next_schedule();
  const ControlledRun again = run_workload_controlled("kernel", timer_kernel, config_with_seed(1), replay);
  replay.end_schedule(again.steps.size());
  EXPECT_FALSE(replay.diverged()) << replay.divergence();
  EXPECT_EQ(again.picks(), run.picks());

  std::vector<std::uint16_t> early = run.picks();
  early.insert(early.begin() + 1, kTimersId);
  Replay bad(early, {}, true);
  bad.next_schedule();
  const ControlledRun off = run_workload_controlled("kernel", timer_kernel, config_with_seed(1), bad);
  bad.end_schedule(off.steps.size());
  ASSERT_TRUE(bad.diverged());
  EXPECT_NE(bad.divergence().find("at step 2 the schedule fires the due timers, but no timer is due"),
            std::string::npos)
      << bad.divergence();
}

TEST(TimerChoice, RandomWalkReachesBothOrders) {
  RandomWalk walk(7);
  int deadlocks = 0, completed = 0;
  for (int i = 0; i < 60; ++i) {
    walk.next_schedule();
    const ControlledRun run = run_workload_controlled("kernel", timer_kernel, config_with_seed(1), walk);
    walk.end_schedule(run.steps.size());
    (run.trace.verdict.kind == VerdictKind::kDeadlock ? deadlocks : completed) += 1;
  }
  EXPECT_GT(deadlocks, 0);
  EXPECT_GT(completed, 0);
}

TEST(SpuriousChoice, DfsEnumeratesTheSpuriousWakeUpWhenEnabled) {
  RunConfig c = config_with_seed(1);
  c.spurious_wakeups = 0.01;  // rare on real threads; a decision under the scheduler
  Dfs dfs(0);
  const Search s = search(dfs, spurious_kernel, c, 50);
  ASSERT_GE(s.found_at, 0) << "dfs ran " << s.schedules << " schedules without a spurious wake-up";
  bool spurious = false;
  for (const StepChoice& ch : s.failing.choices) spurious |= ch.kind == ChoiceKind::kSpuriousWakeup && ch.value == 1;
  EXPECT_TRUE(spurious);

  // Disabled: no such choice is made, and dfs certifies the kernel.
  Dfs off(0);
  const Search clean = search(off, spurious_kernel, config_with_seed(1), 50);
  EXPECT_LT(clean.found_at, 0);
  EXPECT_TRUE(clean.exhausted);
}

// The same two kernels without their bug: whatever the choice, the run ends
// well, so an exhausted DFS certifies them, and its certificate counts the
// choices it enumerated (what `explore` prints under "covered:").
void safe_choices_kernel(RunContext& ctx) {
  Chan<int> a("a", 1), b("b", 1);
  a.send(1);
  b.send(2);
  Select sel;
  sel.recv(a, [](int, bool) {}).recv(b, [](int, bool) {});
  sel.wait();
  Timer t(10ms, "t");
  ctx.go("sleeper", [] { sleep_for(10ms); });
  (void)t.C().recv();
  ctx.join_all();
}

TEST(ExploreCoverage, AnExhaustedSearchCountsTheSelectCasesAndTimerFiringsItEnumerated) {
  BugInfo bug;
  bug.id = "choices-kernel";
  bug.default_threads = 1;
  bug.default_duration_ms = 100;
  bug.variants = {VariantInfo{"fixed", "both cases and both orders end well", false, {}, safe_choices_kernel}};
  ExploreOptions o;
  o.strategy = "dfs";
  o.preemptions = 1;
  o.budget = 1000;
  const ExploreResult r = explore(bug, "fixed", o);
  EXPECT_FALSE(r.found) << r.failing.trace.verdict.summary;
  ASSERT_TRUE(r.exhausted) << r.schedules << " schedules";
  EXPECT_GE(r.covered.select_choices, 2u) << "each schedule meets the select; both cases were taken";
  EXPECT_GE(r.covered.timer_firings, 1u);
  EXPECT_TRUE(r.covered.choices_drawn);
  EXPECT_EQ(r.covered.threads, 1u);
}

TEST(ScheduleFormat, ChoicesAndTimerStepsRoundTrip) {
  Schedule s;
  s.strategy = "dfs";
  s.threads = 2;
  s.steps = {1, 1, 0, 2, 1};
  s.choices_drawn = true;
  s.choices = {1, 0, 2};
  const Schedule back = parse_schedule(format_schedule(s));
  EXPECT_EQ(back.format, kScheduleFormat);
  EXPECT_EQ(back.steps, s.steps);
  EXPECT_TRUE(back.choices_drawn);
  EXPECT_EQ(back.choices, s.choices);

  s.choices.clear();
  const Schedule empty = parse_schedule(format_schedule(s));
  EXPECT_TRUE(empty.choices_drawn) << "a drawing run without choices still says it drew them";
  EXPECT_TRUE(empty.choices.empty());
}

TEST(ScheduleFormat, AnOlderFileLoadsAsChoicesLeftToTheRunSeed) {
  const Schedule old = parse_schedule("strategy pct\nseed 3\nrun-seed 2\nthreads 2\nsteps 1 2 2 1\n");
  EXPECT_EQ(old.format, 1u);
  EXPECT_FALSE(old.choices_drawn);
  EXPECT_EQ(old.steps, (std::vector<std::uint16_t>{1, 2, 2, 1}));
  EXPECT_THROW((void)parse_schedule("strategy pct\nsteps 1 0 2\n"), ScheduleError)
      << "a timer step needs format 2";
  EXPECT_THROW((void)parse_schedule("strategy pct\nsteps 1\nchoices 1\n"), ScheduleError)
      << "choices need format 2";
  try {
    (void)parse_schedule("format 3\nstrategy pct\nsteps 1\n");
    FAIL() << "format 3 was accepted";
  } catch (const ScheduleError& e) {
    EXPECT_NE(std::string(e.what()).find("schedule format 3"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace locklab::sched
