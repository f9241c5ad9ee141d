// What an exercise's harness.cpp defines: the learner's file as the bug's
// third variant, "exercise".
//
// Each exercises/<id>/harness.cpp (not the learner's to edit) declares the
// factory the learner's file defines (make_exercise, in the bug's
// namespace) and implements run_candidate() by running the bug's own
// workload with it. The exercise binary adds the variant to the bug, next to
// "buggy" and the fixed ones.
#pragma once

#include "locklab/core/run_context.h"

namespace locklab::exercises {

/// Runs the bug's workload on the learner's variant.
void run_candidate(RunContext& ctx);

/// Generated per exercise binary (exercises/CMakeLists.txt): which exercise,
/// its settings file, the candidate's source file and its object file
/// (compiled with -g), the list of the catalogue's object files, and the
/// repository (absolute paths).
extern const char* const kExerciseId;
extern const char* const kSettingsPath;
extern const char* const kCandidateFile;
extern const char* const kCandidateObject;
extern const char* const kCatalogueObjects;
extern const char* const kSourceDir;

}  // namespace locklab::exercises
