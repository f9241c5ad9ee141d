// Every bug of the catalogue whose symptom an interleaving causes, blocking
// or not, is found by `explore` with its default settings, and its fixed
// variants survive the same budget under every strategy (random walk, PCT,
// DFS); the failing schedule replays to the same failure and runs to
// completion on the fix. The bugs whose symptom is a real-time ratio are
// refused with words, not searched.
#include <gtest/gtest.h>

#include "locklab/run/catalogue.h"
#include "locklab/sched/explore.h"

#include "blocking_bugs.h"

namespace locklab::sched {
namespace {

using ::locklab::testing::blocking_bugs;
using ::locklab::testing::interleaving_bugs;

class ExploreCatalogue : public ::testing::TestWithParam<const BugInfo*> {};

TEST_P(ExploreCatalogue, FindsTheBugAndTheFixSurvivesTheSameBudget) {
  const BugInfo& bug = *GetParam();
  ExploreOptions options;  // the defaults: pct depth 3, seed 1, 10,000 schedules
  const ExploreResult buggy = explore(bug, bug.buggy_variant()->name, options);
  ASSERT_TRUE(buggy.found) << bug.id << ": no failure in " << buggy.schedules << " schedules";
  EXPECT_TRUE(buggy.oracle.symptom || is_failure(buggy.failing.trace.verdict.kind));

  // The schedule, replayed on the buggy variant, fails the same way.
  const ReplayResult again = replay(bug, buggy.schedule);
  EXPECT_TRUE(again.failed) << bug.id;
  EXPECT_FALSE(again.diverged) << bug.id << ": " << again.divergence;
  EXPECT_EQ(again.run.trace.verdict.kind, buggy.failing.trace.verdict.kind);

  for (const VariantInfo* fixed : bug.fixed_variants()) {
    // The same interleaving against the fix runs to completion.
    const ReplayResult on_fix = replay(bug, buggy.schedule, fixed->name);
    EXPECT_FALSE(on_fix.failed) << bug.id << " / " << fixed->name << ": " << on_fix.run.trace.verdict.summary << " "
                                << on_fix.oracle.explanation;
    // And the fix survives the budget the bug needed, and then some, under
    // every strategy.
    for (const char* strategy : {"pct", "random", "dfs"}) {
      ExploreOptions same = options;
      same.strategy = strategy;
      same.budget = std::max<std::uint64_t>(buggy.schedules * 2, 300);
      const ExploreResult clean = explore(bug, fixed->name, same);
      EXPECT_FALSE(clean.found) << bug.id << " / " << fixed->name << " failed under " << strategy << " at schedule "
                                << clean.schedules << ": " << clean.failing.trace.verdict.summary << " "
                                << clean.oracle.explanation;
    }
  }
}


INSTANTIATE_TEST_SUITE_P(InterleavingBugs, ExploreCatalogue, ::testing::ValuesIn(interleaving_bugs()),
                         ::locklab::testing::bug_id_test_name);

TEST(ExploreCatalogueList, HoldsEveryBlockingBugAndNonBlockingOnes) {
  std::size_t blocking = 0, non_blocking = 0;
  for (const BugInfo* b : interleaving_bugs()) (b->blocking == Blocking::kBlocking ? blocking : non_blocking) += 1;
  EXPECT_EQ(blocking, blocking_bugs().size()) << "every blocking bug is an interleaving bug";
  EXPECT_GE(non_blocking, 8u);
}

TEST(ExploreCatalogueList, ARealTimeBugSaysWhyItIsNotAnInterleavingBug) {
  std::size_t real_time = 0;
  for (const BugInfo* b : Catalogue::get().all())
    if (b->cause == SymptomCause::kRealTime) {
      ++real_time;
      EXPECT_FALSE(b->cause_note.empty()) << b->id;
    }
  EXPECT_GE(real_time, 1u);
}

}  // namespace
}  // namespace locklab::sched
