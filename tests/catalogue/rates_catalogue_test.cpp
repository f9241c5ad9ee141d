// The trigger-rate table (`locklab explore BUG --rates`) compares methods,
// not workloads: for every blocking bug, every row (real threads, chaos,
// random walk, PCT, DFS) ran the bug's one small rates configuration, as the
// rows' own traces recorded it; that workload is bounded by its operations
// (it ends by itself, not when the duration or the step budget runs out),
// and the table shows what each method found.
#include <gtest/gtest.h>

#include "locklab/run/catalogue.h"
#include "locklab/sched/strategies/dfs.h"
#include "locklab/sched/rates.h"

#include "blocking_bugs.h"

namespace locklab::sched {
namespace {

using ::locklab::testing::blocking_bugs;

class RatesCatalogue : public ::testing::TestWithParam<const BugInfo*> {};

TEST_P(RatesCatalogue, EveryRowRunsTheSameBoundedWorkload) {
  const BugInfo& bug = *GetParam();
  const RunConfig config = rates_config(bug);
  ASSERT_TRUE(config.params.count("ops")) << bug.id << ": the rates workload sets no ops";
  EXPECT_NE(config.params.at("ops"), "0") << bug.id << ": ops=0 runs until the duration ends";

  RatesOptions options;
  options.real_runs = 2;      // the rows' settings, not their rates, are checked here
  options.schedules = 40;
  options.max_preemptions = 2;
  const TriggerRates rates = trigger_rates(bug, options);
  ASSERT_GE(rates.rows.size(), 7u) << bug.id;  // real, chaos, random, pct 1-3, dfs
  EXPECT_EQ(rates.workload.threads, config.threads);
  EXPECT_EQ(rates.workload.params, config.params);
  const RateSettings& first = rates.rows.front().settings;
  EXPECT_EQ(first.threads, config.threads) << bug.id;
  EXPECT_EQ(first.params.at("ops"), config.params.at("ops")) << bug.id;
  for (const RateRow& row : rates.rows) {
    EXPECT_GT(row.runs, 0u) << bug.id << " / " << row.method;
    EXPECT_TRUE(row.settings == first) << bug.id << ": the row '" << row.method << "' ran another workload than '"
                                       << rates.rows.front().method << "'";
  }
}

TEST_P(RatesCatalogue, TheFixedWorkloadEndsByItsOperations) {
  const BugInfo& bug = *GetParam();
  const RunConfig config = rates_config(bug);
  ControlledLimits limits;
  for (const VariantInfo* fixed : bug.fixed_variants()) {
    Dfs dfs(0);  // the schedule without preemptions
    ASSERT_TRUE(dfs.next_schedule());
    const ControlledRun run = run_bug_controlled(bug, fixed->name, config, dfs, limits);
    EXPECT_EQ(run.trace.verdict.kind, VerdictKind::kCompleted) << bug.id << " / " << fixed->name << ": "
                                                               << run.trace.verdict.summary;
    // Fewer decisions than the point where running() would turn false: the
    // threads ran out of operations, the run was not stopped.
    EXPECT_LT(run.steps.size(), limits.stop_after_steps) << bug.id << " / " << fixed->name;
  }
}


INSTANTIATE_TEST_SUITE_P(BlockingBugs, RatesCatalogue, ::testing::ValuesIn(blocking_bugs()), ::locklab::testing::bug_id_test_name);

}  // namespace
}  // namespace locklab::sched
