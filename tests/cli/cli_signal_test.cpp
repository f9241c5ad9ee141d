// Ctrl-C for real: a SIGINT sent to a running `locklab tour` ends it after the
// current run, with the table of what ran, exit code 130.
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

#include "locklab/catalogue.h"

namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p) {
  std::ifstream in(p);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(Cli, SigintStopsTourAfterCurrentRun) {
  std::size_t planned = 0;
  for (const auto* b : locklab::Catalogue::get().all()) planned += 1 + b->fixed_variants().size();
  if (planned < 3) GTEST_SKIP() << "needs at least three runs in the catalogue";

  const fs::path dir = fs::temp_directory_path() / ("locklab-sigint-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string out_path = (dir / "out.txt").string(), err_path = (dir / "err.txt").string();
  const std::string binary = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execl(binary.c_str(), binary.c_str(), "tour", "--duration", "700", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Wait for the first progress line, then press Ctrl-C during the first runs.
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (slurp(err_path).find("[1/") == std::string::npos && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  ASSERT_EQ(::kill(pid, SIGINT), 0);

  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  const std::string out = slurp(out_path), err = slurp(err_path);
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
  const std::string out_path = (dir / "out.txt").string(), err_path = (dir / "err.txt").string();
  const std::string trace_path = (dir / "run.lltrace").string();
  const std::string binary = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";

  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    const int out = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(out, 1);
    ::dup2(err, 2);
    ::execl(binary.c_str(), binary.c_str(), "run", "lock-held-across-io", "--variant", "buggy", "--duration", "1500",
            "--trace", trace_path.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (slurp(err_path).find("[1/") == std::string::npos && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  std::this_thread::sleep_for(std::chrono::milliseconds(400));
  ASSERT_EQ(::kill(pid, SIGQUIT), 0);

  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  const std::string out = slurp(out_path), err = slurp(err_path);
  const bool trace_saved = fs::exists(trace_path);
  fs::remove_all(dir);
  ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << (WIFSIGNALED(status) ? WTERMSIG(status) : 0) << "\n" << err;
  EXPECT_EQ(WEXITSTATUS(status), 0) << out << err;
  EXPECT_NE(err.find("locklab: thread dump on request (SIGQUIT)"), std::string::npos) << err;
  EXPECT_NE(err.find("Store.mu"), std::string::npos) << err;
  EXPECT_NE(out.find("lock-held-across-io: every run as expected"), std::string::npos) << out;
  EXPECT_TRUE(trace_saved);
}

}  // namespace
