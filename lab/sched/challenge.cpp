#include "locklab/sched/challenge.h"

#include <algorithm>
#include <memory>

#include "locklab/core/runtime.h"

namespace locklab::sched {
namespace {

// Filled at static initialisation (one registrar per bug module), read
// afterwards; a function-local static so registration order does not matter.
std::vector<std::unique_ptr<Challenge>>& registry() {
  static std::vector<std::unique_ptr<Challenge>> all;
  return all;
}

}  // namespace

std::string_view to_string(GoalKind k) noexcept {
  switch (k) {
    case GoalKind::kDeadlock: return "deadlock";
    case GoalKind::kSymptom: return "symptom";
  }
  return "?";
}

std::string Challenge::title() const {
  return goal + " in " + std::to_string(step_limit) + (step_limit == 1 ? " step" : " steps") + " or fewer";
}

void register_challenge(Challenge c) {
  if (c.bug.empty() || c.name.empty()) fatal("a stepping challenge needs a bug and a name");
  if (c.step_limit == 0) fatal("stepping challenge " + c.bug + "/" + c.name + " has no step limit");
  if (find_challenge(c.bug, c.name)) fatal("stepping challenge " + c.bug + "/" + c.name + " is declared twice");
  registry().push_back(std::make_unique<Challenge>(std::move(c)));
}

std::vector<const Challenge*> challenges() {
  std::vector<const Challenge*> out;
  for (const auto& c : registry()) out.push_back(c.get());
  std::sort(out.begin(), out.end(), [](const Challenge* a, const Challenge* b) {
    return a->bug != b->bug ? a->bug < b->bug : a->name < b->name;
  });
  return out;
}

std::vector<const Challenge*> challenges_for(std::string_view bug) {
  std::vector<const Challenge*> out;
  for (const Challenge* c : challenges())
    if (c->bug == bug) out.push_back(c);
  return out;
}

const Challenge* find_challenge(std::string_view bug, std::string_view name) {
  for (const auto& c : registry())
    if (c->bug == bug && c->name == name) return c.get();
  return nullptr;
}

}  // namespace locklab::sched
