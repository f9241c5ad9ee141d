// The report's writers on a bug that deadlocks: a bug made up here (not in
// the catalogue) whose buggy variant takes two locks in opposite orders in
// two threads. Its runs go through the same benchmarks as the catalogue's,
// and the HTML and Markdown must explain the deadlock in words and carry the
// thread dump; the charts must say that the deadlocked variant did nothing.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "lab_threads.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "progress.h"
#include "report_bench.h"
#include "report_html.h"
#include "report_json.h"
#include "report_markdown.h"

namespace {

using namespace locklab;

// Two transfers; the buggy one locks (from, to), so two opposite transfers
// deadlock; the fixed one always locks the lower account first.
void transfers(RunContext& ctx, bool ordered) {
  Mutex a("Account.a"), b("Account.b");
  const auto transfer = ctx.op("Transfer");
  auto worker = [&](Mutex& from, Mutex& to) {
    Mutex& first = ordered ? a : from;
    Mutex& second = ordered ? b : to;
    while (ctx.running()) {
      ctx.timed(transfer, [&] {
        MutexLock l1(first);
        // Wait until the other worker holds a lock too: the unlucky
        // interleaving every time (it cannot happen when both go in order).
        if (!ordered)
          locklab::testing::wait_until(
              ctx, [&] { return second.owner() != 0; }, "the other holds its lock");
        MutexLock l2(second);
      });
    }
  };
  ctx.go("transfer-ab", [&] { worker(a, b); });
  ctx.go("transfer-ba", [&] { worker(b, a); });
  ctx.join_all();
}

BugInfo abba_bug() {
  BugInfo bug;
  bug.id = "test-abba";
  bug.title = "Two transfers lock two accounts in opposite orders";
  bug.family = "lock ordering";
  bug.blocking = Blocking::kBlocking;
  bug.symptom = "the run deadlocks";
  bug.default_threads = 2;
  bug.default_duration_ms = 200;
  bug.variants = {{"buggy", "locks (from, to)", true, {}, [](RunContext& ctx) { transfers(ctx, false); }},
                  {"fixed", "locks the lower account first", false, {}, [](RunContext& ctx) { transfers(ctx, true); }}};
  bug.oracle = [](const Trace& t) {
    const bool dead = t.verdict.kind == VerdictKind::kDeadlock;
    return OracleVerdict{dead, dead ? "the transfers deadlocked" : "no deadlock"};
  };
  return bug;
}

TEST(ReportWriters, ADeadlockIsExplainedInWords) {
  const BugInfo bug = abba_bug();
  cli::ReportSettings settings;
  settings.bugs = {&bug};
  settings.threads = {std::nullopt};
  settings.repetitions = 2;
  const auto plan = cli::make_plan(settings);
  ASSERT_EQ(plan.size(), 2u);
  std::ostringstream err;
  cli::ReportResults results;
  {
    cli::InterruptScope interrupt;
    results = cli::run_report_benchmarks(settings, plan, err, interrupt);
  }
  ASSERT_EQ(results.runs_done, 4u) << err.str();
  const cli::CaseResult& buggy = results.cases[0];
  ASSERT_TRUE(buggy.c.variant->buggy);
  ASSERT_EQ(buggy.runs.size(), 2u);
  EXPECT_EQ(buggy.runs[0].kind, VerdictKind::kDeadlock) << buggy.runs[0].verdict_summary;
  EXPECT_EQ(results.not_as_expected(), 0u);

  const std::string html = cli::report_html(results);
  EXPECT_NE(html.find("Deadlock, in words"), std::string::npos);
  EXPECT_NE(html.find("Account.a"), std::string::npos);
  EXPECT_NE(html.find("Account.b"), std::string::npos);
  EXPECT_NE(html.find("transfer-ab"), std::string::npos) << "the threads are named";
  EXPECT_NE(html.find("Thread dump at the verdict"), std::string::npos);
  EXPECT_NE(html.find("<td>deadlock</td>"), std::string::npos) << "the summary's verdict";

  const std::string md = cli::report_markdown(results);
  EXPECT_NE(md.find("- verdict deadlock: "), std::string::npos) << md;
  EXPECT_EQ(md.find("deadlock: deadlock"), std::string::npos) << "the kind is said once";
  EXPECT_NE(md.find("```\n"), std::string::npos) << "the deadlock in words, as a block";

  const nlohmann::json j = cli::report_json(results);
  const auto& runs = j["locklab"]["bugs"][0]["cases"][0]["runs"];
  EXPECT_EQ(runs[0]["verdict"]["kind"], "deadlock");
  EXPECT_TRUE(runs[0]["diagnostics"]["deadlock"]["deadlocked"].get<bool>());
  EXPECT_FALSE(runs[0]["thread_dump"].empty());
  // Google Benchmark's side: the counters say so too.
  bool saw_failure = false;
  for (const auto& b : j["benchmarks"])
    if (b["run_type"] == "iteration" && b["run_name"].get<std::string>().find("/buggy/") != std::string::npos)
      saw_failure = saw_failure || b["failure"] == 1.0;
  EXPECT_TRUE(saw_failure);
}

}  // namespace
