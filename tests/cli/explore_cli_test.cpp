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

TEST(ExploreCli, AnExhaustedDfsSaysWhatItCoveredAndWhatItDidNot) {
  const CliResult r = run_locklab({"explore", "lock-order-inversion", "--variant", "fixed-ordered", "--strategy",
                                   "dfs", "--small", "--preemptions", "1"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("no failure within 1 preemption: the bound is exhausted"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("every schedule of this workload with at most 1 preemption, enumerated to the end"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("on the workload 2 threads, accounts=2"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not covered: other workloads"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("every schedule within the bound"), std::string::npos) << r.out;

  const CliResult j = run_locklab({"explore", "lock-order-inversion", "--variant", "fixed-ordered", "--strategy",
                                   "dfs", "--small", "--preemptions", "1", "--json"});
  const auto covered = nlohmann::json::parse(j.out)["covered"];
  EXPECT_TRUE(covered["certificate"].get<bool>());
  EXPECT_EQ(covered["threads"], 2);
  EXPECT_EQ(covered["fairness_bound"], 100);
}

TEST(ExploreCli, ADfsStoppedByItsBudgetIsNotACertificate) {
  const CliResult r = run_locklab(
      {"explore", "recursive-rlock", "--variant", "fixed", "--strategy", "dfs", "--budget", "20"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("no failure in 20 schedules"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("not a certificate"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("only the 20 schedules run, not every one"), std::string::npos) << r.out;
  const CliResult j = run_locklab(
      {"explore", "recursive-rlock", "--variant", "fixed", "--strategy", "dfs", "--budget", "20", "--json"});
  EXPECT_FALSE(nlohmann::json::parse(j.out)["covered"]["certificate"].get<bool>());
}

TEST(ExploreCli, ARealTimeRatioBugIsNotSearchedAndSaysWhy) {
  for (const char* bug : {"global-counter-lock", "healthy-select-wait", "timer-leak-in-loop"}) {
    const CliResult r = run_locklab({"explore", bug});
    EXPECT_EQ(r.code, 0) << bug << ": " << r.err;
    EXPECT_NE(r.out.find("not searched"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("no interleaving causes it"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find(std::string("locklab run ") + bug), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("found a failing schedule"), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(run_locklab({"explore", bug, "--json"}).out);
    EXPECT_FALSE(j["searched"].get<bool>()) << bug;
  }
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
