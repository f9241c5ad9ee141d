// ExerciseUi: the visualizer's side of the workshop exercises. The list and
// statuses (as `locklab workshop` computes them), and for the chosen
// exercise: its check (`locklab check <id> --json` in a child process: it
// builds the learner's binary and grades it), then two traced real runs of
// that binary, the learner's variant and the reference fix, side by side.
//
//   choose  -> kChecking (the check's child runs; its last line is shown)
//           -> kRunning  (both runs queued in the RunQueue, as a bug's are)
//           -> kDone     (grade and next hint in the right panel)
// A compile error stops after the check: the panel shows the compiler's
// message and there is nothing to run.
#pragma once

#include <memory>
#include <string>

#include "child_process.h"
#include "exercise_list.h"

namespace locklab::viz {

struct ExerciseUi {
  enum class Phase { kIdle, kChecking, kRunning, kDone };

  ExerciseList list;
  bool loaded = false;               // list read at least once
  std::string chosen;                // exercise id ("" none)
  Phase phase = Phase::kIdle;
  std::unique_ptr<ChildProcess> check;  // the check in flight
  std::string check_output;          // its stdout and stderr, one file
  nlohmann::json result;             // the check's result (null until one)
  GradeText grade;                   // result in words
  std::string error;                 // the check could not be made ("" none)
  std::string learner_source;        // exercise.cpp as it was checked (the sources panel's left column)

  bool busy() const noexcept { return phase == Phase::kChecking; }
  const ExerciseRow* row(const std::string& id) const {
    for (const ExerciseRow& r : list.rows)
      if (r.id == id) return &r;
    return nullptr;
  }
};

}  // namespace locklab::viz
