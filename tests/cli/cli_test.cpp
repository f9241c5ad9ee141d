// The `locklab` command in-process: list, show, run, tour and trace-info, in
// text and JSON. Bug-specific checks skip when the catalogue lacks the bug.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "cli.h"
#include "run_cli_in_process.h"
#include "locklab/run/catalogue.h"
#include "locklab/trace/trace_file.h"
#include "progress.h"
#include "synthetic_trace.h"

namespace {

using nlohmann::json;
namespace fs = std::filesystem;

using Result = locklab::testing::CliResult;

using locklab::testing::cli;

json parse(const Result& r) {
  try {
    return json::parse(r.out);
  } catch (const std::exception& e) {
    ADD_FAILURE() << "not JSON: " << e.what() << "\n" << r.out;
    return json::object();
  }
}

const char* const kKnownBugs[] = {"global-counter-lock", "lock-held-across-io", "rwmutex-reload-starves-readers"};

// A bug that runs quickly and reliably: lock-held-across-io if present.
const locklab::BugInfo* quick_bug() {
  const auto& cat = locklab::Catalogue::get();
  if (const auto* b = cat.find("lock-held-across-io")) return b;
  const auto all = cat.all();
  return all.empty() ? nullptr : all.front();
}

#define REQUIRE_BUG(var)                                                      \
  const locklab::BugInfo* var = quick_bug();                                  \
  if (!(var)) GTEST_SKIP() << "the catalogue is empty: no bug to run"

// A fresh temporary directory, removed at the end of the test.
struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() /
           ("locklab-cli-test-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(path);
    fs::create_directories(path);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

TEST(Cli, ListText) {
  const Result r = cli({"list"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(r.err.empty()) << r.err;
  const auto bugs = locklab::Catalogue::get().all();
  if (bugs.empty()) {
    EXPECT_NE(r.out.find("empty"), std::string::npos) << r.out;
    GTEST_SKIP() << "the catalogue is empty";
  }
  EXPECT_NE(r.out.find("ID"), std::string::npos);
  EXPECT_NE(r.out.find("FAMILY"), std::string::npos);
  for (const auto* b : bugs) EXPECT_NE(r.out.find(b->id), std::string::npos) << b->id;
  for (const char* id : kKnownBugs)
    if (locklab::Catalogue::get().find(id)) {
      EXPECT_NE(r.out.find(id), std::string::npos) << id;
    }
}

TEST(Cli, ListJson) {
  const Result r = cli({"list", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = parse(r);
  ASSERT_TRUE(j.contains("bugs") && j["bugs"].is_array()) << r.out;
  const auto bugs = locklab::Catalogue::get().all();
  ASSERT_EQ(j["bugs"].size(), bugs.size());
  if (bugs.empty()) GTEST_SKIP() << "the catalogue is empty";
  std::vector<std::string> ids;
  for (const json& b : j["bugs"]) {
    for (const char* key : {"id", "title", "family", "blocking", "sharing", "variants"})
      EXPECT_TRUE(b.contains(key)) << key;
    EXPECT_TRUE(b["blocking"].is_boolean());
    EXPECT_TRUE(b["sharing"] == "shared_memory" || b["sharing"] == "message_passing");
    EXPECT_GE(b["variants"].size(), 2u);
    ids.push_back(b["id"]);
  }
  for (const char* id : kKnownBugs)
    if (locklab::Catalogue::get().find(id)) {
      EXPECT_NE(std::find(ids.begin(), ids.end(), id), ids.end()) << id;
    }
}

TEST(Cli, ShowTextAndJson) {
  REQUIRE_BUG(bug);
  const Result text = cli({"show", bug->id});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_NE(text.out.find(bug->title), std::string::npos);
  EXPECT_NE(text.out.find("variants"), std::string::npos);
  for (const auto& v : bug->variants) {
    EXPECT_NE(text.out.find(v.name), std::string::npos) << v.name;
    EXPECT_NE(text.out.find(v.summary), std::string::npos) << v.summary;
  }
  for (const auto& p : bug->params) EXPECT_NE(text.out.find(p.name), std::string::npos) << p.name;

  const Result r = cli({"show", bug->id, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = parse(r);
  EXPECT_EQ(j["id"], bug->id);
  EXPECT_EQ(j["params"].size(), bug->params.size());
  for (const json& p : j["params"])
    for (const char* key : {"name", "default", "min", "max", "integer", "help"}) EXPECT_TRUE(p.contains(key)) << key;
  ASSERT_EQ(j["variants"].size(), bug->variants.size());
  EXPECT_TRUE(j["variants"][0].contains("summary"));
  EXPECT_EQ(j["story"], locklab::Catalogue::get().story(bug->id));
}

TEST(Cli, RunText) {
  REQUIRE_BUG(bug);
  const Result r = cli({"run", bug->id, "--variant", "buggy", "--duration", "300"});
  EXPECT_TRUE(r.code == 0 || r.code == 1) << r.err;
  for (const char* word : {"verdict", "oracle", "throughput", "latency", "events", "buggy"})
    EXPECT_NE(r.out.find(word), std::string::npos) << word << "\n" << r.out;
  EXPECT_NE(r.err.find("[1/1]"), std::string::npos) << "progress goes to stderr: " << r.err;
  EXPECT_EQ(r.out.find("side by side"), std::string::npos) << "one variant: no comparison";
}

TEST(Cli, RunJson) {
  REQUIRE_BUG(bug);
  const Result r = cli({"run", bug->id, "--variant", "buggy", "--duration", "300", "--json"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = parse(r);
  EXPECT_EQ(j["bug"], bug->id);
  EXPECT_EQ(j["settings"]["duration_ms"], 300);
  EXPECT_EQ(j["exit_code"], r.code);
  EXPECT_TRUE(j["comparison"].is_null());
  ASSERT_EQ(j["runs"].size(), 1u);
  const json& run = j["runs"][0];
  EXPECT_EQ(run["variant"], bug->buggy_variant()->name);
  EXPECT_EQ(run["buggy"], true);
  for (const char* key : {"verdict", "oracle", "as_expected", "throughput", "latency", "main_op", "contention",
                          "events", "trace_file", "params", "wall_ns"})
    EXPECT_TRUE(run.contains(key)) << key;
  EXPECT_TRUE(run["oracle"]["symptom"].is_boolean());
  EXPECT_EQ(run["oracle"]["expected_symptom"], true);
  EXPECT_EQ(run["as_expected"].get<bool>(), r.code == 0);
  EXPECT_TRUE(run["verdict"]["kind"].is_string());
  EXPECT_TRUE(run["throughput"]["items_per_sec"].is_number());
  for (const char* key : {"kept", "dropped", "complete", "covered_until_ns", "recording"})
    EXPECT_TRUE(run["events"].contains(key)) << key;
  EXPECT_LE(run["contention"]["by_waiter"].size(), 5u);
}

TEST(Cli, RunBothJsonHasRatios) {
  REQUIRE_BUG(bug);
  const Result r = cli({"run", bug->id, "--variant", "both", "--duration", "300", "--json"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = parse(r);
  ASSERT_EQ(j["runs"].size(), 2u);
  EXPECT_EQ(j["runs"][0]["buggy"], true);
  EXPECT_EQ(j["runs"][1]["buggy"], false);
  const json& cmp = j["comparison"];
  ASSERT_TRUE(cmp.is_object()) << r.out;
  EXPECT_EQ(cmp["baseline"], bug->buggy_variant()->name);
  ASSERT_EQ(cmp["rows"].size(), 2u);
  for (const json& row : cmp["rows"]) {
    EXPECT_TRUE(row.contains("throughput_ratio"));
    EXPECT_TRUE(row.contains("p99_ratio"));
  }
  if (cmp["rows"][0]["throughput_ratio"].is_number()) {
    EXPECT_DOUBLE_EQ(cmp["rows"][0]["throughput_ratio"].get<double>(), 1.0);
  }
  EXPECT_EQ(cmp["compare"].size(), bug->compare ? 1u : 0u);
  EXPECT_EQ(r.err.find("[3/"), std::string::npos);
  EXPECT_NE(r.err.find("[2/2]"), std::string::npos) << r.err;
}

TEST(Cli, RunBothTextHasSideBySide) {
  REQUIRE_BUG(bug);
  const Result r = cli({"run", bug->id, "--duration", "300"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  EXPECT_NE(r.out.find("side by side"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("VS BUGGY"), std::string::npos) << r.out;
}

TEST(Cli, RunTraceWritesFilesThatLoad) {
  REQUIRE_BUG(bug);
  TempDir dir;
  const Result r = cli({"run", bug->id, "--duration", "300", "--trace", dir.file("out.lltrace")});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const std::string fixed = bug->fixed_variants().front()->name;
  for (const std::string& variant : {bug->buggy_variant()->name, fixed}) {
    const std::string path = dir.file("out." + variant + ".lltrace");
    const locklab::TraceReadResult loaded = locklab::load_trace(path);
    ASSERT_TRUE(loaded.trace.has_value()) << path << ": " << loaded.error;
    EXPECT_TRUE(loaded.complete()) << loaded.warning;
    EXPECT_EQ(loaded.trace->info.bug, bug->id);
    EXPECT_EQ(loaded.trace->info.variant, variant);
    EXPECT_NE(r.out.find(path), std::string::npos) << "the output says where the trace went";
  }
  EXPECT_FALSE(fs::exists(dir.file("out.lltrace")));

  // One variant: the name as given.
  const Result one = cli({"run", bug->id, "-v", "buggy", "-d", "200", "--trace", dir.file("single.lltrace")});
  ASSERT_TRUE(one.code == 0 || one.code == 1) << one.err;
  EXPECT_TRUE(locklab::load_trace(dir.file("single.lltrace")).complete());
}

TEST(Cli, RunWithParamsAndNoRecord) {
  const auto* bug = locklab::Catalogue::get().find("lock-held-across-io");
  if (!bug) GTEST_SKIP() << "lock-held-across-io is not in the catalogue";
  const Result r = cli({"run", bug->id, "-v", "fixed", "-d", "200", "--param", "io_ms=5", "--no-record",
                        "--spurious-wakeups", "0.25", "--seed", "42", "--json"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = parse(r);
  EXPECT_EQ(j["settings"]["params"]["io_ms"], 5.0);
  EXPECT_EQ(j["settings"]["record"], false);
  EXPECT_EQ(j["settings"]["spurious_wakeups"], 0.25);
  EXPECT_EQ(j["settings"]["seed"], 42);
  EXPECT_EQ(j["runs"][0]["seed"], 42);
  EXPECT_EQ(j["runs"][0]["events"]["recording"], false);
  EXPECT_EQ(j["runs"][0]["events"]["kept"], 0);
}

std::size_t planned_tour_runs() {
  std::size_t n = 0;
  for (const auto* b : locklab::Catalogue::get().all()) n += 1 + b->fixed_variants().size();
  return n;
}

std::string planned_first_bug() {
  const auto all = locklab::Catalogue::get().all();
  return all.empty() ? "" : all.front()->id;
}

TEST(Cli, TourBugsRunsOnlyTheBugsNamed) {
  const auto* bug = locklab::Catalogue::get().find("lock-held-across-io");
  if (!bug) GTEST_SKIP() << "lock-held-across-io is not in this build's catalogue";
  const Result r = cli({"tour", "--duration", "100", "--json", "--bugs", "lock-held-across-io"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = parse(r);
  EXPECT_EQ(j["runs_planned"], 1 + bug->fixed_variants().size());
  for (const json& row : j["rows"]) EXPECT_EQ(row["bug"], "lock-held-across-io");
  locklab::testing::expect_usage_error({"tour", "--bugs", "lock-held-acros-io"},
                                       "did you mean 'lock-held-across-io'?");
}

TEST(Cli, TourJson) {
  const Result r = cli({"tour", "--duration", "200", "--json"});
  ASSERT_TRUE(r.code == 0 || r.code == 1) << r.err;
  const json j = parse(r);
  const std::size_t planned = planned_tour_runs();
  EXPECT_EQ(j["runs_planned"], planned);
  EXPECT_EQ(j["runs_done"], planned);
  EXPECT_EQ(j["interrupted"], false);
  EXPECT_EQ(j["settings"]["duration_ms"], 200);
  EXPECT_TRUE(j["settings"]["threads"].is_null());
  ASSERT_EQ(j["rows"].size(), planned);
  if (planned == 0) GTEST_SKIP() << "the catalogue is empty";
  bool all_ok = true;
  for (const json& row : j["rows"]) {
    for (const char* key : {"bug", "variant", "buggy", "verdict", "throughput_per_sec", "main_op", "p99_ns",
                            "top_wait_site", "symptom", "as_expected", "dropped_events", "throughput_ratio",
                            "p99_ratio"})
      EXPECT_TRUE(row.contains(key)) << key;
    all_ok = all_ok && row["as_expected"].get<bool>();
  }
  // The compares are real-time ratios, reported but not judged by the tour.
  EXPECT_EQ(j["all_as_expected"], all_ok);
  EXPECT_EQ(r.code, all_ok ? 0 : 1);
  EXPECT_NE(r.err.find("[1/" + std::to_string(planned) + "]"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("left"), std::string::npos) << r.err;
}

TEST(Cli, TourInterruptedEndsCleanly) {
  if (planned_tour_runs() < 2) GTEST_SKIP() << "needs at least two runs in the catalogue";
  Result r;
  std::thread tour([&] { r = cli({"tour", "--duration", "300"}); });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  locklab::cli::request_interrupt();
  tour.join();
  EXPECT_EQ(r.code, 130) << r.err;
  EXPECT_NE(r.out.find("Interrupted"), std::string::npos) << r.out;

  // The next command is not interrupted (one bug is enough to see that).
  const Result again = cli({"tour", "--duration", "100", "--json", "--bugs", planned_first_bug()});
  EXPECT_EQ(parse(again)["interrupted"], false);
  EXPECT_EQ(parse(again)["runs_done"], parse(again)["runs_planned"]);
}

TEST(Cli, TraceInfoOnSavedRun) {
  REQUIRE_BUG(bug);
  TempDir dir;
  const std::string path = dir.file("run.lltrace");
  ASSERT_TRUE(cli({"run", bug->id, "-v", "buggy", "-d", "300", "--trace", path}).code <= 1);
  const Result text = cli({"trace-info", path});
  ASSERT_EQ(text.code, 0) << text.err;
  EXPECT_TRUE(text.err.empty()) << text.err;
  for (const char* word : {"bug", "variant", "verdict", "threads:", "DROPPED", "COVERED UNTIL", "throughput",
                           "oracle", "events"})
    EXPECT_NE(text.out.find(word), std::string::npos) << word << "\n" << text.out;
  EXPECT_NE(text.out.find(bug->id), std::string::npos);

  const Result r = cli({"trace-info", path, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = parse(r);
  EXPECT_EQ(j["bug"], bug->id);
  EXPECT_EQ(j["complete"], true);
  EXPECT_TRUE(j["warning"].is_null());
  EXPECT_TRUE(j["oracle"].is_object());
  ASSERT_TRUE(j["thread_list"].is_array());
  ASSERT_FALSE(j["thread_list"].empty());
  for (const char* key : {"id", "name", "events", "dropped", "covered_until_ns", "items"})
    EXPECT_TRUE(j["thread_list"][0].contains(key)) << key;
}

TEST(Cli, TraceInfoOnSyntheticTrace) {
  TempDir dir;
  const std::string path = dir.file("synthetic.lltrace");
  locklab::Trace t = locklab::make_synthetic_trace(5000, 4, 7);
  t.info.bug = "no-such-bug-in-catalogue";
  ASSERT_EQ(locklab::save_trace(t, path), "");
  const Result r = cli({"trace-info", path, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const json j = parse(r);
  EXPECT_TRUE(j["oracle"].is_null()) << "an unknown bug is not judged";
  EXPECT_EQ(j["thread_list"].size(), t.threads.size());
  EXPECT_EQ(j["events"]["kept"], 5000);
  const Result text = cli({"trace-info", path});
  EXPECT_NE(text.out.find("not judged"), std::string::npos) << text.out;
}

TEST(Cli, TraceInfoShowsThreadDumpOfFailedRun) {
  TempDir dir;
  const std::string path = dir.file("deadlock.lltrace");
  locklab::Trace t = locklab::make_synthetic_trace(2000, 2, 5);
  t.verdict.kind = locklab::VerdictKind::kDeadlock;
  t.verdict.summary = "all 2 threads are blocked";
  t.verdict.detail = "T1 worker-0:\n    waits to lock B at a.cpp:3\n";
  t.verdict.at_ns = 1'500'000;
  ASSERT_EQ(locklab::save_trace(t, path), "");
  const Result r = cli({"trace-info", path});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("deadlock: all 2 threads are blocked"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("what happened, and the thread dump, at 1.50 ms"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("    waits to lock B at a.cpp:3"), std::string::npos) << r.out;
  const json j = parse(cli({"trace-info", path, "--json"}));
  EXPECT_EQ(j["verdict"]["kind"], "deadlock");
  EXPECT_EQ(j["verdict"]["failure"], true);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

TEST(Cli, TraceInfoOnDamagedFiles) {
  TempDir dir;
  const std::string good = dir.file("good.lltrace");
  ASSERT_EQ(locklab::save_trace(locklab::make_synthetic_trace(20000, 4, 3), good), "");
  const std::string bytes = read_file(good);
  ASSERT_GT(bytes.size(), 100u);

  // Truncated in the events: partial, a warning, exit 0.
  write_file(dir.file("truncated.lltrace"), bytes.substr(0, bytes.size() * 2 / 3));
  const Result partial = cli({"trace-info", dir.file("truncated.lltrace")});
  EXPECT_EQ(partial.code, 0) << partial.err;
  EXPECT_NE(partial.err.find("warning"), std::string::npos) << partial.err;
  EXPECT_NE(partial.out.find("WARNING"), std::string::npos) << partial.out;
  const Result partial_json = cli({"trace-info", dir.file("truncated.lltrace"), "--json"});
  EXPECT_EQ(partial_json.code, 0);
  EXPECT_EQ(parse(partial_json)["complete"], false);
  EXPECT_TRUE(parse(partial_json)["warning"].is_string());

  // Wrong magic, a future version, garbage, an empty file, a missing file: exit 2.
  std::string bad_magic = bytes;
  bad_magic[0] = 'X';
  write_file(dir.file("magic.lltrace"), bad_magic);
  std::string future = bytes;
  future[8] = 99;  // the u32 version after the 8-byte magic
  write_file(dir.file("future.lltrace"), future);
  write_file(dir.file("garbage.lltrace"), "this is not a trace at all");
  write_file(dir.file("empty.lltrace"), "");
  for (const char* name : {"magic.lltrace", "future.lltrace", "garbage.lltrace", "empty.lltrace", "missing.lltrace"}) {
    const Result r = cli({"trace-info", dir.file(name)});
    EXPECT_EQ(r.code, 2) << name;
    EXPECT_TRUE(r.out.empty()) << name << ": " << r.out;
    EXPECT_EQ(r.err.rfind("locklab: cannot read trace", 0), 0u) << name << ": " << r.err;
  }
  EXPECT_NE(cli({"trace-info", dir.file("future.lltrace")}).err.find("newer"), std::string::npos);
}

TEST(Cli, HelpOnEveryCommand) {
  for (const char* cmd : {"list", "show", "run", "tour", "trace-info"}) {
    const Result r = cli({cmd, "--help"});
    EXPECT_EQ(r.code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << ": " << r.out;
  }
  const Result top = cli({"--help"});
  EXPECT_EQ(top.code, 0);
  for (const char* cmd : {"list", "show", "run", "tour", "trace-info"})
    EXPECT_NE(top.out.find(cmd), std::string::npos) << cmd;
  EXPECT_NE(cli({"run", "--help"}).out.find("--variant"), std::string::npos);
}

}  // namespace
