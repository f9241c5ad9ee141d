#include "schedule_words.h"

namespace locklab::exercises {

std::vector<std::string> steps_in_words(const sched::ControlledRun& run) {
  std::vector<std::string> out;
  out.reserve(run.steps.size());
  for (std::size_t i = 0; i < run.steps.size(); ++i)
    out.push_back(std::to_string(i + 1) + ". " + sched::describe_step(run.trace, run.steps[i]));
  return out;
}

std::string last_steps_text(const std::vector<std::string>& words, std::size_t keep, const std::string& indent) {
  std::string text;
  const std::size_t first = words.size() > keep ? words.size() - keep : 0;
  if (first > 0) text += indent + "(" + std::to_string(first) + " earlier steps are in the schedule file)\n";
  for (std::size_t i = first; i < words.size(); ++i) text += indent + words[i] + "\n";
  return text;
}

}  // namespace locklab::exercises
