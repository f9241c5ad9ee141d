// The `locklab` command run in-process, for the CLI tests: argv from a list
// of words, stdout and stderr captured, the exit code returned; with the
// checks and the scratch folder the CLI suites share.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include <gtest/gtest.h>

#include "cli.h"

namespace locklab::testing {

struct CliResult {
  int code = -1;
  std::string out, err;
};

/// Runs `locklab <args...>` in this process.
inline CliResult run_locklab(std::vector<std::string> args) {
  args.insert(args.begin(), "locklab");
  std::vector<const char*> argv;
  for (const std::string& a : args) argv.push_back(a.c_str());
  std::ostringstream out, err;
  CliResult r;
  r.code = locklab::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
  r.out = out.str();
  r.err = err.str();
  return r;
}

/// The same, under the short name the suites use.
inline CliResult cli(std::vector<std::string> args) { return run_locklab(std::move(args)); }

/// A usage error: exit 2, exactly one line on stderr, starting "locklab: "
/// and holding `needle` (when given); nothing on stdout.
inline void expect_usage_error(const std::vector<std::string>& args, const std::string& needle = "") {
  std::string joined;
  for (const auto& a : args) joined += a + " ";
  const CliResult r = cli(args);
  EXPECT_EQ(r.code, 2) << joined;
  EXPECT_TRUE(r.out.empty()) << joined << ": " << r.out;
  EXPECT_EQ(r.err.rfind("locklab: ", 0), 0u) << joined << ": " << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << joined << ": " << r.err;
  if (!needle.empty()) {
    EXPECT_NE(r.err.find(needle), std::string::npos) << joined << ": " << r.err;
  }
}

/// A folder named for this process and the running test, absent when the
/// test starts and removed when it ends; nothing is created in it.
struct ScratchDir {
  std::filesystem::path path;
  explicit ScratchDir(const std::string& prefix)
      : path(std::filesystem::temp_directory_path() /
             (prefix + "-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name())) {
    std::filesystem::remove_all(path);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;
  ~ScratchDir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string str() const { return path.string(); }
};

}  // namespace locklab::testing
