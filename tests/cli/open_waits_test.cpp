// The waits a deadlock leaves open, as every view of a run reports them: the
// run summary's figures and words, its JSON, the `run` command's text. A
// deadlocked run's waits never end, and before they were left out of every
// figure ("waiting 0.0% of thread time" beside four blocked threads).
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include <nlohmann/json.hpp>

#include "locklab/present/run_summary.h"
#include "locklab/run/catalogue.h"
#include "locklab/run/runner.h"
#include "run_cli_in_process.h"

namespace locklab {
namespace open_waits_test {
namespace {

using locklab::testing::cli;

::testing::AssertionResult has(const std::string& text, const std::string& part) {
  if (text.find(part) != std::string::npos) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "expected \"" << part << "\" in:\n" << text;
}

TEST(OpenWaits, RecursiveRlocksDeadlockedRunShowsItsWaitingShareAndTheWaitsThatNeverEnded) {
  const BugInfo* bug = Catalogue::get().find("recursive-rlock");
  ASSERT_NE(bug, nullptr);
  RunConfig c;
  c.duration_ms = 3000;
  c.seed = 1;
  const Trace t = run_bug(*bug, "buggy", c);
  ASSERT_EQ(t.verdict.kind, VerdictKind::kDeadlock) << t.verdict.summary << "\n" << t.verdict.detail;
  const present::RunSummary s = present::summarize(t, bug);
  EXPECT_GT(s.open_waits, 0u);
  ASSERT_GT(s.thread_time_ns, 0u);
  EXPECT_GT(static_cast<double>(s.total_wait_ns) / static_cast<double>(s.thread_time_ns), 0.05)
      << present::waiting_text(s.total_wait_ns, s.thread_time_ns, s.open_waits, s.open_wait_ns);
  std::ostringstream text;
  present::print_analyses(text, s);
  EXPECT_TRUE(has(text.str(), "never ended"));
  EXPECT_EQ(text.str().find("no thread waited"), std::string::npos) << text.str();
  const nlohmann::json j = present::to_json(s);
  EXPECT_EQ(j["contention"]["open_waits"], s.open_waits);
  EXPECT_GT(j["contention"]["total_wait_ns"].get<std::uint64_t>(), 0u);
}

TEST(OpenWaits, TheRunCommandSaysHowManyWaitsNeverEnded) {
  const auto r = cli({"run", "recursive-rlock", "--variant", "buggy", "--seed", "1"});
  EXPECT_TRUE(has(r.out, "never ended")) << r.err;
  const auto j = cli({"run", "recursive-rlock", "--variant", "buggy", "--seed", "1", "--json"});
  const nlohmann::json doc = nlohmann::json::parse(j.out, nullptr, false);
  ASSERT_FALSE(doc.is_discarded()) << j.out << j.err;
  const nlohmann::json& run = doc.is_array() ? doc[0] : (doc.contains("runs") ? doc["runs"][0] : doc);
  EXPECT_GT(run["contention"]["open_waits"].get<std::uint64_t>(), 0u) << run.dump(2).substr(0, 2000);
}

}  // namespace
}  // namespace open_waits_test
}  // namespace locklab
