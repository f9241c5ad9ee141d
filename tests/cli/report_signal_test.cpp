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

#include "locklab/catalogue.h"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Report, SigintStopsAfterTheCurrentRunAndWritesTheReport) {
  if (!locklab::Catalogue::get().find("lock-held-across-io")) GTEST_SKIP() << "needs lock-held-across-io";
  const fs::path dir = fs::temp_directory_path() / ("locklab-report-sigint-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string out_path = (dir / "out.txt").string(), err_path = (dir / "err.txt").string();
  const std::string report = (dir / "report").string();
  const std::string binary = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execl(binary.c_str(), binary.c_str(), "report", "--bugs", "lock-held-across-io", "--duration", "600",
            "--repetitions", "3", "--out", report.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Press Ctrl-C during the first run.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (slurp(err_path).find("[1/") == std::string::npos && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(150));
  ASSERT_EQ(::kill(pid, SIGINT), 0);

  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  const std::string out = slurp(out_path), err = slurp(err_path);
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
