// VizApp's exercise actions (exercise_ui.h): the list, the check in a child
// process, then the learner's variant and the reference fix as two runs of
// the exercise binary, streamed onto the shared timeline.
#include <filesystem>
#include <fstream>
#include <sstream>

#include "viz_app.h"

namespace locklab::viz {
namespace {

std::string read_all(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

void VizApp::refresh_exercises() {
  exercise_.list = load_exercise_list(options_.build_dir);
  exercise_.loaded = true;
}

void VizApp::choose_exercise(const std::string& id) {
  if (!exercise_.loaded) refresh_exercises();
  const ExerciseRow* row = exercise_.row(id);
  if (!row) return message("unknown exercise '" + id + "'", true);
  if (!Catalogue::get().find(row->bug)) return message(id + ": its bug '" + row->bug + "' is not in this build", true);
  const ExerciseRow chosen = *row;  // select_bug may reload nothing, but keep a copy anyway
  select_bug(chosen.bug);           // clears the timelines when the bug changes
  if (step_.active()) stop_step();
  cancel_runs();
  for (Slot& slot : s_.slots) slot = Slot{};
  exercise_.check.reset();
  s_.exercise = chosen.id;
  exercise_.chosen = chosen.id;
  exercise_.result = chosen.last;  // the last check, until the new one is in
  exercise_.grade = grade_text(chosen.last, exercise_.list.source_dir);
  exercise_.error.clear();
  exercise_.learner_source = read_all(exercise_.list.source_dir + "/exercises/" + chosen.id + "/exercise.cpp");
  exercise_.check_output = options_.work_dir + "/check-" + chosen.id + ".log";
  exercise_.check = std::make_unique<ChildProcess>();
  if (!exercise_.check->start(exercise_check_command(options_.locklab, exercise_.list, chosen),
                              exercise_.check_output)) {
    exercise_.error = "cannot start the check: " + exercise_.check->error();
    exercise_.phase = ExerciseUi::Phase::kDone;
    exercise_.check.reset();
    return message(exercise_.error, true);
  }
  exercise_.phase = ExerciseUi::Phase::kChecking;
  s_.side_tab = SideTab::kExercise;
  s_.side_tab_pending = true;
  message("checking " + chosen.id + " (building your file and grading it)");
}

void VizApp::close_exercise() {
  exercise_.check.reset();  // kills a check in flight
  exercise_.phase = ExerciseUi::Phase::kIdle;
  exercise_.chosen.clear();
  s_.exercise.clear();
  cancel_runs();
  for (Slot& slot : s_.slots) slot = Slot{};
  exercise_.learner_source.clear();
  if (s_.side_tab == SideTab::kExercise) {
    s_.side_tab = SideTab::kStory;
    s_.side_tab_pending = true;
  }
}

void VizApp::poll_exercise() {
  if (exercise_.phase == ExerciseUi::Phase::kRunning && !queue_.busy()) exercise_.phase = ExerciseUi::Phase::kDone;
  if (exercise_.phase != ExerciseUi::Phase::kChecking || !exercise_.check) return;
  const ChildState state = exercise_.check->poll();
  if (state == ChildState::kRunning) return;
  exercise_checked();
}

void VizApp::exercise_checked() {
  const ChildProcess& child = *exercise_.check;
  const std::string output = read_all(exercise_.check_output);
  const nlohmann::json result = parse_check_output(output);
  const std::string id = exercise_.chosen;
  exercise_.phase = ExerciseUi::Phase::kDone;
  if (!result.is_object()) {
    exercise_.error = "the check " + child.ending_text() + " without a result:\n" + tail_of_file(exercise_.check_output, 6);
    exercise_.check.reset();
    return message(id + ": " + exercise_.error, true);
  }
  exercise_.check.reset();
  refresh_exercises();  // the status the check just cached
  exercise_.result = result;
  exercise_.grade = grade_text(result, exercise_.list.source_dir);
  message(id + ": " + exercise_.grade.headline);
  // The check graded the file as it is now: its status is that grade.
  for (ExerciseRow& r : exercise_.list.rows)
    if (r.id == id) r.status = status_after_check(exercise_.grade);
  const ExerciseRow* row = exercise_.row(id);
  if (!row || !exercise_.grade.compiler_output.empty()) return;  // nothing built to run
  if (!std::filesystem::exists(row->binary)) return message(id + ": no binary at " + row->binary, true);
  // The learner's variant on top, the reference fix below, one after the
  // other (as run_both does), with the exercise's own settings.
  for (const auto& [candidate, slot] : {std::pair<std::string, int>{"exercise", 0}, {row->reference, 1}}) {
    RunRequest r;
    r.bug = row->bug;
    r.variant = candidate;
    r.slot = slot;
    r.duration_ms = row->duration_ms;
    r.command = exercise_run_command(*row, candidate);
    queue_.push(std::move(r));
  }
  exercise_.phase = ExerciseUi::Phase::kRunning;
}

}  // namespace locklab::viz
