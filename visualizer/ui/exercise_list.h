// The workshop's exercises as the visualizer shows them: the same list and
// statuses `locklab workshop` computes (present/exercise_index.h), the grade
// of a `locklab check --json` in words for the right panel, and the command
// lines that run an exercise's binary with a streamed trace.
//
// No ImGui and no child processes here (VizApp and the panels do that), so
// the tests check this logic headless.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace locklab::viz {

struct ExerciseRow {
  std::string id, title, bug;
  std::string reference;        // the reference fix's variant (exercise.json "reference")
  std::uint64_t duration_ms = 0;  // exercise.json "duration_ms" (0: the bug's default)
  std::string status;           // "not started", "not checked", "failing", "passing"
  nlohmann::json last;          // the cached last check (null if none)
  std::string binary;           // <build>/bin/locklab-exercise-<id>
};

struct ExerciseList {
  std::string build_dir;        // "" when there is no build to find exercises in
  std::string source_dir;
  std::vector<ExerciseRow> rows;
  std::string error;            // why the list is empty ("" when it is not, or no exercises)
};

/// Every exercise of the build at `build_dir` ("" : the build this program
/// runs from), with its status. Never throws: a missing build is `error`.
ExerciseList load_exercise_list(const std::string& build_dir = "");

/// The JSON object `locklab check --json` printed, from a file that also
/// holds its progress lines (stdout and stderr both went there): from the
/// last line that starts with "{" (progress lines never do; the JSON's own
/// inner lines are indented) to the end. Null when there is none.
nlohmann::json parse_check_output(const std::string& text);

/// A check's result in words, for the right panel.
struct GradeText {
  bool known = false;           // there is a result to show
  bool pass = false;
  std::string headline;         // "FAIL: explored" / "PASS"
  std::string reason;
  std::string compiler_output;  // "" unless it did not compile
  std::string hint_file;        // "exercises/<id>/hints/2.md" ("" on a pass)
  std::string hint_text;        // that file's text ("" if unreadable)
};
/// `result` is a check's JSON (as cached or printed); hint files are read
/// relative to `source_dir`.
GradeText grade_text(const nlohmann::json& result, const std::string& source_dir);

/// The status of an exercise whose file as it is was just graded: "passing"
/// or "failing" ("not checked" when `grade` is not known). The status beside
/// a grade is this, whatever the file's history ("not started" beside
/// "FAIL: completes" contradicts the grade).
std::string status_after_check(const GradeText& grade);

/// The command line of one traced real run of `row`'s binary: `candidate`
/// ("exercise", the learner's file, or the reference's variant name), with
/// "--trace" and the path still to append (RunQueue does).
std::vector<std::string> exercise_run_command(const ExerciseRow& row, const std::string& candidate);

/// The command line of `locklab check <id> --json` for the build in `list`.
std::vector<std::string> exercise_check_command(const std::string& locklab, const ExerciseList& list,
                                                const ExerciseRow& row);

}  // namespace locklab::viz
