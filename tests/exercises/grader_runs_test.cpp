// The exercise graders, run as the learner runs them (the exercise binaries):
// every starter fails for its bug's reasons, every reference fix passes, and
// every wrong-fix fixture (tests/exercises/<id>/<name>.cpp) is rejected by
// the property its first line names. Run-time parameters are kept small
// (one or two seeds of the exercises' short runs); the suite runs serially
// because some properties measure throughput.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "subprocess.h"

namespace {

struct Fixture {
  const char* exercise;
  const char* name;
  const char* expect;  // the property that must reject it, or "pass" for a real fix
  const char* reason;  // words the failing reason must contain ("" : any)
};

bool is_real_fix(const Fixture& f) { return std::string(f.expect) == "pass"; }

const Fixture kFixtures[] = {
#include "exercise_fixtures.inc"
};

const char* const kExercises[] = {
#include "exercise_ids.inc"
};

std::string bin(const std::string& name) { return std::string(LOCKLAB_BINARY_DIR) + "/bin/" + name; }

nlohmann::json settings(const std::string& id) {
  std::ifstream in(std::string(LOCKLAB_SOURCE_DIR) + "/exercises/" + id + "/exercise.json");
  std::stringstream buf;
  buf << in.rdbuf();
  return nlohmann::json::parse(buf.str());
}

struct Graded {
  int exit_code = -1;
  nlohmann::json result;
};

Graded grade(const std::vector<std::string>& argv) {
  const locklab::cli::ProcessResult p = locklab::cli::run_process(argv);
  EXPECT_TRUE(p.started) << p.error;
  Graded g;
  g.exit_code = p.exit_code;
  try {
    g.result = nlohmann::json::parse(p.out);
  } catch (const nlohmann::json::exception& e) {
    ADD_FAILURE() << argv[0] << " printed no JSON (" << e.what() << "); stderr:\n" << p.err;
  }
  return g;
}

std::string why(const Graded& g) { return g.result.is_object() ? g.result.dump(2) : "(no result)"; }

class StarterTest : public testing::TestWithParam<const char*> {};

TEST_P(StarterTest, FailsForItsBugNotForACheat) {
  const std::string id = GetParam();
  const Graded g = grade({bin("locklab-exercise-" + id + "-starter"), "--quiet", "--runs", "1"});
  ASSERT_EQ(g.exit_code, 1) << why(g);
  EXPECT_FALSE(g.result["pass"].get<bool>());
  // The starter is the bug itself: it fails a symptom property, never an
  // anti-cheat one (it neither sleeps nor spins).
  const std::string failed = g.result["failed_property"].get<std::string>();
  EXPECT_TRUE(failed != "no-added-sleep" && failed != "no-try-lock-spin" && failed != "sealed-boundary") << why(g);
  EXPECT_FALSE(g.result["reason"].get<std::string>().empty());
  EXPECT_EQ(g.result["hint"], 1) << "a first failure points at hint 1\n" << why(g);
  // The first failure tells the symptom, not the remedy: the hints do that.
  for (const char* remedy : {"atomic or sharded", "outside the lock", "stopped and reset", "RAII", "scoped_lock",
                             "account order", "atomic snapshot", "`while`", "per-label atomics", "re-armed",
                             "one shared worker", "under the peer's lock only"})
    EXPECT_EQ(g.result["reason"].get<std::string>().find(remedy), std::string::npos)
        << "the first failure gives the fix away (\"" << remedy << "\")\n" << why(g);
}

TEST_P(StarterTest, ReferenceFixPasses) {
  const std::string id = GetParam();
  const std::string reference = settings(id)["reference"].get<std::string>();
  const Graded g =
      grade({bin("locklab-exercise-" + id + "-starter"), "--quiet", "--runs", "2", "--candidate", reference});
  ASSERT_EQ(g.exit_code, 0) << why(g);
  EXPECT_TRUE(g.result["pass"].get<bool>());
  for (const auto& p : g.result["properties"]) EXPECT_EQ(p["status"], "pass") << p.dump(2);
}

INSTANTIATE_TEST_SUITE_P(Exercises, StarterTest, testing::ValuesIn(kExercises),
                         [](const testing::TestParamInfo<const char*>& info) {
                           std::string n = info.param;
                           for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

class WrongFixTest : public testing::TestWithParam<Fixture> {};

TEST_P(WrongFixTest, RejectedForTheRightReason) {
  const Fixture& f = GetParam();
  const Graded g = grade({bin(std::string("locklab-fixture-") + f.exercise + "-" + f.name), "--quiet", "--runs", "1"});
  if (is_real_fix(f)) {
    ASSERT_EQ(g.exit_code, 0) << "a real fix was rejected:\n" << why(g);
    EXPECT_TRUE(g.result["pass"].get<bool>());
    return;
  }
  ASSERT_EQ(g.exit_code, 1) << why(g);
  EXPECT_EQ(g.result["failed_property"], f.expect) << why(g);
  EXPECT_NE(g.result["reason"].get<std::string>().find(f.reason), std::string::npos)
      << "the reason should say \"" << f.reason << "\"\n" << why(g);
}

INSTANTIATE_TEST_SUITE_P(Fixtures, WrongFixTest, testing::ValuesIn(kFixtures),
                         [](const testing::TestParamInfo<Fixture>& info) {
                           std::string n = std::string(info.param.exercise) + "_" + info.param.name;
                           for (char& c : n) c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return n;
                         });

TEST(ExerciseCatalogue, EveryExerciseHasTwoWrongFixesAndItsFiles) {
  std::map<std::string, int> fixtures;
  for (const Fixture& f : kFixtures)
    if (!is_real_fix(f)) ++fixtures[f.exercise];
  std::set<std::string> families;
  ASSERT_GE(std::size(kExercises), 12u);
  for (const char* id : kExercises) {
    EXPECT_GE(fixtures[id], 2) << id;
    const std::string dir = std::string(LOCKLAB_SOURCE_DIR) + "/exercises/" + id + "/";
    for (const char* file : {"README.md", "hints/1.md", "hints/2.md", "hints/3.md", "starter.cpp", "harness.cpp"})
      EXPECT_TRUE(std::ifstream(dir + file).good()) << dir << file;
  }
}

}  // namespace
