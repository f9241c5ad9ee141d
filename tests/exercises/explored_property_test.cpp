// The `explored` property in-process, on catalogue variants, as a short
// tutorial: the buggy transfer is caught under the controlled scheduler
// alone (no real run needed), the failing schedule is saved and replays to
// the same deadlock, and the reference fix holds over the same search and on
// that very schedule; then the settings it refuses.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>
#include <unistd.h>

#include "grade.h"
#include "locklab/run/catalogue.h"
#include "locklab/sched/explore.h"
#include "property.h"
#include "settings.h"

namespace le = locklab::exercises;
namespace fs = std::filesystem;

namespace {

class ExploredPropertyTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("locklab-explored-test-" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Grades `candidate` of lock-order-inversion on `explored` alone.
  le::GradeResult grade(const std::string& candidate, const std::string& property_json) {
    settings_ = le::parse_settings(R"({"bug": "lock-order-inversion", "reference": "fixed-ordered", "seeds": [1],
                                       "duration_ms": 200, "properties": [)" + property_json + "]}",
                                   "demo");
    const locklab::BugInfo* bug = locklab::Catalogue::get().find("lock-order-inversion");
    EXPECT_NE(bug, nullptr);
    le::RunPlan plan;
    plan.seeds = settings_.seeds;
    plan.config.duration_ms = settings_.duration_ms;
    plan.schedule_file = (dir_ / "sub" / "failing.schedule").string();
    plan.replay_command = "locklab-exercise-demo --replay";
    evidence_ = std::make_unique<le::Evidence>(*bug, candidate, std::vector<std::string>{}, "fixed-ordered", plan);
    return le::grade(settings_, *evidence_);
  }

  fs::path dir_;
  le::ExerciseSettings settings_;
  std::unique_ptr<le::Evidence> evidence_;
};

TEST_F(ExploredPropertyTest, FindsTheDeadlockAndSavesAScheduleThatReplaysIt) {
  const le::GradeResult g = grade("buggy", R"({"id": "explored", "schedules": 200, "chaos_runs": 0, "hint": 2})");
  ASSERT_FALSE(g.pass);
  EXPECT_EQ(g.failed_property, "explored");
  EXPECT_EQ(g.hint, 2);
  EXPECT_NE(g.reason.find("under the controlled scheduler, schedule "), std::string::npos) << g.reason;
  EXPECT_NE(g.reason.find("deadlock"), std::string::npos) << g.reason;
  EXPECT_NE(g.reason.find("lock Account-"), std::string::npos) << "the steps in words: " << g.reason;
  const std::string file = (dir_ / "sub" / "failing.schedule").string();
  EXPECT_NE(g.reason.find("locklab-exercise-demo --replay " + file), std::string::npos) << g.reason;
  EXPECT_FALSE(evidence_->reference_ran()) << "the search needs no reference run";

  // The saved schedule is the failing one: it replays to a deadlock, and the
  // reference fix completes on the same interleaving.
  ASSERT_TRUE(fs::exists(file));
  const locklab::sched::Schedule s = locklab::sched::load_schedule(file);
  EXPECT_EQ(s.variant, "buggy");
  EXPECT_EQ(s.steps.size(), g.properties[0].figures["failing_steps"].get<std::size_t>());
  const locklab::BugInfo& bug = *locklab::Catalogue::get().find("lock-order-inversion");
  const locklab::sched::ReplayResult again = locklab::sched::replay(bug, s);
  EXPECT_TRUE(again.failed);
  EXPECT_EQ(again.run.trace.verdict.kind, locklab::VerdictKind::kDeadlock);
  EXPECT_FALSE(locklab::sched::replay(bug, s, "fixed-ordered").failed);
}

TEST_F(ExploredPropertyTest, TheReferenceFixHoldsOverTheSearchAndUnderChaos) {
  const le::GradeResult g = grade("fixed-ordered", R"({"id": "explored", "schedules": 200, "chaos_runs": 1})");
  ASSERT_TRUE(g.pass) << g.reason;
  const nlohmann::json& f = g.properties[0].figures;
  EXPECT_EQ(f["schedules"], 200);
  EXPECT_EQ(f["chaos_runs"], 1);
  EXPECT_NE(g.properties[0].what.find("200 controlled schedules"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "sub" / "failing.schedule"));
}

TEST(ExploredSettings, RefusesWhatItCannotUse) {
  auto error_of = [](const std::string& property) -> std::string {
    try {
      const le::ExerciseSettings s =
          le::parse_settings(R"({"bug": "b", "reference": "fixed", "properties": [)" + property + "]}", "demo");
      for (const auto& p : s.properties) (void)le::make_property(p);
    } catch (const le::SettingsError& e) {
      return e.what();
    }
    return "";
  };
  EXPECT_EQ(error_of(R"({"id": "explored", "strategy": "bfs"})"),
            "property explored: \"strategy\" must be \"pct\", \"random\" or \"dfs\"");
  EXPECT_NE(error_of(R"({"id": "explored", "schedules": 0})").find("\"schedules\" must be a number from 1"),
            std::string::npos);
  EXPECT_NE(error_of(R"({"id": "explored", "depth": 40})").find("\"depth\""), std::string::npos);
  EXPECT_EQ(error_of(R"({"id": "explored", "params": {"queue": 0}})"),
            "property explored: parameter \"queue\" must be a string");
  EXPECT_EQ(error_of(R"({"id": "explored", "budget": 5})"), "property explored: unknown key \"budget\"");
  EXPECT_EQ(error_of(R"({"id": "explored", "strategy": "dfs", "preemptions": 1, "threads": 2,
                         "params": {"accounts": "2"}, "seed": 9, "chaos_runs": 0})"),
            "");
}

}  // namespace
