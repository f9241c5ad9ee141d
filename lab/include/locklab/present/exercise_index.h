// The workshop's exercises as `check` and `workshop` see them: where the
// build is, which exercises the source tree has, and each one's status in
// this checkout.
//
// An exercise is a folder exercises/<id>/ with an exercise.json (the
// grader's settings), the learner's exercise.cpp and the pristine
// starter.cpp. Its grader is the binary bin/locklab-exercise-<id> of the
// build directory (exercises/CMakeLists.txt). The last check's result is
// cached as <build>/exercises/<id>/last-check.json, with a hash of the
// learner's file as it was checked.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace locklab::present {

struct Workspace {
  std::string build_dir;   // holds CMakeCache.txt
  std::string source_dir;  // CMAKE_HOME_DIRECTORY of that cache
  std::string cmake;       // CMAKE_COMMAND of that cache
};

/// `build_dir` if not empty, else the folder above the running executable's
/// (build/bin/locklab -> build) when it holds a CMakeCache.txt. UsageError
/// when there is no usable build directory.
Workspace find_workspace(const std::string& build_dir);

struct ExerciseEntry {
  std::string id;
  std::string title;       // from exercise.json ("" if unreadable)
  std::string bug;
  std::string dir;         // <source>/exercises/<id>
  std::string file;        // the learner's exercise.cpp
  std::string starter;     // starter.cpp
  std::string target;      // locklab-exercise-<id>
  std::string binary;      // <build>/bin/locklab-exercise-<id>
};

/// Every exercise of the source tree, sorted by id.
std::vector<ExerciseEntry> list_exercises(const Workspace& ws);
/// The exercise `id`; UsageError "unknown exercise 'X'; did you mean 'Y'?".
const ExerciseEntry& find_exercise(const std::vector<ExerciseEntry>& all, const std::string& id);

enum class ExerciseStatus {
  kNotStarted,  // the learner's file is missing, or the starter byte for byte and never checked as it is
  kNotChecked,  // changed, and not checked since (or never)
  kFailing,     // the last check of this very file failed
  kPassing,     // the last check of this very file passed
};
/// "not started", "not checked", "failing", "passing".
std::string_view to_string(ExerciseStatus s) noexcept;
/// "not_started", "not_checked", "failing", "passing".
std::string json_word(ExerciseStatus s);

struct StatusInfo {
  ExerciseStatus status = ExerciseStatus::kNotStarted;
  nlohmann::json last;     // the cached last check (null if none)
};
StatusInfo exercise_status(const Workspace& ws, const ExerciseEntry& e);

/// FNV-1a of a file's bytes as 16 hex digits; "" if it cannot be read.
std::string file_hash(const std::string& path);
std::string cache_path(const Workspace& ws, const ExerciseEntry& e);
/// The cached last check of `e`, or null.
nlohmann::json load_last_check(const Workspace& ws, const ExerciseEntry& e);
/// Caches `result` (with "file_hash" added by the caller).
void save_last_check(const Workspace& ws, const ExerciseEntry& e, const nlohmann::json& result);

}  // namespace locklab::present
