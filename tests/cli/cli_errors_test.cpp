// Every way to call `locklab` wrongly: a one-line "locklab: ..." on stderr,
// nothing on stdout, exit code 2, and nothing run.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "cli.h"
#include "run_cli_in_process.h"
#include "locklab/run/catalogue.h"

namespace {

using Result = locklab::testing::CliResult;

using locklab::testing::cli;
using locklab::testing::expect_usage_error;

const locklab::BugInfo* any_bug() {
  const auto all = locklab::Catalogue::get().all();
  return all.empty() ? nullptr : all.front();
}

// A bug with at least one parameter, for the range checks.
const locklab::BugInfo* bug_with_params() {
  for (const auto* b : locklab::Catalogue::get().all())
    if (!b->params.empty()) return b;
  return nullptr;
}

TEST(Cli, UnknownBugSuggestsNearest) {
  expect_usage_error({"run", "no-such-bug-at-all-xyz"}, "unknown bug 'no-such-bug-at-all-xyz'");
  expect_usage_error({"show", "no-such-bug-at-all-xyz"}, "unknown bug");
  const locklab::BugInfo* bug = any_bug();
  if (!bug) GTEST_SKIP() << "the catalogue is empty";
  std::string typo = bug->id;
  typo.erase(1, 1);  // drop a letter
  expect_usage_error({"run", typo}, "did you mean '" + locklab::Catalogue::get().suggest(typo) + "'?");
  expect_usage_error({"show", typo}, "did you mean");
  if (locklab::Catalogue::get().find("global-counter-lock"))
    expect_usage_error({"run", "globl-counter-lock"},
                       "unknown bug 'globl-counter-lock'; did you mean 'global-counter-lock'?");
}

TEST(Cli, UnknownVariant) {
  const locklab::BugInfo* bug = any_bug();
  if (!bug) GTEST_SKIP() << "the catalogue is empty";
  expect_usage_error({"run", bug->id, "--variant", "nope"}, "unknown variant 'nope'");
  expect_usage_error({"run", bug->id, "--variant", ""}, "unknown variant");
}

TEST(Cli, BadParamForms) {
  const locklab::BugInfo* bug = any_bug();
  if (!bug) GTEST_SKIP() << "the catalogue is empty";
  expect_usage_error({"run", bug->id, "--param", "noequals"}, "name=value");
  expect_usage_error({"run", bug->id, "--param", "=3"}, "no name");
  expect_usage_error({"run", bug->id, "--param", "x="}, "no value");
  expect_usage_error({"run", bug->id, "--param", "a=1,"}, "empty entry");
  expect_usage_error({"run", bug->id, "--param", "surely_not_a_param=1"}, "unknown parameter 'surely_not_a_param'");
  expect_usage_error({"run", bug->id, "--param"}, "");

  const locklab::BugInfo* pb = bug_with_params();
  if (!pb) GTEST_SKIP() << "no bug has parameters";
  const locklab::ParamSpec& p = pb->params.front();
  expect_usage_error({"run", pb->id, "--param", p.name + "=abc"}, "not a number");
  expect_usage_error({"run", pb->id, "--param", p.name + "=12abc"}, "not a number");
  expect_usage_error({"run", pb->id, "--param", p.name + "=" + std::to_string(p.max + 1e6)}, "out of range");
  expect_usage_error({"run", pb->id, "--param", p.name + "=" + std::to_string(p.min - 1e6)}, "out of range");
  expect_usage_error({"run", pb->id, "-p", p.name + "=1", "-p", p.name + "=2"}, "given twice");
  if (p.integer) expect_usage_error({"run", pb->id, "--param", p.name + "=1.5"}, "whole number");
}

TEST(Cli, BadThreadCounts) {
  const locklab::BugInfo* bug = any_bug();
  const std::string id = bug ? bug->id : "any";
  for (const char* v : {"0", "-1", "100000", "99999999999999999999999"})
    expect_usage_error({"run", id, "--threads", v}, bug ? "--threads must be between 1 and 256" : "");
  expect_usage_error({"run", id, "--threads=-1"}, bug ? "between 1 and 256" : "");
  expect_usage_error({"run", id, "--threads", "abc"}, bug ? "'abc' is not a whole number" : "");
  expect_usage_error({"run", id, "--threads", "4x"}, bug ? "not a whole number" : "");
  expect_usage_error({"run", id, "--threads", "2.5"}, bug ? "not a whole number" : "");
  expect_usage_error({"tour", "--threads", "0"}, "--threads must be between 1 and 256");
  expect_usage_error({"tour", "--threads", "abc"}, "not a whole number");
}

TEST(Cli, BadDurations) {
  const locklab::BugInfo* bug = any_bug();
  const std::string id = bug ? bug->id : "any";
  for (const char* v : {"0", "-5", "600001", "abc"}) expect_usage_error({"run", id, "--duration", v}, "");
  if (bug) expect_usage_error({"run", id, "--duration", "0"}, "--duration must be between 1 and 600000");
  expect_usage_error({"tour", "--duration", "0"}, "--duration must be between 1 and 600000");
  expect_usage_error({"tour", "--duration", "1e9"}, "not a whole number");
  if (bug) {
    expect_usage_error({"run", id, "--watchdog", "0"}, "--watchdog");
    expect_usage_error({"run", id, "--events-per-thread", "0"}, "--events-per-thread");
    expect_usage_error({"run", id, "--seed", "x"}, "--seed");
    expect_usage_error({"run", id, "--spurious-wakeups", "1.5"}, "--spurious-wakeups must be between 0 and 1");
    expect_usage_error({"run", id, "--spurious-wakeups", "often"}, "not a number");
  }
}

TEST(Cli, BadTraceDirectory) {
  const locklab::BugInfo* bug = any_bug();
  if (!bug) GTEST_SKIP() << "the catalogue is empty";
  expect_usage_error({"run", bug->id, "--trace", "/no/such/dir/out.lltrace"}, "does not exist");
}

TEST(Cli, UnknownSubcommand) {
  expect_usage_error({"frobnicate"}, "unknown command 'frobnicate'");
  expect_usage_error({"lsit"}, "unknown command");
}

TEST(Cli, MissingArguments) {
  expect_usage_error({}, "a command is required");
  expect_usage_error({"run"}, "bug is required");
  expect_usage_error({"show"}, "bug is required");
  expect_usage_error({"trace-info"}, "file is required");
  expect_usage_error({"run", "x", "--threads"}, "--threads");
  expect_usage_error({"list", "--bogus"}, "--bogus");
  expect_usage_error({"list", "extra"}, "extra");
}

TEST(Cli, BinaryExitCodeForUnknownBugIsTwo) {
  const std::string cmd = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab run no-such-bug >/dev/null 2>&1";
  const int status = std::system(cmd.c_str());
  ASSERT_TRUE(WIFEXITED(status)) << status;
  EXPECT_EQ(WEXITSTATUS(status), 2);
}

TEST(Cli, BinaryErrorGoesToStderr) {
  const std::string cmd = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab show no-such-bug 2>&1 >/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string text;
  char buf[256];
  while (std::fgets(buf, sizeof buf, pipe)) text += buf;
  const int status = ::pclose(pipe);
  EXPECT_EQ(WEXITSTATUS(status), 2);
  EXPECT_EQ(text.rfind("locklab: unknown bug 'no-such-bug'", 0), 0u) << text;
}

}  // namespace

namespace {

TEST(Cli, BadDumpRequests) {
  const locklab::BugInfo* bug = any_bug();
  if (!bug) GTEST_SKIP() << "the catalogue is empty";
  expect_usage_error({"dump", bug->id, "--filter", "colour:red"}, "--filter: unknown field 'colour'");
  expect_usage_error({"dump", bug->id, "--filter", "state:"}, "--filter: empty term");
  expect_usage_error({"dump", bug->id, "--at", "99999"}, "after the run's end");
  expect_usage_error({"dump", bug->id, "--at", "-5"}, "--at must be between 0 and 600000 (got -5)");
  expect_usage_error({"dump", bug->id, "--variant", "all"}, "dump runs one variant");
  expect_usage_error({"dump", "no-such-bug"}, "unknown bug 'no-such-bug'");
  expect_usage_error({"dump", "/no/such/file.lltrace"}, "cannot read trace '/no/such/file.lltrace'");
}

TEST(Cli, BadExportRequests) {
  expect_usage_error({"export", "/no/such/file.lltrace", "--out", "/tmp/x.json"}, "cannot read trace");
  expect_usage_error({"export", "/no/such/file.lltrace", "--format", "svg", "--out", "/tmp/x.json"},
                     "--format: unknown format 'svg' (formats: chrome)");
  expect_usage_error({"export", "/no/such/file.lltrace"}, "--out");
}

TEST(Cli, ListWantsOneFormat) { expect_usage_error({"list", "--json", "--markdown"}, "choose one"); }

}  // namespace
