// `locklab report` in-process on tiny configurations (one bug, short runs):
// the three files and what they must hold, thread lists, Ctrl-C, and
// `report --compare` on two fixture files.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "locklab_child.h"
#include "run_cli_in_process.h"
#include "locklab/run/catalogue.h"
#include "progress.h"
#include "report_format.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

using Result = locklab::testing::CliResult;

using locklab::testing::cli;
using locklab::testing::slurp;

std::string fixture(const std::string& name) { return std::string(LOCKLAB_SOURCE_DIR) + "/tests/cli/fixtures/" + name; }

// A fresh folder for one test's report, removed afterwards.
struct ReportDir : locklab::testing::ScratchDir {
  ReportDir() : ScratchDir("locklab-report-test") {}
};

// lock-held-across-io runs in a few hundred ms and shows its symptom within
// 150 ms; any bug will do for the checks that do not need a symptom.
const char* kBug = "lock-held-across-io";

#define REQUIRE_REPORT_BUG() \
  if (!locklab::Catalogue::get().find(kBug)) GTEST_SKIP() << kBug << " is not in this build's catalogue"

TEST(Report, WritesHtmlMarkdownAndJson) {
  REQUIRE_REPORT_BUG();
  ReportDir dir;
  const Result r = cli({"report", "--bugs", kBug, "--duration", "150", "--repetitions", "2", "--out", dir.str()});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;  // 1: a short run may miss its symptom
  EXPECT_NE(r.out.find("wrote " + (dir.path / "report.html").string()), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("BUG"), std::string::npos);
  // Progress: one line per run on a stream that is not a terminal, bug k of n;
  // the fixed variant runs first.
  EXPECT_NE(r.err.find("[1/4] bug 1 of 1: lock-held-across-io fixed, 4 threads, run 1 of 2"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("4 of 4 runs done"), std::string::npos) << r.err;

  // report.json: Google Benchmark's output and locklab's analyses.
  const json j = json::parse(slurp(dir.path / "report.json"));
  ASSERT_TRUE(j.contains("context"));
  EXPECT_EQ(j["context"]["executable"], "locklab");
  std::size_t iterations = 0, aggregates = 0;
  for (const json& b : j["benchmarks"]) {
    EXPECT_EQ(b["run_name"].get<std::string>().rfind("lock-held-across-io/", 0), 0u) << b.dump();
    if (b["run_type"] == "aggregate") {
      ++aggregates;
      continue;
    }
    ++iterations;
    EXPECT_GT(b["items_per_second"].get<double>(), 0) << b.dump();
    EXPECT_TRUE(b.contains("p99_ns")) << b.dump();
    for (const char* k : {"wait_share", "symptom", "failure", "as_expected"}) EXPECT_TRUE(b.contains(k)) << k;
    EXPECT_EQ(b["time_unit"], "ms");
    EXPECT_FALSE(b["label"].get<std::string>().empty());
  }
  EXPECT_EQ(iterations, 4u);
  EXPECT_GE(aggregates, 6u);  // mean, median, stddev (and cv) of each of two benchmarks
  // Fixed variants run first (their op mix names the main op), buggy last.
  EXPECT_NE(j["benchmarks"][0]["run_name"].get<std::string>().find("/fixed/"), std::string::npos);

  const json& ll = j["locklab"];
  EXPECT_EQ(ll["runs_planned"], 4);
  EXPECT_EQ(ll["runs_done"], 4);
  EXPECT_EQ(ll["interrupted"], false);
  EXPECT_EQ(ll["settings"]["repetitions"], 2);
  EXPECT_EQ(ll["settings"]["duration_ms"], 150);
  ASSERT_EQ(ll["bugs"].size(), 1u);
  const json& bug = ll["bugs"][0];
  EXPECT_EQ(bug["id"], kBug);
  EXPECT_EQ(bug["main_op"], "Load");
  ASSERT_EQ(bug["cases"].size(), 2u);
  EXPECT_EQ(bug["cases"][0]["variant"], "buggy");  // the report lists buggy first
  EXPECT_EQ(bug["cases"][0]["benchmark"], "lock-held-across-io/buggy/threads:4");
  EXPECT_TRUE(bug["cases"][0]["compare"].is_null());
  EXPECT_FALSE(bug["cases"][1]["compare"].is_null()) << "compare(buggy, fixed) ran";
  for (const json& c : bug["cases"]) {
    ASSERT_EQ(c["runs"].size(), 2u);
    EXPECT_EQ(c["throughput"]["n"], 2);
    for (const json& run : c["runs"]) {
      for (const char* k : {"verdict", "oracle", "contention", "latency", "diagnostics", "throughput", "repetition"})
        EXPECT_TRUE(run.contains(k)) << k;
      EXPECT_EQ(run["duration_ms"], 150);
    }
  }

  // report.md: the tables.
  const std::string md = slurp(dir.path / "report.md");
  EXPECT_EQ(md.rfind("# locklab report", 0), 0u);
  EXPECT_NE(md.find("| bug | variant | threads |"), std::string::npos);
  EXPECT_NE(md.find("| lock-held-across-io | buggy | 4 |"), std::string::npos) << md;
  EXPECT_NE(md.find("## lock-held-across-io: "), std::string::npos);
  EXPECT_NE(md.find("compare(buggy, fixed) at 4 threads"), std::string::npos);
  EXPECT_NE(md.find("`Store.mu`"), std::string::npos) << "the contention table names the lock";

  // report.html: self-contained, with both charts drawn in the variants' colours.
  const std::string html = slurp(dir.path / "report.html");
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(html.find("</html>"), std::string::npos);
  for (const char* external : {"<script", "<link", "src=\"http", "href=\"http", "url(", "@import"})
    EXPECT_EQ(html.find(external), std::string::npos) << external;
  EXPECT_NE(html.find("chart-throughput"), std::string::npos);
  EXPECT_NE(html.find("chart-latency"), std::string::npos);
  EXPECT_NE(html.find("p99 latency of Load"), std::string::npos);
  EXPECT_NE(html.find(std::string("fill=\"") + locklab::cli::kBuggyColour + "\""), std::string::npos);
  EXPECT_NE(html.find(std::string("fill=\"") + locklab::cli::kFixedColour + "\""), std::string::npos);
  EXPECT_NE(html.find("The oracle checks"), std::string::npos);
  EXPECT_NE(html.find("Where threads waited"), std::string::npos);
  EXPECT_NE(html.find("BuggyStore::load"), std::string::npos) << "the top waiting site";
}

TEST(Report, ThreadListMakesOneBenchmarkPerCount) {
  REQUIRE_REPORT_BUG();
  ReportDir dir;
  const Result r = cli({"report", "--bugs", kBug, "--threads", "2,default", "-d", "40", "-r", "1", "-o", dir.str()});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = json::parse(slurp(dir.path / "report.json"));
  std::vector<std::string> names;
  for (const json& c : j["locklab"]["bugs"][0]["cases"]) names.push_back(c["benchmark"]);
  const std::vector<std::string> expected = {
      "lock-held-across-io/buggy/threads:2", "lock-held-across-io/fixed/threads:2",
      "lock-held-across-io/buggy/threads:4", "lock-held-across-io/fixed/threads:4"};
  EXPECT_EQ(names, expected);
  EXPECT_EQ(j["locklab"]["settings"]["threads"], json::parse(R"([2, "default"])"));
  EXPECT_EQ(j["benchmarks"].size(), 4u) << "one repetition: no aggregates";
  EXPECT_NE(slurp(dir.path / "report.html").find("2 threads"), std::string::npos);
}

TEST(Report, CtrlCBeforeTheFirstRunWritesAnEmptyReport) {
  REQUIRE_REPORT_BUG();
  ReportDir dir;
  locklab::cli::request_interrupt();  // applies to the next InterruptScope: the report's
  const Result r = cli({"report", "--bugs", kBug, "-d", "50", "-r", "2", "-o", dir.str()});
  EXPECT_EQ(r.code, 130) << r.err;
  EXPECT_NE(r.out.find("Interrupted (Ctrl-C) after 0 of 4 runs"), std::string::npos) << r.out;
  const json j = json::parse(slurp(dir.path / "report.json"));
  EXPECT_EQ(j["locklab"]["interrupted"], true);
  EXPECT_EQ(j["locklab"]["runs_done"], 0);
  for (const json& b : j["benchmarks"]) {
    EXPECT_EQ(b["error_occurred"], true);
    EXPECT_EQ(b["error_message"], "interrupted (Ctrl-C)");
  }
  EXPECT_NE(slurp(dir.path / "report.html").find("Interrupted (Ctrl-C) after 0 of 4 runs"), std::string::npos);
}

TEST(Report, RunsTwiceInOneProcess) {
  // Google Benchmark's registry is global: each report unregisters its benchmarks.
  REQUIRE_REPORT_BUG();
  locklab::testing::ScratchDir a("locklab-report-twice-a"), b("locklab-report-twice-b");
  ASSERT_NE(cli({"report", "--bugs", kBug, "-d", "30", "-r", "1", "-o", a.str()}).code, 2);
  ASSERT_NE(cli({"report", "--bugs", kBug, "-d", "30", "-r", "1", "-o", b.str()}).code, 2);
  const json j = json::parse(slurp(b.path / "report.json"));
  EXPECT_EQ(j["benchmarks"].size(), 2u);
}

TEST(ReportCompare, FixturesTextTable) {
  const Result r = cli({"report", "--compare", fixture("report_old.json"), fixture("report_new.json")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  // 5 against 6 repetitions, every new one above every old one: p = 2 / C(11, 5).
  EXPECT_NE(r.out.find("+33.1% (p=0.004)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("~ (n=3+3: too few runs)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("1 of 3 benchmarks changed beyond the noise."), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("only in old: retired-bug/buggy/threads:2"), std::string::npos);
  EXPECT_NE(r.out.find("only in new: new-bug/fixed/threads:2"), std::string::npos);
  EXPECT_EQ(r.out.find("broken/"), std::string::npos) << "repetitions that errored are skipped";
}

TEST(ReportCompare, FixturesJson) {
  const Result r = cli({"report", "--compare", fixture("report_old.json"), fixture("report_new.json"), "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_EQ(j["rows"].size(), 3u);
  const json& fixed = j["rows"][0];
  EXPECT_EQ(fixed["benchmark"], "lock-held-across-io/fixed/threads:4");
  EXPECT_EQ(fixed["throughput"]["old"]["n"], 5);
  EXPECT_EQ(fixed["throughput"]["new"]["n"], 6);
  EXPECT_NEAR(fixed["throughput"]["p"].get<double>(), 2.0 / 462.0, 1e-9);
  EXPECT_EQ(fixed["throughput"]["beyond_noise"], true);
  EXPECT_NEAR(fixed["throughput"]["ratio"].get<double>(), 2402.5 / 1805.0, 1e-9);
  EXPECT_EQ(fixed["p99_ns"]["beyond_noise"], false);
  const json& buggy = j["rows"][1];
  EXPECT_EQ(buggy["throughput"]["beyond_noise"], false);
  EXPECT_EQ(j["rows"][2]["throughput"]["beyond_noise"], false);  // 3 + 3: cannot be
  EXPECT_EQ(j["only_old"], json::parse(R"(["retired-bug/buggy/threads:2"])"));
  EXPECT_EQ(j["significance"], 0.05);
}

TEST(ReportCompare, AReportAgainstItselfShowsNoChange) {
  const Result r = cli({"report", "--compare", fixture("report_new.json"), fixture("report_new.json")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("0 of 4 benchmarks changed beyond the noise."), std::string::npos) << r.out;
}

}  // namespace
