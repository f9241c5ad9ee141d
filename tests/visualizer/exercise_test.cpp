// The visualizer's exercises, headless: the list and statuses from a
// throw-away workspace, a check's output read back from a file mixed with
// progress lines, the grade in words with its hint, the exercise binary's
// command line; then a whole choice in VizApp: a stand-in `locklab check`
// grades, a stand-in exercise binary (running the real CLI) streams both
// runs, and the timelines, the Exercise tab and the catalogue's section show
// them.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "exercise_list.h"
#include "app_fixture.h"
#include "app_user.h"
#include "locklab/present/exercise_index.h"
#include "viz_app.h"

namespace locklab::viz {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& p, const std::string& text, bool executable = false) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  if (executable) chmod(p.c_str(), 0755);
}

const char* const kFailJson =
    R"({"exercise": "demo", "bug": "lock-order-inversion", "pass": false, "failed_property": "explored",
"reason": "under the controlled scheduler, schedule 1 fails\n    1. T1 (main) starts", "hint": 2,
"next_hint": "exercises/demo/hints/2.md", "next_hint_level": 2, "compiler_output": null, "properties": []})";

// A throw-away checkout and build: exercises/demo on lock-order-inversion,
// a stand-in `locklab` whose `check` prints progress and kFailJson, and a
// stand-in exercise binary that runs the real CLI's buggy variant for
// "exercise" and the named variant otherwise, streaming to --trace.
class ExerciseVizTest : public testing::AppTest {
 protected:
  ExerciseVizTest() : AppTest("locklab-viz-exercise-") {}
  void SetUp() override {
    AppTest::SetUp();
    const fs::path ex = dir_ / "src/exercises/demo";
    write(ex / "exercise.json", R"({"bug": "lock-order-inversion", "title": "Transfers that freeze",
        "reference": "fixed-ordered", "duration_ms": 300, "properties": [{"id": "completes"}]})");
    write(ex / "starter.cpp", "// the starter\n");
    write(ex / "exercise.cpp", "// my attempt\n");
    write(ex / "hints/2.md", "Take the two locks in **one order**.\n");
    write(dir_ / "build/CMakeCache.txt",
          "CMAKE_HOME_DIRECTORY:INTERNAL=" + (dir_ / "src").string() + "\nCMAKE_COMMAND:INTERNAL=/bin/false\n");
    const std::string real = std::string(LOCKLAB_BINARY_DIR) + "/bin/locklab";
    write(dir_ / "fake-locklab",
          "#!/bin/sh\nif [ \"$1\" = check ]; then echo 'building locklab-exercise-demo ...' >&2\n"
          "echo '  [1/1] running exercise, seed 1' >&2\ncat <<'EOF'\n" + std::string(kFailJson) + "\nEOF\nexit 1\nfi\n"
          "exec '" + real + "' \"$@\"\n",
          true);
    write(dir_ / "build/bin/locklab-exercise-demo",
          "#!/bin/sh\n# --candidate C --quiet --duration MS --trace PATH\nv=$2; [ \"$v\" = exercise ] && v=buggy\n"
          "exec '" + real + "' run lock-order-inversion --variant $v --duration $5 --trace $7\n",
          true);
  }
  AppOptions options() const {
    AppOptions o;
    o.locklab = (dir_ / "fake-locklab").string();
    o.work_dir = (dir_ / "work").string();
    o.build_dir = (dir_ / "build").string();
    fs::create_directories(o.work_dir);
    return o;
  }
};

TEST(ExerciseList, ReadsTheCheckFromOutputMixedWithProgress) {
  const std::string out = std::string("building locklab-exercise-demo ...\n  [1/3] running exercise, seed 1\n") +
                          "{\n  \"pass\": true,\n  \"reason\": \"all hold\"\n}\n";
  const nlohmann::json j = parse_check_output(out);
  ASSERT_TRUE(j.is_object());
  EXPECT_TRUE(j["pass"].get<bool>());
  EXPECT_TRUE(parse_check_output("building ...\nlocklab: unknown exercise 'x'\n").is_null());
  EXPECT_TRUE(parse_check_output("{\n  \"cut short").is_null());
}

TEST(ExerciseList, PutsAGradeInWords) {
  const fs::path src = fs::temp_directory_path() / ("locklab-grade-text-" + std::to_string(::getpid()));
  write(src / "exercises/demo/hints/2.md", "the hint\n");
  GradeText g = grade_text(nlohmann::json::parse(kFailJson), src.string());
  EXPECT_TRUE(g.known);
  EXPECT_FALSE(g.pass);
  EXPECT_EQ(g.headline, "FAIL: explored");
  EXPECT_EQ(g.hint_file, "exercises/demo/hints/2.md");
  EXPECT_EQ(g.hint_text, "the hint\n");
  EXPECT_TRUE(g.compiler_output.empty());
  g = grade_text({{"pass", false}, {"failed_property", "compiles"}, {"reason", "does not compile"},
                  {"compiler_output", "x.cpp:1: error"}, {"next_hint", nullptr}},
                 src.string());
  EXPECT_EQ(g.headline, "FAIL: compiles");
  EXPECT_EQ(g.compiler_output, "x.cpp:1: error");
  EXPECT_TRUE(g.hint_file.empty());
  g = grade_text({{"pass", true}, {"reason", "all 6 properties hold"}}, src.string());
  EXPECT_EQ(g.headline, "PASS");
  EXPECT_FALSE(grade_text(nullptr, src.string()).known);
  fs::remove_all(src);
}

TEST(ExerciseList, RunsTheExerciseBinaryWithTheExercisesDuration) {
  ExerciseRow row;
  row.binary = "/b/bin/locklab-exercise-demo";
  row.duration_ms = 300;
  EXPECT_EQ(exercise_run_command(row, "fixed"),
            (std::vector<std::string>{"/b/bin/locklab-exercise-demo", "--candidate", "fixed", "--quiet", "--duration",
                                      "300"}));
  ExerciseList list;
  list.build_dir = "/b";
  row.id = "demo";
  EXPECT_EQ(exercise_check_command("/b/bin/locklab", list, row),
            (std::vector<std::string>{"/b/bin/locklab", "check", "demo", "--json", "--build-dir", "/b"}));
}

TEST_F(ExerciseVizTest, ListsTheExercisesWithTheirWorkshopStatus) {
  ExerciseList list = load_exercise_list((dir_ / "build").string());
  ASSERT_EQ(list.rows.size(), 1u) << list.error;
  EXPECT_EQ(list.rows[0].id, "demo");
  EXPECT_EQ(list.rows[0].bug, "lock-order-inversion");
  EXPECT_EQ(list.rows[0].reference, "fixed-ordered");
  EXPECT_EQ(list.rows[0].duration_ms, 300u);
  EXPECT_EQ(list.rows[0].status, "not checked");  // changed from the starter, never checked
  write(dir_ / "src/exercises/demo/exercise.cpp", "// the starter\n");
  EXPECT_EQ(load_exercise_list((dir_ / "build").string()).rows[0].status, "not started");
  list = load_exercise_list((dir_ / "nowhere").string());
  EXPECT_TRUE(list.rows.empty());
  EXPECT_NE(list.error.find("CMakeCache.txt"), std::string::npos) << list.error;
}

TEST_F(ExerciseVizTest, ChoosingOneChecksItThenRunsItAgainstTheReference) {
  VizApp app(options());
  draw(app);  // the catalogue's Exercises section reads the list
  ASSERT_TRUE(app.exercise_ui().loaded);
  ASSERT_EQ(app.exercise_ui().list.rows.size(), 1u);

  app.choose_exercise("demo");
  EXPECT_EQ(app.state().bug, "lock-order-inversion");
  EXPECT_EQ(app.state().exercise, "demo");
  EXPECT_EQ(app.exercise_ui().phase, ExerciseUi::Phase::kChecking);
  EXPECT_TRUE(app.busy());
  EXPECT_EQ(app.exercise_ui().learner_source, "// my attempt\n");
  draw_until_idle(app, 60);

  const ExerciseUi& ex = app.exercise_ui();
  EXPECT_EQ(ex.phase, ExerciseUi::Phase::kDone);
  EXPECT_TRUE(ex.error.empty()) << ex.error;
  EXPECT_EQ(ex.grade.headline, "FAIL: explored");
  EXPECT_NE(ex.grade.hint_text.find("one order"), std::string::npos);
  // Both runs of the exercise binary, on the shared timeline: the learner's
  // (here the stand-in's buggy variant) on top, the reference below.
  const auto& slots = app.state().slots;
  ASSERT_TRUE(slots[0].run.ok()) << slots[0].message;
  ASSERT_TRUE(slots[1].run.ok()) << slots[1].message;
  EXPECT_EQ(slots[0].run.model->variant(), "buggy");
  EXPECT_EQ(slots[1].run.model->variant(), "fixed-ordered");
  EXPECT_EQ(app.state().side_tab, SideTab::kExercise) << "the grade stays in front";
  draw(app);

  // Another bug leaves the exercise.
  app.select_bug("recursive-rlock");
  EXPECT_TRUE(app.state().exercise.empty());
  EXPECT_EQ(app.exercise_ui().phase, ExerciseUi::Phase::kIdle);
  draw(app);
}

TEST_F(ExerciseVizTest, AStarterCheckedAsItIsReadsFailingNotNotStarted) {
  write(dir_ / "src/exercises/demo/exercise.cpp", "// the starter\n");
  EXPECT_EQ(load_exercise_list((dir_ / "build").string()).rows[0].status, "not started");
  // `locklab check` caches its result with the hash of the file it graded.
  nlohmann::json cached = nlohmann::json::parse(kFailJson);
  cached["file_hash"] = present::file_hash((dir_ / "src/exercises/demo/exercise.cpp").string());
  write(dir_ / "build/exercises/demo/last-check.json", cached.dump());
  EXPECT_EQ(load_exercise_list((dir_ / "build").string()).rows[0].status, "failing");
  EXPECT_EQ(status_after_check(grade_text({{"pass", true}}, "")), "passing");
  EXPECT_EQ(status_after_check(GradeText{}), "not checked");
}

TEST_F(ExerciseVizTest, TheStatusBesideAFailedCheckSaysFailing) {
  write(dir_ / "src/exercises/demo/exercise.cpp", "// the starter\n");  // not started, to the workshop
  VizApp app(options());
  testing::AppUser u(app, [&] { draw(app); });
  ASSERT_NE(u.find("status/demo"), nullptr) << u.names();
  EXPECT_EQ(u.find("status/demo")->text, "not started");
  ASSERT_TRUE(u.click("exercise/demo"));
  draw_until_idle(app, 60);
  u.frame();
  ASSERT_NE(u.find("text/grade"), nullptr) << u.names();
  EXPECT_EQ(u.find("text/grade")->text, "FAIL: explored");
  EXPECT_EQ(u.find("badge/exercise status")->text, "failing") << "beside FAIL";
  EXPECT_EQ(u.find("status/demo")->text, "failing") << "in the catalogue";
}

TEST_F(ExerciseVizTest, ACheckThatPrintsNoResultIsAnErrorNotACrash) {
  write(dir_ / "fake-locklab", "#!/bin/sh\necho 'locklab: exploded' >&2\nexit 2\n", true);
  VizApp app(options());
  app.choose_exercise("demo");
  draw_until_idle(app, 30);
  const ExerciseUi& ex = app.exercise_ui();
  EXPECT_EQ(ex.phase, ExerciseUi::Phase::kDone);
  EXPECT_NE(ex.error.find("exited with code 2"), std::string::npos) << ex.error;
  EXPECT_NE(ex.error.find("locklab: exploded"), std::string::npos) << ex.error;
  EXPECT_FALSE(app.state().slots[0].run.ok()) << "nothing runs without a grade";
  app.choose_exercise("no-such-exercise");
  EXPECT_EQ(app.state().messages.back().text, "unknown exercise 'no-such-exercise'");
  draw(app);
}

}  // namespace
}  // namespace locklab::viz
