// Chrome trace-event export: the structure Perfetto and chrome://tracing
// need, checked on a real run: named threads, complete events nested per
// thread, async lock tracks paired, flow arrows paired, counters present.
#include "chrome_trace.h"

#include <gtest/gtest.h>

#include <map>
#include <set>
#include <vector>

#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"

namespace {

using nlohmann::json;

locklab::Trace short_run(const char* bug_id) {
  const locklab::BugInfo* bug = locklab::Catalogue::get().find(bug_id);
  if (!bug) return {};
  locklab::RunConfig c;
  c.duration_ms = 300;
  return locklab::run_bug(*bug, "buggy", c);
}

TEST(ChromeTrace, ARealRunExportsWellFormedEvents) {
  const locklab::Trace trace = short_run("lock-held-across-io");
  if (trace.threads.empty()) GTEST_SKIP() << "lock-held-across-io is not in this build";
  const json j = locklab::cli::chrome_trace(trace);
  ASSERT_TRUE(j.contains("traceEvents"));
  const json& events = j["traceEvents"];

  std::set<int> named;
  std::map<int, std::vector<std::pair<double, double>>> complete;  // tid -> (ts, end)
  std::map<std::string, int> async_open;                           // cat/id -> b minus e
  std::map<std::uint64_t, int> flows;                              // id -> s minus f
  bool throughput = false;
  for (const json& e : events) {
    ASSERT_TRUE(e.contains("ph") && e.contains("pid")) << e.dump();
    const std::string ph = e["ph"];
    if (ph == "M" && e["name"] == "thread_name") named.insert(e["tid"].get<int>());
    if (ph == "X") {
      ASSERT_TRUE(e.contains("ts") && e.contains("dur") && e.contains("tid") && e.contains("name")) << e.dump();
      ASSERT_GE(e["dur"].get<double>(), 0.0);
      complete[e["tid"].get<int>()].push_back({e["ts"].get<double>(), e["ts"].get<double>() + e["dur"].get<double>()});
    }
    if (ph == "b" || ph == "e") async_open[e["cat"].get<std::string>() + "/" + e["id"].dump()] += ph == "b" ? 1 : -1;
    if (ph == "s" || ph == "f") flows[e["id"].get<std::uint64_t>()] += ph == "s" ? 1 : -1;
    if (ph == "C" && e["name"] == "throughput (items/s)") throughput = true;
  }
  for (const locklab::TraceThread& th : trace.threads) {
    EXPECT_TRUE(named.count(th.id)) << "thread " << th.id << " unnamed";
  }
  // Complete events on one thread nest: each starts after the open ones end,
  // or ends inside the innermost open one.
  for (auto& [tid, list] : complete) {
    std::vector<double> open;
    for (const auto& [begin, end] : list) {
      while (!open.empty() && open.back() <= begin) open.pop_back();
      if (!open.empty()) {
        EXPECT_LE(end, open.back() + 1e-6) << "thread " << tid << ": overlapping slices at " << begin;
      }
      open.push_back(end);
    }
  }
  EXPECT_FALSE(complete.empty());
  for (const auto& [key, balance] : async_open) EXPECT_EQ(balance, 0) << "unpaired async event " << key;
  EXPECT_GT(async_open.size(), 0u) << "no lock holds or waits exported";
  for (const auto& [id, balance] : flows) EXPECT_EQ(balance, 0) << "unpaired flow " << id;
  EXPECT_GT(flows.size(), 0u) << "a contended lock run should have wake-up arrows";
  EXPECT_TRUE(throughput);
  EXPECT_EQ(j["metadata"]["bug"], "lock-held-across-io");
}

}  // namespace
