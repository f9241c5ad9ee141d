// RunQueue and ChildProcess with stand-in CLIs (small shell scripts): a child
// that overruns its bound is killed, one that crashes or rejects its
// settings ends with a clear message, and nothing blocks while it runs.
#include "run_queue.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "loaded_run.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

class RunQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("locklab-runq-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  // A stand-in for the locklab CLI.
  std::string script(const std::string& name, const std::string& body) {
    const std::string path = (dir_ / name).string();
    std::ofstream(path) << "#!/bin/sh\n" << body << "\n";
    ::chmod(path.c_str(), 0755);
    return path;
  }
  std::vector<RunOutcome> poll_until_done(RunQueue& q, double seconds) {
    std::vector<RunOutcome> all;
    const auto until = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds);
    while (q.busy() && std::chrono::steady_clock::now() < until) {
      // poll() must return at once whatever the child does.
      const auto t0 = std::chrono::steady_clock::now();
      for (RunOutcome& o : q.poll()) all.push_back(std::move(o));
      EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::milliseconds(200));
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return all;
  }
  RunRequest request() {
    RunRequest r;
    r.bug = "lock-held-across-io";
    r.variant = "buggy";
    r.duration_ms = 100;
    return r;
  }
  fs::path dir_;
};

TEST_F(RunQueueTest, AChildPastItsBoundIsKilledWithAMessage) {
  RunQueue q(script("slow", "sleep 30"), dir_.string());
  q.set_bound_margin(std::chrono::milliseconds(200));
  q.push(request());
  const auto t0 = std::chrono::steady_clock::now();
  const auto out = poll_until_done(q, 20);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("killed after"), std::string::npos) << out[0].message;
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(10));
}

TEST_F(RunQueueTest, ACrashIsNamedWithItsSignalAndOutput) {
  RunQueue q(script("crash", "echo 'about to fall over'\nkill -SEGV $$"), dir_.string());
  q.push(request());
  const auto out = poll_until_done(q, 20);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("crashed (SIGSEGV: Segmentation fault)"), std::string::npos) << out[0].message;
  EXPECT_NE(out[0].message.find("about to fall over"), std::string::npos) << out[0].message;
}

TEST_F(RunQueueTest, ABadSettingQuotesTheCliError) {
  RunQueue q(script("usage", "echo 'locklab: --threads must be between 1 and 256 (got 0)' >&2\nexit 2"),
             dir_.string());
  q.push(request());
  const auto out = poll_until_done(q, 20);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("exited with code 2"), std::string::npos);
  EXPECT_NE(out[0].message.find("--threads must be between"), std::string::npos);
}

TEST_F(RunQueueTest, AMissingCliFailsToStart) {
  RunQueue q((dir_ / "no-such-locklab").string(), dir_.string());
  q.push(request());
  const auto out = poll_until_done(q, 5);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_TRUE(out[0].failed);
  EXPECT_NE(out[0].message.find("cannot start"), std::string::npos) << out[0].message;
}

TEST_F(RunQueueTest, RunsGoOneAtATimeInOrder) {
  RunQueue q(script("fast", "exit 2"), dir_.string());
  RunRequest a = request(), b = request();
  b.variant = "fixed";
  b.slot = 1;
  q.push(a);
  q.push(b);
  const auto out = poll_until_done(q, 20);
  ASSERT_EQ(out.size(), 2u);
  EXPECT_EQ(out[0].request.variant, "buggy");
  EXPECT_EQ(out[1].request.variant, "fixed");
}

TEST_F(RunQueueTest, TheCommandLineCarriesEverySetting) {
  RunQueue q("/x/locklab", dir_.string());
  RunRequest r = request();
  r.threads = 8;
  r.params["io_ms"] = "5";
  const auto argv = q.command_for(r, "/t/out.lltrace");
  const std::vector<std::string> want = {"/x/locklab", "run",       "lock-held-across-io", "--variant", "buggy",
                                         "--trace",    "/t/out.lltrace", "--threads",      "8",         "--duration",
                                         "100",        "--param",   "io_ms=5"};
  EXPECT_EQ(argv, want);
}

TEST_F(RunQueueTest, CancelKillsTheRunningChild) {
  RunQueue q(script("slow", "sleep 30"), dir_.string());
  q.push(request());
  q.poll();
  EXPECT_TRUE(q.busy());
  q.cancel_all();
  EXPECT_FALSE(q.busy());
}

TEST(LoadedRun, AFileThatIsNotATraceIsAnError) {
  const fs::path dir = fs::temp_directory_path();
  const std::string bad = (dir / "locklab-viz-bad.lltrace").string();
  std::ofstream(bad) << "garbage";
  const LoadedRun r = load_run(bad);
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("cannot read trace"), std::string::npos);
  fs::remove(bad);
}

}  // namespace
}  // namespace locklab::viz
