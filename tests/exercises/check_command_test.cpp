// `locklab check` and `locklab workshop` on a throw-away workspace: a fake
// build directory whose cmake and exercise binary are small shell scripts,
// so the command's own logic (build errors, hints, the cache, statuses,
// usage errors) is tested without building anything.
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "locklab/sched/challenge.h"

namespace fs = std::filesystem;

namespace {

void write(const fs::path& p, const std::string& text, bool executable = false) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  if (executable) chmod(p.c_str(), 0755);
}

class CheckCommandTest : public testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("locklab-check-test-" + std::to_string(getpid()));
    fs::remove_all(root_);
    const fs::path ex = root_ / "src/exercises/demo";
    write(ex / "exercise.json", R"({"bug": "demo-bug", "title": "A demo", "reference": "fixed",
                                    "properties": [{"id": "oracle"}]})");
    write(ex / "starter.cpp", "// the starter\n");
    write(ex / "exercise.cpp", "// the starter\n");
    // cmake: fails like a compiler when the learner's file says SYNTAX.
    write(root_ / "fake-cmake",
          "#!/bin/sh\n"
          "if grep -q NINJA " + (ex / "exercise.cpp").string() + "; then\n"
          "  echo '[1/2] Building CXX object exercise.cpp.o'\n"
          "  echo 'FAILED: exercise.cpp.o '\n"
          "  echo '/usr/bin/c++ -O2 -c exercise.cpp -o exercise.cpp.o'\n"
          "  echo 'exercise.cpp:2:1: error: a Ninja-built mistake'\n"
          "  echo 'ninja: build stopped: subcommand failed.'\n"
          "  exit 1\n"
          "fi\n"
          "echo '[ 50%] Building CXX object exercise.cpp.o'\n"
          "if grep -q SYNTAX " + (ex / "exercise.cpp").string() +
              "; then echo 'exercise.cpp:1:9: error: expected ; before }' >&2; exit 2; fi\nexit 0\n",
          true);
    write(root_ / "build/CMakeCache.txt", "CMAKE_HOME_DIRECTORY:INTERNAL=" + (root_ / "src").string() +
                                              "\nCMAKE_COMMAND:INTERNAL=" + (root_ / "fake-cmake").string() + "\n");
    // The grader: passes when the file says PASS, crashes on CRASH, else
    // fails its oracle (hint 1).
    write(root_ / "build/bin/locklab-exercise-demo",
          "#!/bin/sh\nF=" + (ex / "exercise.cpp").string() +
              "\necho '[1/1] running exercise, seed 1' >&2\n"
              "if grep -q CRASH $F; then kill -SEGV $$; fi\n"
              "if grep -q PASS $F; then echo '{\"pass\": true, \"exercise\": \"demo\", \"bug\": \"demo-bug\", "
              "\"failed_property\": null, \"reason\": \"all hold\", \"hint\": null, \"properties\": []}'; exit 0; fi\n"
              "echo '{\"pass\": false, \"exercise\": \"demo\", \"bug\": \"demo-bug\", \"failed_property\": \"oracle\", "
              "\"reason\": \"the symptom is there\", \"hint\": 1, \"properties\": [{\"id\": \"oracle\", \"what\": "
              "\"no symptom\", \"status\": \"fail\", \"reason\": \"the symptom is there\", \"hint\": 1, "
              "\"figures\": {}}]}'; exit 1\n",
          true);
  }
  void TearDown() override { fs::remove_all(root_); }

  struct Out {
    int code;
    std::string out, err;
  };
  Out cli(std::vector<std::string> args) {
    args.insert(args.begin(), "locklab");
    if (args.size() > 1 && (args[1] == "check" || args[1] == "workshop")) {
      args.push_back("--build-dir");
      args.push_back((root_ / "build").string());
    }
    std::vector<const char*> argv;
    for (const std::string& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    const int code = locklab::cli::run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
  }
  std::string status() {
    const Out o = cli({"workshop", "--json"});
    EXPECT_EQ(o.code, 0) << o.err;
    return nlohmann::json::parse(o.out)["exercises"][0]["status"].get<std::string>();
  }
  void learner_writes(const std::string& text) { write(root_ / "src/exercises/demo/exercise.cpp", text); }

  fs::path root_;
};

TEST_F(CheckCommandTest, StatusFollowsTheFileAndTheLastCheck) {
  EXPECT_EQ(status(), "not_started");
  learner_writes("// trying something\n");
  EXPECT_EQ(status(), "not_checked");
  Out o = cli({"check", "demo"});
  EXPECT_EQ(o.code, 1) << o.err;
  EXPECT_NE(o.out.find("FAIL"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("Next: read exercises/demo/hints/1.md"), std::string::npos) << o.out;
  EXPECT_NE(o.err.find("[1/1] running exercise"), std::string::npos) << o.err;
  EXPECT_EQ(status(), "failing");
  learner_writes("// PASS\n");
  EXPECT_EQ(status(), "not_checked");
  o = cli({"check", "demo", "--json"});
  EXPECT_EQ(o.code, 0) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["status"], "passing");
  EXPECT_TRUE(j["next_hint"].is_null());
  EXPECT_EQ(status(), "passing");
  const Out table = cli({"workshop"});
  EXPECT_NE(table.out.find("1 exercises: 1 passing"), std::string::npos) << table.out;
}

TEST_F(CheckCommandTest, FailingTheSamePropertyAgainMovesToTheNextHint) {
  learner_writes("// attempt\n");
  std::vector<std::string> hints;
  for (int i = 0; i < 4; ++i) {
    const Out o = cli({"check", "demo", "--json"});
    ASSERT_EQ(o.code, 1) << o.err;
    hints.push_back(nlohmann::json::parse(o.out)["next_hint"].get<std::string>());
  }
  EXPECT_EQ(hints, (std::vector<std::string>{"exercises/demo/hints/1.md", "exercises/demo/hints/2.md",
                                             "exercises/demo/hints/3.md", "exercises/demo/hints/3.md"}));
}

TEST_F(CheckCommandTest, ACompileErrorShowsTheCompilersMessage) {
  learner_writes("// SYNTAX\n");
  const Out o = cli({"check", "demo"});
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.out.find("does not compile"), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("exercise.cpp:1:9: error: expected ; before }"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.find("Building CXX object"), std::string::npos) << "make's chatter is dropped: " << o.out;
  const Out j = cli({"check", "demo", "--json"});
  EXPECT_EQ(nlohmann::json::parse(j.out)["failed_property"], "compiles");
}

TEST_F(CheckCommandTest, ANinjaLogIsCutToTheCompilersMessage) {
  learner_writes("// NINJA\n");
  const Out o = cli({"check", "demo"});
  EXPECT_EQ(o.code, 1);
  EXPECT_NE(o.out.find("exercise.cpp:2:1: error: a Ninja-built mistake"), std::string::npos) << o.out;
  for (const char* chatter : {"[1/2]", "FAILED:", "/usr/bin/c++", "ninja:"})
    EXPECT_EQ(o.out.find(chatter), std::string::npos) << chatter << " is the build tool's, not the compiler's: " << o.out;
}

TEST_F(CheckCommandTest, AMissingExerciseFileIsMadeFromTheStarter) {
  const fs::path mine = root_ / "src/exercises/demo/exercise.cpp";
  fs::remove(mine);
  EXPECT_EQ(status(), "not_started");
  const Out o = cli({"check", "demo"});
  EXPECT_EQ(o.code, 1) << o.err;  // the starter fails its oracle
  EXPECT_NE(o.err.find("from starter.cpp (yours to edit)"), std::string::npos) << o.err;
  ASSERT_TRUE(fs::exists(mine));
  std::ifstream in(mine);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), "// the starter\n");  // The starter, checked as it is, is failing to the workshop: never "not
  // started" beside the FAIL of its check.
  EXPECT_EQ(status(), "failing");
  EXPECT_EQ(cli({"workshop"}).out.find("not started  "), std::string::npos);
}

TEST_F(CheckCommandTest, ACrashOfTheLearnersCodeFailsTheCheck) {
  learner_writes("// CRASH\n");
  const Out o = cli({"check", "demo", "--json"});
  EXPECT_EQ(o.code, 1) << o.err;
  const nlohmann::json j = nlohmann::json::parse(o.out);
  EXPECT_EQ(j["failed_property"], "runs");
  EXPECT_NE(j["reason"].get<std::string>().find("signal 11"), std::string::npos) << j.dump(2);
}

// Issue 10: the stepping challenges are listed in the workshop table too,
// each with the command that plays it.
TEST_F(CheckCommandTest, WorkshopListsTheSteppingChallenges) {
  const auto challenges = locklab::sched::challenges();
  ASSERT_GE(challenges.size(), 6u);
  const Out j = cli({"workshop", "--json"});
  ASSERT_EQ(j.code, 0) << j.err;
  const nlohmann::json rows = nlohmann::json::parse(j.out)["challenges"];
  ASSERT_EQ(rows.size(), challenges.size());
  for (std::size_t i = 0; i < challenges.size(); ++i) {
    const locklab::sched::Challenge& c = *challenges[i];
    EXPECT_EQ(rows[i]["bug"], c.bug);
    EXPECT_EQ(rows[i]["name"], c.name);
    EXPECT_EQ(rows[i]["step_limit"], c.step_limit);
    EXPECT_EQ(rows[i]["command"], "locklab step " + c.bug + " --goal " + c.name);
    EXPECT_TRUE(rows[i]["exercise"].is_null()) << "the demo workspace has no exercise on " << c.bug;
  }
  const Out t = cli({"workshop"});
  ASSERT_EQ(t.code, 0) << t.err;
  EXPECT_NE(t.out.find("Stepping challenges"), std::string::npos) << t.out;
  for (const locklab::sched::Challenge* c : challenges) {
    EXPECT_NE(t.out.find(c->title()), std::string::npos) << c->title() << "\n" << t.out;
    EXPECT_NE(t.out.find("locklab step " + c->bug + " --goal " + c->name), std::string::npos) << t.out;
  }
}

TEST_F(CheckCommandTest, UsageErrorsExitTwo) {
  Out o = cli({"check", "dmeo"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("locklab: unknown exercise 'dmeo'; did you mean 'demo'?"), std::string::npos) << o.err;
  o = cli({"check", "demo", "--runs", "0"});
  EXPECT_EQ(o.code, 2);
  EXPECT_NE(o.err.find("--runs"), std::string::npos) << o.err;
  std::vector<const char*> argv = {"locklab", "workshop", "--build-dir", "/nonexistent-locklab-build"};
  std::ostringstream out, err;
  EXPECT_EQ(locklab::cli::run_cli(4, argv.data(), out, err), 2);
  EXPECT_NE(err.str().find("CMakeCache.txt"), std::string::npos) << err.str();
}

}  // namespace
