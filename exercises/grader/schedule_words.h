// A controlled run's steps in words, for the grader's messages and the
// exercise binary's --replay: "12. T3 (subscriber-0) lock Hub.mu at
// exercise.cpp:31 (ExerciseHub::subscribe)".
#pragma once

#include <string>
#include <vector>

#include "locklab/sched/controlled.h"

namespace locklab::exercises {

/// Every step of `run`, numbered from 1.
std::vector<std::string> steps_in_words(const sched::ControlledRun& run);

/// The last `keep` of `words` as indented lines, with a first line saying
/// how many earlier steps were left out (when any were).
std::string last_steps_text(const std::vector<std::string>& words, std::size_t keep, const std::string& indent);

}  // namespace locklab::exercises
