// locklab step: a script reaches the goal and says so with the diagnostics'
// explanation; the prompt reads choices, undo and fork from stdin; bad
// choices are one clear line and exit 2; --save writes a replayable schedule.
#include <gtest/gtest.h>

#include <cstdio>
#include <iostream>
#include <sstream>

#include "locklab/sched/schedule.h"
#include "run_cli_in_process.h"

namespace {

using locklab::testing::run_locklab;

const char* kRlockSolution = "1 1 1 1 2 2 3 3 3 3 2 3";

// Feeds `input` to std::cin for the length of one interactive command.
class StdinFrom {
 public:
  explicit StdinFrom(const std::string& input) : in_(input), old_(std::cin.rdbuf(in_.rdbuf())) {}
  ~StdinFrom() {
    std::cin.rdbuf(old_);
    std::cin.clear();
  }

 private:
  std::istringstream in_;
  std::streambuf* old_;
};

TEST(StepCli, AScriptReachesTheGoalAndShowsTheDeadlockReport) {
  const auto r = run_locklab({"step", "recursive-rlock", "--script", kRlockSolution});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_NE(r.out.find("goal: make the reader and the writer deadlock in 12 steps or fewer"), std::string::npos);
  EXPECT_NE(r.out.find("step 11: T2 (writer-0) lock Ledger.mu at buggy.cpp:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("GOAL REACHED: reached in 12 steps"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("recursive read locking"), std::string::npos) << r.out;
}

TEST(StepCli, AScriptThatMissesTheGoalExitsOne) {
  const auto r = run_locklab({"step", "recursive-rlock", "--script", "1 1 1 1 2 2 2"});
  EXPECT_EQ(r.code, 1) << r.err;
  EXPECT_NE(r.out.find("not yet: 7 of 12 steps used"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("can take the next step:"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("is about to run: "), std::string::npos) << r.out;
}

TEST(StepCli, UndoInAScriptTakesBackOneStep) {
  const auto a = run_locklab({"step", "recursive-rlock", "--goal", "none", "--script", "1 1 1 1 2 u 3 l"});
  const auto b = run_locklab({"step", "recursive-rlock", "--goal", "none", "--script", "1 1 1 1 3 l"});
  EXPECT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("undone: back to 4 steps"), std::string::npos) << a.out;
  // The state printed at the end is the same either way.
  EXPECT_EQ(a.out.substr(a.out.rfind("  1. T1")), b.out.substr(b.out.rfind("  1. T1")));
}

TEST(StepCli, BadChoicesAreOneLineAndExitTwo) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"step", "recursive-rlock", "--script", "1 7"},
       "locklab: --script word 2 ('7'): there is no thread T7 (threads that can step: T1 (main), T2 (writer-0))\n"},
      {{"step", "recursive-rlock", "--script", "1 zz"},
       "locklab: --script word 2 ('zz'): 'zz' is not a choice: a thread number, u, f, b N, r, s FILE, l, q or ?\n"},
      {{"step", "recursive-rlock", "--script", "u"},
       "locklab: --script word 1 ('u'): nothing to undo: no steps taken yet\n"},
      {{"step", "recursive-rlock", "--script", "b 3"},
       "locklab: --script word 1 ('b'): there are no forks yet (fork keeps the steps so far as one)\n"},
      {{"step", "recursive-rlock", "--goal", "win"},
       "locklab: no goal 'win' for recursive-rlock (goals: deadlock (make the reader and the writer deadlock in 12 "
       "steps or fewer); 'none' for free play)\n"},
      {{"step", "recursive-rlock", "--variant", "nope"},
       "locklab: unknown variant 'nope' of recursive-rlock (variants: buggy, fixed)\n"},
      {{"step", "recursive-rlockk"}, "locklab: unknown bug 'recursive-rlockk'; did you mean 'recursive-rlock'?\n"},
      {{"step", "recursive-rlock", "--goal", "deadlock", "--param", "writers=1"},
       "locklab: --param cannot be combined with a goal (the challenge fixes its settings); use --goal none\n"},
  };
  for (const Case& c : cases) {
    const auto r = run_locklab(c.args);
    EXPECT_EQ(r.code, 2) << c.args.back();
    EXPECT_EQ(r.err, c.err);
  }
}

TEST(StepCli, ThePromptReadsChoicesUndoAndForkAndReportsBadOnes) {
  StdinFrom input("\n1 1 1\n9\n2\nu\nf\n2\nb 1\nb\nq\n");
  const auto r = run_locklab({"step", "recursive-rlock"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("step> "), std::string::npos);
  EXPECT_NE(r.out.find("step 1: T1 (main) starts"), std::string::npos) << "Enter takes the only choice\n" << r.out;
  EXPECT_EQ(r.err, "locklab: there is no thread T9 (threads that can step: T2 (writer-0), T3 (reader-0))\n");
  EXPECT_NE(r.out.find("undone: back to 4 steps"), std::string::npos);
  EXPECT_NE(r.out.find("fork 1 keeps these 4 steps"), std::string::npos);
  EXPECT_NE(r.out.find("back to fork 1: 4 steps"), std::string::npos);
  EXPECT_NE(r.out.find("  fork 1: 4 steps, not yet: 4 of 12 steps used"), std::string::npos) << r.out;
}

TEST(StepCli, SaveWritesAScheduleThatNamesTheBugAndTheSteps) {
  const std::string path = ::testing::TempDir() + "step_cli_test.schedule";
  const auto r = run_locklab({"step", "recursive-rlock", "--script", kRlockSolution, "--save", path});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("saved 12 steps to " + path + " (replay: locklab replay recursive-rlock " + path + ")"),
            std::string::npos);
  const locklab::sched::Schedule s = locklab::sched::load_schedule(path);
  std::remove(path.c_str());
  EXPECT_EQ(s.bug, "recursive-rlock");
  EXPECT_EQ(s.strategy, "step");
  EXPECT_EQ(s.threads, 2u);
  EXPECT_EQ(s.params.at("writers"), "1");
  EXPECT_EQ(s.steps, (std::vector<std::uint16_t>{1, 1, 1, 1, 2, 2, 3, 3, 3, 3, 2, 3}));
}

TEST(StepCli, ListShowsTheChallenges) {
  const auto r = run_locklab({"list"});
  EXPECT_NE(r.out.find("make the reader and the writer deadlock in 12 steps or fewer"), std::string::npos);
  const auto j = run_locklab({"list", "--json"});
  EXPECT_NE(j.out.find("\"step_limit\": 12"), std::string::npos) << j.out.substr(0, 400);
}

}  // namespace
