// locklab workshop [--json] [--run] [--build-dir DIR]: the facilitator's
// table of every exercise and its status in this checkout: not started (the
// file is the starter), not checked (changed since the last check), failing
// or passing (the last check of this very file, cached in the build
// directory). --run checks every started exercise first. Under it, the
// stepping challenges (sched::challenges(), issue 10): one row each with the
// command that plays it, and the exercise on the same bug if there is one.
#include <memory>
#include <map>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "exercise_check.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/sched/challenge.h"
#include "progress.h"

namespace locklab::cli {
namespace {

struct WorkshopOptions {
  std::string build_dir;
  bool json = false, run = false;
};

std::string last_text(const nlohmann::json& last) {
  if (!last.is_object()) return "";
  if (last.value("pass", false)) return "passed";
  const auto& p = last["failed_property"];
  return p.is_string() ? "failed: " + p.get<std::string>() : "failed";
}

// `locklab step <bug> --goal <name>`: how a challenge is played.
std::string play_command(const sched::Challenge& c) { return "locklab step " + c.bug + " --goal " + c.name; }

// The exercise built on `bug`, or "".
std::string exercise_on(const std::vector<ExerciseEntry>& all, const std::string& bug) {
  for (const ExerciseEntry& e : all)
    if (e.bug == bug) return e.id;
  return "";
}

nlohmann::json challenges_json(const std::vector<ExerciseEntry>& all) {
  nlohmann::json out = nlohmann::json::array();
  for (const sched::Challenge* c : sched::challenges()) {
    const std::string exercise = exercise_on(all, c->bug);
    out.push_back({{"bug", c->bug},
                   {"name", c->name},
                   {"goal", c->goal},
                   {"title", c->title()},
                   {"kind", std::string(sched::to_string(c->kind))},
                   {"step_limit", c->step_limit},
                   {"variant", c->variant},
                   {"command", play_command(*c)},
                   {"exercise", exercise.empty() ? nlohmann::json(nullptr) : nlohmann::json(exercise)}});
  }
  return out;
}

void print_challenges(std::ostream& out, const std::vector<ExerciseEntry>& all) {
  const auto list = sched::challenges();
  if (list.empty()) return;
  out << "\nStepping challenges: you pick which thread takes each next step of the real code, in the terminal\n"
         "or in locklab-viz (\"Step...\"). Not graded: a challenge is reached or not, on the spot.\n\n";
  Table t({"CHALLENGE", "PLAY WITH", "EXERCISE ON THE SAME BUG"});
  for (const sched::Challenge* c : list) t.add({c->title(), play_command(*c), exercise_on(all, c->bug)});
  t.print(out);
}

int run_workshop(const WorkshopOptions& o, Io io) {
  const Workspace ws = find_workspace(o.build_dir);
  const std::vector<ExerciseEntry> all = list_exercises(ws);
  bool interrupted = false;
  if (o.run) {
    InterruptScope interrupt;
    std::vector<const ExerciseEntry*> todo;
    for (const ExerciseEntry& e : all)
      if (exercise_status(ws, e).status != ExerciseStatus::kNotStarted) todo.push_back(&e);
    for (std::size_t i = 0; i < todo.size() && !interrupted; ++i) {
      io.err << fmt::format("[{}/{}] checking {}\n", i + 1, todo.size(), todo[i]->id) << std::flush;
      interrupted = run_check(ws, *todo[i], {}, io.err, [&] { return interrupt.interrupted(); }).interrupted;
    }
  }
  std::map<ExerciseStatus, int> counts;
  nlohmann::json rows = nlohmann::json::array();
  Table t({"EXERCISE", "BUG", "STATUS", "LAST CHECK", "NEXT HINT"});
  for (const ExerciseEntry& e : all) {
    const StatusInfo s = exercise_status(ws, e);
    ++counts[s.status];
    const bool current = s.status == ExerciseStatus::kPassing || s.status == ExerciseStatus::kFailing;
    const nlohmann::json hint = current && s.last.contains("next_hint") ? s.last["next_hint"] : nlohmann::json(nullptr);
    rows.push_back({{"id", e.id},
                    {"title", e.title},
                    {"bug", e.bug},
                    {"status", json_word(s.status)},
                    {"last_check", s.last.is_object() ? s.last : nlohmann::json(nullptr)},
                    {"next_hint", hint}});
    t.add({e.id, e.bug, std::string(to_string(s.status)), last_text(s.last), hint.is_string() ? hint.get<std::string>() : ""});
  }
  if (o.json) {
    print_json(io.out, {{"build_dir", ws.build_dir},
                        {"source_dir", ws.source_dir},
                        {"interrupted", interrupted},
                        {"exercises", rows},
                        {"counts",
                         {{"not_started", counts[ExerciseStatus::kNotStarted]},
                          {"not_checked", counts[ExerciseStatus::kNotChecked]},
                          {"failing", counts[ExerciseStatus::kFailing]},
                          {"passing", counts[ExerciseStatus::kPassing]}}},
                        {"challenges", challenges_json(all)}});
  } else {
    t.print(io.out);
    io.out << fmt::format("\n{} exercises: {} passing, {} failing, {} not checked, {} not started.\n", all.size(),
                          counts[ExerciseStatus::kPassing], counts[ExerciseStatus::kFailing],
                          counts[ExerciseStatus::kNotChecked], counts[ExerciseStatus::kNotStarted]);
    if (counts[ExerciseStatus::kNotChecked] > 0) io.out << "Run 'locklab workshop --run' to check the changed ones.\n";
    print_challenges(io.out, all);
  }
  if (interrupted) {
    io.err << "locklab: workshop --run interrupted (Ctrl-C)\n";
    return kExitInterrupted;
  }
  return kExitOk;
}

}  // namespace

void add_workshop(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<WorkshopOptions>();
  CLI::App* sub = app.add_subcommand("workshop", "Every exercise and its status in this checkout (for the facilitator)");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->add_flag("--run", o->run, "Check every started exercise first");
  sub->add_option("--build-dir", o->build_dir, "The build directory (default: the one this locklab was built in)")
      ->type_name("DIR");
  sub->callback([o, io, &action] { action = [o, io] { return run_workshop(*o, io); }; });
}

}  // namespace locklab::cli
