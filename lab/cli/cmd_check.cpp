// locklab check <exercise> [--json] [--runs N] [--duration MS] [--no-build]
// [--build-dir DIR]: builds the learner's variant of an exercise, grades it
// (exercise_check.h) and says pass or fail, why, and which hint to read.
// Exit 0 pass, 1 fail (a compile error too), 2 usage, 130 Ctrl-C.
#include <filesystem>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "exercise_check.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "progress.h"

namespace locklab::cli {
namespace {

struct CheckCliOptions {
  std::string exercise, build_dir, runs, duration;
  bool json = false, no_build = false;
};

std::string status_word(const std::string& s) {
  if (s == "pass") return "pass";
  if (s == "fail") return "FAIL";
  return "-";
}

void print_text(std::ostream& out, const nlohmann::json& r) {
  const bool pass = r.value("pass", false);
  out << r.value("exercise", "") << ": " << (pass ? "PASS" : "FAIL");
  if (r.contains("seeds"))
    out << fmt::format("  ({}: {} seeds, {} threads, {} ms a run; reference fix: {})",
                       std::filesystem::path(r.value("file", "")).filename().string(), r["seeds"].size(),
                       r.value("threads", 0), r.value("duration_ms", 0), r.value("reference", ""));
  out << "\n\n";
  if (r.contains("properties") && !r["properties"].empty()) {
    Table t({"", "PROPERTY", "WHAT IT MEANS"});
    for (const auto& p : r["properties"])
      t.add({status_word(p.value("status", "")), p.value("id", ""), p.value("what", "")});
    t.print(out, "  ");
    out << "\n";
  }
  if (pass) {
    out << "Why: " << r.value("reason", "") << ".\n";
    out << "Next: compare your fix with the reference: locklab show " << r.value("bug", "") << "\n";
    return;
  }
  out << "Why (" << r.value("failed_property", "") << "): " << r.value("reason", "") << "\n";
  if (r.contains("compiler_output") && r["compiler_output"].is_string()) {
    out << "\n";
    print_indented(out, r["compiler_output"].get<std::string>(), "  ");
    out << "\nNext: fix the compile error, then run the check again.\n";
    return;
  }
  if (r.contains("next_hint") && r["next_hint"].is_string())
    out << "Next: read " << r["next_hint"].get<std::string>() << "\n";
}

int run_check_command(const CheckCliOptions& o, Io io) {
  CheckOptions options;
  if (!o.runs.empty()) options.runs = parse_whole(o.runs, "--runs", 1, 100);
  if (!o.duration.empty()) options.duration_ms = parse_whole(o.duration, "--duration", 10, 600'000);
  options.build = !o.no_build;
  const Workspace ws = find_workspace(o.build_dir);
  const std::vector<ExerciseEntry> all = list_exercises(ws);
  const ExerciseEntry& e = find_exercise(all, o.exercise);
  InterruptScope interrupt;
  const CheckOutcome c = run_check(ws, e, options, io.err, [&] { return interrupt.interrupted(); });
  if (c.interrupted) {
    io.err << "locklab: check of " << e.id << " interrupted (Ctrl-C); nothing recorded\n";
    return kExitInterrupted;
  }
  if (o.json) print_json(io.out, c.result);
  else print_text(io.out, c.result);
  return c.result.value("pass", false) ? kExitOk : kExitNotExpected;
}

}  // namespace

void add_check(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<CheckCliOptions>();
  CLI::App* sub = app.add_subcommand("check", "Grade your fix of a workshop exercise: pass or fail, why, which hint");
  sub->add_option("exercise", o->exercise, "The exercise (see 'locklab workshop')")->required()->type_name("ID");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->add_option("--runs", o->runs, "Seeds 1..N instead of the exercise's own")->type_name("N");
  sub->add_option("--duration", o->duration, "Each run's duration in ms instead of the exercise's")->type_name("MS");
  sub->add_flag("--no-build", o->no_build, "Do not build; grade the binary as it is");
  sub->add_option("--build-dir", o->build_dir, "The build directory (default: the one this locklab was built in)")
      ->type_name("DIR");
  sub->callback([o, io, &action] { action = [o, io] { return run_check_command(*o, io); }; });
}

}  // namespace locklab::cli
