// locklab workshop [--json] [--run] [--build-dir DIR]: the facilitator's
// table of every exercise and its status in this checkout: not started (the
// file is the starter), not checked (changed since the last check), failing
// or passing (the last check of this very file, cached in the build
// directory). --run checks every started exercise first.
#include <memory>
#include <map>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "exercise_check.h"
#include "format.h"
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
                          {"passing", counts[ExerciseStatus::kPassing]}}}});
  } else {
    t.print(io.out);
    io.out << fmt::format("\n{} exercises: {} passing, {} failing, {} not checked, {} not started.\n", all.size(),
                          counts[ExerciseStatus::kPassing], counts[ExerciseStatus::kFailing],
                          counts[ExerciseStatus::kNotChecked], counts[ExerciseStatus::kNotStarted]);
    if (counts[ExerciseStatus::kNotChecked] > 0) io.out << "Run 'locklab workshop --run' to check the changed ones.\n";
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
