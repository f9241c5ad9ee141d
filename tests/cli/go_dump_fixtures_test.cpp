// `locklab dump --go` on the dumps real Go programs printed
// (tests/go-dumps/<name>/dump.txt, made by generate.sh with Go 1.19): the
// goroutine and group counts, what each group waits on, the pattern named.
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "go_dump_fixture.h"
#include "run_cli_in_process.h"

namespace locklab::testing {
namespace {

nlohmann::json go_dump_cli_json(const std::string& name, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"dump", "--go", go_dump_fixture(name), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  const CliResult r = cli(args);
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  return nlohmann::json::parse(r.out);
}

// "kind:count" of every group, in order.
std::vector<std::string> go_waits(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& g : j["groups"])
    out.push_back(g["wait"]["kind"].get<std::string>() + ":" + std::to_string(g["count"].get<int>()));
  return out;
}

std::vector<std::string> go_bugs(const nlohmann::json& j) {
  std::vector<std::string> out;
  for (const auto& f : j["findings"]) out.push_back(f["bug"]);
  return out;
}

TEST(GoDumpFixtures, RecursiveRLockFatalDeadlock) {
  const nlohmann::json j = go_dump_cli_json("recursive-rlock");
  EXPECT_EQ(j["reason"], "fatal error: all goroutines are asleep - deadlock!");
  EXPECT_EQ(j["goroutines"], 2);
  EXPECT_EQ(j["groups_count"], 2);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"rwmutex_rlock:1", "rwmutex_lock:1"}));
  ASSERT_EQ(go_bugs(j), std::vector<std::string>{"recursive-rlock"});
  EXPECT_FALSE(j["findings"][0]["likely"]);  // the writer's stack shows the same Ledger
  EXPECT_EQ(j["findings"][0]["goroutines"], nlohmann::json::parse("[1, 17]"));
  EXPECT_EQ(j["findings"][0]["show"], "locklab show recursive-rlock");
}

TEST(GoDumpFixtures, RecursiveRLockTextNamesTheBugAndItsShowCommand) {
  const CliResult r = cli({"dump", "--go", go_dump_fixture("recursive-rlock")});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find(": 2 goroutines in 2 groups\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\npattern: recursive-rlock\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("main.(*Ledger).net(0xc000092000)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("  see: locklab show recursive-rlock\n"), std::string::npos) << r.out;
}

TEST(GoDumpFixtures, ChannelLeakFromRuntimeStack) {
  const nlohmann::json j = go_dump_cli_json("channel-leak");
  EXPECT_EQ(j["reason"], "");
  EXPECT_EQ(j["goroutines"], 10);
  EXPECT_EQ(j["groups_count"], 4);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"none:1", "chan_receive:4", "chan_send:3", "select:2"}));
  EXPECT_TRUE(go_bugs(j).empty());
}

TEST(GoDumpFixtures, RLockAcrossSubmitFromSigquit) {
  const nlohmann::json j = go_dump_cli_json("rlock-submit");
  EXPECT_EQ(j["reason"], "SIGQUIT: quit");
  EXPECT_EQ(j["goroutines"], 8);  // with the runtime's own four
  EXPECT_EQ(j["groups_count"], 7);
  ASSERT_EQ(go_bugs(j), std::vector<std::string>{"rlock-held-across-blocking-submit"});
  EXPECT_TRUE(j["findings"][0]["likely"]);
  EXPECT_EQ(j["findings"][0]["goroutines"], nlohmann::json::parse("[18, 19, 5]"));
}

TEST(GoDumpFixtures, LockOrderInversion) {
  const nlohmann::json j = go_dump_cli_json("lock-order");
  EXPECT_EQ(j["goroutines"], 3);
  EXPECT_EQ(j["groups_count"], 3);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"waitgroup_wait:1", "mutex_lock:1", "mutex_lock:1"}));
  ASSERT_EQ(go_bugs(j), std::vector<std::string>{"lock-order-inversion"});
  EXPECT_TRUE(j["findings"][0]["likely"]);
  // Each waits for the lock the other took first.
  EXPECT_EQ(j["groups"][1]["wait"]["object"], j["groups"][2]["frames"][3]["args"][0]);
  EXPECT_EQ(j["groups"][2]["wait"]["object"], j["groups"][1]["frames"][3]["args"][0]);
}

TEST(GoDumpFixtures, WaitGroupWait) {
  const nlohmann::json j = go_dump_cli_json("waitgroup-wait");
  EXPECT_EQ(j["goroutines"], 3);
  EXPECT_EQ(j["groups_count"], 2);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"waitgroup_wait:1", "chan_receive:2"}));
  EXPECT_TRUE(go_bugs(j).empty());
}

TEST(GoDumpFixtures, CondWaitGroupsThreeWaiters) {
  const nlohmann::json j = go_dump_cli_json("cond-wait");
  EXPECT_EQ(j["goroutines"], 4);
  EXPECT_EQ(j["groups_count"], 2);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"waitgroup_wait:1", "cond_wait:3"}));
  EXPECT_EQ(j["groups"][1]["ids"], nlohmann::json::parse("[17, 18, 19]"));
}

TEST(GoDumpFixtures, FiltersByStateFuncPackageAndGrep) {
  EXPECT_EQ(go_dump_cli_json("channel-leak", {"--state", "chan"})["matching"], 7);
  EXPECT_EQ(go_dump_cli_json("channel-leak", {"--func", "main.watch"})["matching"], 2);
  EXPECT_EQ(go_dump_cli_json("rlock-submit", {"--package", "main"})["matching"], 4);
  EXPECT_EQ(go_dump_cli_json("rlock-submit", {"--grep", "mgc.go"})["matching"], 2);
  const nlohmann::json j = go_dump_cli_json("rlock-submit", {"--state", "chan send", "--package", "main"});
  EXPECT_EQ(j["matching"], 2);
  EXPECT_EQ(j["groups"].size(), 1u);
  EXPECT_EQ(j["goroutines"], 8);  // the whole dump is still counted
}

TEST(GoDumpFixtures, FilterLineInText) {
  const CliResult r = cli({"dump", "--go", go_dump_fixture("channel-leak"), "--state", "select"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("2 goroutines in 1 group match 'state:select'\n"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("[chan send]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace locklab::testing

namespace locklab::testing {
namespace {

TEST(GoDumpFixtures, NilChannelsAndEmptySelectFromPprofDebug2) {
  const nlohmann::json j = go_dump_cli_json("pprof-nil-channels");
  EXPECT_EQ(j["reason"], "");
  EXPECT_EQ(j["goroutines"], 9);
  EXPECT_EQ(j["groups_count"], 4);
  EXPECT_EQ(go_waits(j), (std::vector<std::string>{"none:1", "chan_receive:5", "select:2", "select:1"}));
  EXPECT_NE(j["groups"][1]["wait"]["text"].get<std::string>().find("nil channel"), std::string::npos);
  EXPECT_NE(j["groups"][2]["wait"]["text"].get<std::string>().find("no cases"), std::string::npos);
  EXPECT_TRUE(go_bugs(j).empty());
}

}  // namespace
}  // namespace locklab::testing
