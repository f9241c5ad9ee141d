// locklab explore and replay: find, save, replay, replay against the fix.
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "run_cli_in_process.h"

namespace {

using locklab::testing::CliResult;
using locklab::testing::run_locklab;

std::string temp_file(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("locklab-explore-" + name)).string();
}

TEST(ExploreCli, FindsSavesAndReplaysADeadlock) {
  const std::string file = temp_file("rr.schedule");
  const CliResult found = run_locklab({"explore", "recursive-rlock", "--save", file});
  ASSERT_EQ(found.code, 0) << found.err;
  EXPECT_NE(found.out.find("found a failing schedule"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("read-lock Ledger.mu"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("recursive read locking"), std::string::npos) << found.out;
  EXPECT_NE(found.out.find("locklab replay recursive-rlock " + file), std::string::npos) << found.out;

  const CliResult again = run_locklab({"replay", "recursive-rlock", file});
  EXPECT_EQ(again.code, 0) << again.err;
  EXPECT_NE(again.out.find("every recorded step applied"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("deadlock"), std::string::npos);

  const CliResult on_fix = run_locklab({"replay", "recursive-rlock", file, "--variant", "fixed", "--json"});
  EXPECT_EQ(on_fix.code, 0) << on_fix.err;
  const auto j = nlohmann::json::parse(on_fix.out);
  EXPECT_FALSE(j["failed"].get<bool>());
  EXPECT_EQ(j["verdict"]["kind"], "completed");
  std::filesystem::remove(file);
}

TEST(ExploreCli, DfsCertifiesAFixedVariantAsJson) {
  const CliResult r = run_locklab({"explore", "recursive-mutex-self-deadlock", "--variant", "fixed", "--strategy",
                                   "dfs", "--preemptions", "1", "--budget", "300", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  const auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["found"].get<bool>());
  EXPECT_GT(j["schedules"].get<int>(), 0);
  EXPECT_TRUE(j["failing"].is_null());
}

TEST(ExploreCli, BadInputIsAUsageError) {
  EXPECT_EQ(run_locklab({"explore", "recursive-rlock", "--strategy", "bogus"}).code, 2);
  EXPECT_EQ(run_locklab({"explore", "recursive-rlock", "--budget", "5", "--time", "1"}).code, 2);
  EXPECT_EQ(run_locklab({"explore", "no-such-bug"}).code, 2);
  const CliResult missing = run_locklab({"replay", "recursive-rlock", "/nonexistent/x.schedule"});
  EXPECT_EQ(missing.code, 2);
  EXPECT_NE(missing.err.find("locklab: cannot read schedule"), std::string::npos) << missing.err;
}

}  // namespace
