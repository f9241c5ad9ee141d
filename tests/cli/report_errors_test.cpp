// `locklab report` called wrongly: one line "locklab: ..." on stderr, exit 2,
// nothing run and nothing written.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "run_cli_in_process.h"
#include "locklab/run/catalogue.h"

namespace {

namespace fs = std::filesystem;

using Result = locklab::testing::CliResult;

using locklab::testing::cli;
using locklab::testing::expect_usage_error;

// A folder the errors must leave untouched.
struct OutDir : locklab::testing::ScratchDir {
  OutDir() : ScratchDir("locklab-report-errors") {}
};

std::string a_bug() {
  const auto all = locklab::Catalogue::get().all();
  return all.empty() ? "" : all.front()->id;
}

TEST(ReportErrors, UnknownBug) {
  OutDir dir;
  expect_usage_error({"report", "--bugs", "no-such-bug-xyz", "--out", dir.path.string()},
                     "unknown bug 'no-such-bug-xyz'");
  EXPECT_FALSE(fs::exists(dir.path)) << "nothing is created before every option is checked";
  if (locklab::Catalogue::get().find("global-counter-lock"))
    expect_usage_error({"report", "--bugs", "global-counter-lock,globl-counter-lock"},
                       "did you mean 'global-counter-lock'?");
  expect_usage_error({"report", "--bugs", ""}, "--bugs: an empty item");
}

TEST(ReportErrors, BadThreadLists) {
  const std::string bug = a_bug();
  if (bug.empty()) GTEST_SKIP() << "empty catalogue";
  expect_usage_error({"report", "--bugs", bug, "--threads", "0"}, "between 1 and 256 (got 0)");
  expect_usage_error({"report", "--bugs", bug, "--threads", "1,300"}, "between 1 and 256 (got 300)");
  expect_usage_error({"report", "--bugs", bug, "--threads", "two"}, "'two' is not a whole number");
  expect_usage_error({"report", "--bugs", bug, "--threads", "1,,2"}, "--threads: an empty item in '1,,2'");
  expect_usage_error({"report", "--bugs", bug, "--threads", "2,2"}, "'2' is listed twice");
  expect_usage_error({"report", "--bugs", bug, "--threads", "default,default"}, "listed twice");
}

TEST(ReportErrors, BadDurationsAndRepetitions) {
  const std::string bug = a_bug();
  if (bug.empty()) GTEST_SKIP() << "empty catalogue";
  expect_usage_error({"report", "--bugs", bug, "--duration", "0"}, "--duration must be between 1 and 600000");
  expect_usage_error({"report", "--bugs", bug, "--duration", "fast"}, "not a whole number");
  expect_usage_error({"report", "--bugs", bug, "--repetitions", "0"}, "--repetitions must be between 1 and 100");
  expect_usage_error({"report", "--bugs", bug, "--repetitions", "101"}, "--repetitions must be between 1 and 100");
}

TEST(ReportErrors, OutIsAFile) {
  const std::string bug = a_bug();
  if (bug.empty()) GTEST_SKIP() << "empty catalogue";
  OutDir dir;
  fs::create_directories(dir.path);
  const fs::path file = dir.path / "a-file";
  std::ofstream(file) << "x";
  expect_usage_error({"report", "--bugs", bug, "--out", file.string()}, "is not a directory");
}

TEST(ReportErrors, CompareUnreadableFiles) {
  OutDir dir;
  fs::create_directories(dir.path);
  const std::string missing = (dir.path / "missing.json").string();
  const std::string garbage = (dir.path / "garbage.json").string();
  const std::string other = (dir.path / "other.json").string();
  std::ofstream(garbage) << "{ this is not json";
  std::ofstream(other) << R"({"context": {}, "runs": []})";
  const std::string good = std::string(LOCKLAB_SOURCE_DIR) + "/tests/cli/fixtures/report_old.json";
  expect_usage_error({"report", "--compare", missing, good}, "cannot read OLD '" + missing + "': no such file");
  expect_usage_error({"report", "--compare", good, garbage}, "cannot read NEW '" + garbage + "': not JSON");
  expect_usage_error({"report", "--compare", good, other}, "no \"benchmarks\" array");
}

TEST(ReportErrors, CompareTakesTwoFilesAndNothingElse) {
  const std::string good = std::string(LOCKLAB_SOURCE_DIR) + "/tests/cli/fixtures/report_old.json";
  expect_usage_error({"report", "--compare", good}, "--compare");
  expect_usage_error({"report", "--compare", good, good, "--bugs", "all"}, "excludes");
  expect_usage_error({"report", "--json"}, "--json goes with --compare");
}

}  // namespace
