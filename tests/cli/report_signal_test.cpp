// Ctrl-C for real during `locklab report`: a SIGINT sent to the built binary
// lets the current run finish, skips the rest, still writes the three files
// (saying it was interrupted) and exits 130.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "locklab/run/catalogue.h"
#include "locklab_child.h"

namespace {

namespace fs = std::filesystem;

using locklab::testing::LocklabChild;
using locklab::testing::slurp;

TEST(Report, SigintStopsAfterTheCurrentRunAndWritesTheReport) {
  if (!locklab::Catalogue::get().find("lock-held-across-io")) GTEST_SKIP() << "needs lock-held-across-io";
  const fs::path dir = fs::temp_directory_path() / ("locklab-report-sigint-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string report = (dir / "report").string();
  LocklabChild child(dir, {"report", "--bugs", "lock-held-across-io", "--duration", "600", "--repetitions", "3",
                           "--out", report});
  ASSERT_TRUE(child.started());
  // Press Ctrl-C during the first run.
  child.wait_for_first_run(std::chrono::milliseconds(150));
  ASSERT_TRUE(child.signal(SIGINT));

  const int status = child.wait();
  const std::string out = child.out(), err = child.err();
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << "\n" << err;
  EXPECT_EQ(WEXITSTATUS(status), 130) << err;
  EXPECT_NE(out.find("Interrupted (Ctrl-C) after 1 of 6 runs"), std::string::npos) << out;
  EXPECT_NE(err.find("stopping after the current run"), std::string::npos) << err;
  EXPECT_EQ(err.find("[2/"), std::string::npos) << "no run starts after Ctrl-C: " << err;

  const nlohmann::json j = nlohmann::json::parse(slurp(fs::path(report) / "report.json"));
  EXPECT_EQ(j["locklab"]["interrupted"], true);
  EXPECT_EQ(j["locklab"]["runs_done"], 1);
  EXPECT_NE(slurp(fs::path(report) / "report.html").find("Interrupted (Ctrl-C) after 1 of 6 runs"), std::string::npos);
  EXPECT_TRUE(fs::exists(fs::path(report) / "report.md"));
  fs::remove_all(dir);
}

}  // namespace
