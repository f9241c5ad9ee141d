// Signals for real: a SIGINT sent to a running `locklab tour` ends it after
// the current run, with the table of what ran, exit code 130; SIGQUIT prints
// a dump and the run goes on; a run killed midway (SIGKILL) leaves its trace
// so far, which reads with a clear note.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "locklab/run/catalogue.h"
#include "locklab/trace/trace_file.h"
#include "locklab_child.h"

namespace {

namespace fs = std::filesystem;

using locklab::testing::LocklabChild;

TEST(Cli, SigintStopsTourAfterCurrentRun) {
  std::size_t planned = 0;
  for (const auto* b : locklab::Catalogue::get().all()) planned += 1 + b->fixed_variants().size();
  if (planned < 3) GTEST_SKIP() << "needs at least three runs in the catalogue";

  const fs::path dir = fs::temp_directory_path() / ("locklab-sigint-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  LocklabChild child(dir, {"tour", "--duration", "700"});
  ASSERT_TRUE(child.started());
  // Wait for the first progress line, then press Ctrl-C during the first runs.
  child.wait_for_first_run(std::chrono::milliseconds(200));
  ASSERT_TRUE(child.signal(SIGINT));

  const int status = child.wait();
  const std::string out = child.out(), err = child.err();
  fs::remove_all(dir);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << "\n"
                                 << err;
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;
  EXPECT_NE(out.find("Interrupted (Ctrl-C) after 1 of " + std::to_string(planned) + " runs"), std::string::npos)
      << out;
  EXPECT_NE(out.find("BUG"), std::string::npos) << "the table of what ran: " << out;
  EXPECT_EQ(err.find("[2/"), std::string::npos) << "no run starts after Ctrl-C: " << err;
}

}  // namespace

namespace {

// Ctrl-\ for real: a SIGQUIT sent to a running `locklab run` prints a grouped
// thread dump on stderr, the run goes on, and its trace keeps the dump.
TEST(Cli, SigquitPrintsAThreadDumpAndTheRunGoesOn) {
  const fs::path dir = fs::temp_directory_path() / ("locklab-sigquit-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string trace_path = (dir / "run.lltrace").string();
  LocklabChild child(dir, {"run", "lock-held-across-io", "--variant", "buggy", "--duration", "1500", "--trace",
                           trace_path});
  ASSERT_TRUE(child.started());
  child.wait_for_first_run(std::chrono::milliseconds(400));
  ASSERT_TRUE(child.signal(SIGQUIT));

  const int status = child.wait();
  const std::string out = child.out(), err = child.err();
  const bool trace_saved = fs::exists(trace_path);
  fs::remove_all(dir);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << "\n" << err;
  EXPECT_EQ(WEXITSTATUS(status), 0) << out << err;
  EXPECT_NE(err.find("locklab: thread dump on request (SIGQUIT)"), std::string::npos) << err;
  EXPECT_NE(err.find("Store.mu"), std::string::npos) << err;
  EXPECT_NE(out.find("lock-held-across-io: every run as expected"), std::string::npos) << out;
  EXPECT_TRUE(trace_saved);
}

TEST(Cli, ARunKilledMidwayLeavesTheTraceSoFar) {
  const fs::path dir = fs::temp_directory_path() / ("locklab-killed-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string trace_path = (dir / "run.lltrace").string();
  LocklabChild child(dir, {"run", "lock-held-across-io", "--variant", "buggy", "--duration", "8000", "--trace",
                           trace_path});
  ASSERT_TRUE(child.started());
  // Long enough for several of the writer's 100 ms flushes.
  child.wait_for_first_run(std::chrono::milliseconds(700));
  ASSERT_TRUE(child.signal(SIGKILL));
  const int status = child.wait();
  const locklab::TraceReadResult r = locklab::load_trace(trace_path);
  fs::remove_all(dir);
  ASSERT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL) << "the run ended on its own: " << status;

  ASSERT_TRUE(r.trace) << r.error;
  const locklab::Trace& t = *r.trace;
  EXPECT_GT(t.events.size(), 0u);
  EXPECT_EQ(r.warning, "trace ends early: the run did not finish (" + std::to_string(t.events.size()) +
                           " events so far)");
  EXPECT_EQ(t.verdict.kind, locklab::VerdictKind::kUnfinished);
  EXPECT_EQ(t.info.bug, "lock-held-across-io");
  EXPECT_EQ(t.info.variant, "buggy");
  // The threads and the lock are named, and the run time covers the events.
  bool saver = false;
  for (const auto& th : t.threads) saver = saver || th.name.rfind("saver-", 0) == 0;
  EXPECT_TRUE(saver);
  EXPECT_NE(t.object_text(t.events.empty() ? 0 : 1), "");
  EXPECT_GE(t.duration_ns, t.events.back().time);
  EXPECT_LT(t.duration_ns, 8'000'000'000u);
  EXPECT_FALSE(t.progress.empty());
}

}  // namespace
