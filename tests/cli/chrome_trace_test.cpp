// Chrome trace-event export on real runs: the structure Perfetto, catapult
// and DevTools need (named threads, complete events nested per thread,
// holds on named tracks of their own, flow arrows bound to slices, counters
// with a category), the same thread states as thread_timelines, and a real
// deadlock (recursive-rlock) exported truthfully.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "chrome_export_support.h"
#include "locklab/analysis/analyses.h"
#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"

namespace {

using locklab::testing::export_json;
using locklab::testing::ns;
using nlohmann::json;

locklab::Trace short_run(const char* bug_id, std::uint64_t duration_ms = 300) {
  const locklab::BugInfo* bug = locklab::Catalogue::get().find(bug_id);
  if (!bug) return {};
  locklab::RunConfig c;
  c.duration_ms = duration_ms;
  return locklab::run_bug(*bug, "buggy", c);
}

TEST(ChromeTrace, ARealRunExportsWellFormedEvents) {
  const locklab::Trace trace = short_run("lock-held-across-io");
  if (trace.threads.empty()) GTEST_SKIP() << "lock-held-across-io is not in this build";
  const json j = export_json(trace);
  ASSERT_TRUE(j.contains("traceEvents"));

  std::set<int> named;
  std::map<int, std::string> hold_tracks;  // tid -> name
  std::size_t holds = 0;
  std::map<std::uint64_t, int> flows;     // id -> s minus f
  bool throughput = false, complete = false;
  for (const json& e : j["traceEvents"]) {
    ASSERT_TRUE(e.contains("ph") && e.contains("pid")) << e.dump();
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name") {
      named.insert(e["tid"].get<int>());
      if (e["tid"].get<int>() >= locklab::cli::ChromeTraceWalk::kHoldTrackBase) hold_tracks[e["tid"]] = e["args"]["name"];
    }
    if (ph == "X" && e["cat"] == "lock") {
      ++holds;
      EXPECT_GE(e["tid"].get<int>(), locklab::cli::ChromeTraceWalk::kHoldTrackBase) << "a hold on a thread's own track";
    }
    if (ph == "X") {
      ASSERT_TRUE(e.contains("ts") && e.contains("dur") && e.contains("tid") && e.contains("name")) << e.dump();
      ASSERT_GE(e["dur"].get<double>(), 0.0);
      complete = true;
    }
    if (ph != "M") {
      EXPECT_TRUE(e.contains("cat")) << "no category: " << e.dump();
    }
    if (ph == "s" || ph == "f") flows[e["id"].get<std::uint64_t>()] += ph == "s" ? 1 : -1;
    if (ph == "C" && e["name"] == "throughput (items/s)") {
      throughput = true;
      EXPECT_EQ(e["cat"], "counter");
    }
  }
  for (const locklab::TraceThread& th : trace.threads) EXPECT_TRUE(named.count(th.id)) << "thread " << th.id << " unnamed";
  EXPECT_TRUE(complete);
  locklab::testing::expect_slices_nest(j);
  EXPECT_GT(holds, 0u) << "no lock holds exported";
  ASSERT_FALSE(hold_tracks.empty());
  for (const auto& [tid, name] : hold_tracks) EXPECT_NE(name.find(" holds Store.mu"), std::string::npos) << name;
  for (const auto& [id, balance] : flows) EXPECT_EQ(balance, 0) << "unpaired flow " << id;
  EXPECT_GT(flows.size(), 0u) << "a contended lock run should have wake-up arrows";
  locklab::testing::expect_flows_bind(j);
  EXPECT_TRUE(throughput);
  EXPECT_EQ(j["metadata"]["bug"], "lock-held-across-io");
  EXPECT_EQ(j["metadata"]["wake_arrows"], flows.size());
}

// The exporter walks the events itself (to stream them); on a complete
// trace its thread states are thread_timelines' non-running intervals.
TEST(ChromeTrace, StatesMatchThreadTimelines) {
  const locklab::Trace trace = short_run("lock-held-across-io", 200);
  if (trace.threads.empty()) GTEST_SKIP() << "lock-held-across-io is not in this build";
  ASSERT_EQ(trace.dropped_events(), 0u);
  ASSERT_EQ(trace.verdict.kind, locklab::VerdictKind::kCompleted);
  using Key = std::tuple<int, std::uint64_t, std::uint64_t>;  // thread, begin, end
  std::set<Key> expected, got;
  for (const locklab::StateInterval& s : locklab::thread_timelines(trace).states)
    if (s.activity != locklab::Activity::kRunning && s.end_ns > s.begin_ns) expected.insert({s.thread, s.begin_ns, s.end_ns});
  for (const auto& [tid, list] : locklab::testing::slices_by_thread(export_json(trace))) {
    // Merge back-to-back equal states, as thread_timelines does.
    std::vector<locklab::testing::Slice> states;
    for (const auto& s : list)
      if (s.cat == "state") states.push_back(s);
    std::sort(states.begin(), states.end(), [](const auto& a, const auto& b) { return a.begin < b.begin; });
    for (std::size_t i = 0; i < states.size(); ++i) {
      locklab::testing::Slice s = states[i];
      while (i + 1 < states.size() && states[i + 1].begin == s.end && states[i + 1].name == s.name &&
             states[i + 1].args == s.args)
        s.end = states[++i].end;
      got.insert({tid, s.begin, s.end});
    }
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(got, expected);
}

// Small event budgets: every worker drops events. An arrow needs every
// thread's events, so none is drawn past the first thread's recorded range;
// each dropped thread's shown life ends in an "unknown" slice.
TEST(ChromeTrace, NoArrowPastAThreadsRecordedRange) {
  const locklab::BugInfo* bug = locklab::Catalogue::get().find("lock-held-across-io");
  if (!bug) GTEST_SKIP() << "lock-held-across-io is not in this build";
  locklab::RunConfig c;
  c.duration_ms = 300;
  c.events_per_thread = 60;
  const locklab::Trace trace = locklab::run_bug(*bug, "buggy", c);
  std::uint64_t complete_until = ~0ull;
  std::set<int> dropped;
  for (const locklab::TraceThread& t : trace.threads)
    if (t.dropped > 0) {
      dropped.insert(t.id);
      complete_until = std::min(complete_until, t.covered_until_ns);
    }
  ASSERT_FALSE(dropped.empty()) << "no thread dropped events";
  const json j = export_json(trace);
  std::size_t flows = 0;
  for (const json& e : j["traceEvents"]) {
    if (e["ph"] != "s" && e["ph"] != "f") continue;
    ++flows;
    EXPECT_LE(ns(e["ts"]), complete_until) << "an arrow after a thread's events stop: " << e.dump();
  }
  EXPECT_GT(flows, 0u) << "the arrows before any thread dropped events";
  locklab::testing::expect_flows_bind(j);
  locklab::testing::expect_slices_nest(j);
  std::set<int> unknown;
  for (const auto& [tid, list] : locklab::testing::slices_by_thread(j))
    for (const auto& s : list)
      if (s.name == "unknown (events dropped)") {
        unknown.insert(tid);
        EXPECT_EQ(s.begin, trace.thread(static_cast<std::uint16_t>(tid))->covered_until_ns);
      }
  EXPECT_EQ(unknown, dropped);
}

TEST(ChromeTrace, ARecursiveRlockDeadlockEndsAtItsVerdict) {
  const locklab::Trace trace = short_run("recursive-rlock", 1000);
  if (trace.threads.empty()) GTEST_SKIP() << "recursive-rlock is not in this build";
  ASSERT_EQ(trace.verdict.kind, locklab::VerdictKind::kDeadlock) << trace.verdict.summary;
  const json j = export_json(trace);
  const std::uint64_t verdict = trace.verdict.at_ns;

  std::size_t instants = 0, unfinished_waits = 0, unfinished_ops = 0;
  for (const json& e : j["traceEvents"]) {
    if (!e.contains("ts")) continue;
    // ts in µs with three decimals: the verdict's own ns, exactly.
    EXPECT_LE(ns(e["ts"]) + (e.contains("dur") ? ns(e["dur"]) : 0), verdict) << "after the verdict: " << e.dump();
    if (e["ph"] == "I" && e["cat"] == "verdict") {
      ++instants;
      EXPECT_EQ(e["s"], "g");
      EXPECT_EQ(e["name"], trace.verdict.summary);
      EXPECT_EQ(ns(e["ts"]), verdict);
    }
    if (e["ph"] == "X" && e.contains("args") && e["args"].value("never_ended", false)) {
      EXPECT_EQ(ns(e["ts"]) + ns(e["dur"]), verdict) << e.dump();
      if (e["cat"] == "state") ++unfinished_waits;
      if (e["cat"] == "op") ++unfinished_ops;
    }
  }
  EXPECT_EQ(instants, 1u);
  // Every thread in the verdict's dump that waits has its wait shown, unfinished.
  std::size_t waiting = 0;
  for (const locklab::ThreadSnapshot& s : trace.verdict.threads) waiting += s.waiting ? 1 : 0;
  EXPECT_EQ(unfinished_waits, waiting);
  EXPECT_GE(unfinished_ops, 2u) << "the reader and writer in the cycle were inside an operation";
  EXPECT_GT(j["metadata"]["teardown_events_cut"].get<std::uint64_t>(), 0u);
  locklab::testing::expect_flows_bind(j);
  locklab::testing::expect_slices_nest(j);
}

}  // namespace
