#include "exercise_check.h"

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <ostream>
#include <regex>
#include <sstream>

#include "options.h"
#include "subprocess.h"

namespace locklab::cli {
namespace {

// The compiler's messages out of a `cmake --build` log: the build tool's
// progress and chatter dropped (Ninja's "[3/7] ..." lines, its FAILED line
// and the compile command after it; make's "[ 40%]" and "make[2]:" lines).
std::string compiler_messages(const std::string& log) {
  static const std::regex chatter(
      R"(^(\[\s*\d+%\]|\[\d+/\d+\] |g?make(\[\d+\])?: |ninja: |Consolidate compiler generated|Scanning dependencies))");
  std::istringstream in(log);
  std::string line, out;
  bool command_next = false;
  while (std::getline(in, line)) {
    if (command_next) {  // the compile command Ninja prints after FAILED:
      command_next = false;
      continue;
    }
    if (line.rfind("FAILED: ", 0) == 0) {
      command_next = true;
      continue;
    }
    if (!std::regex_search(line, chatter)) out += line + "\n";
  }
  return out.empty() ? log : out;
}

nlohmann::json failure(const ExerciseEntry& e, const std::string& property, const std::string& reason) {
  return {{"exercise", e.id},
          {"title", e.title},
          {"bug", e.bug},
          {"pass", false},
          {"failed_property", property},
          {"reason", reason},
          {"hint", nullptr},
          {"properties", nlohmann::json::array()}};
}

void choose_next_hint(const Workspace& ws, const ExerciseEntry& e, nlohmann::json& r) {
  r["next_hint"] = nullptr;
  r["next_hint_level"] = nullptr;
  if (r.value("pass", false) || !r.contains("hint") || !r["hint"].is_number_integer()) return;
  int level = r["hint"].get<int>();
  const nlohmann::json last = load_last_check(ws, e);
  if (last.is_object() && !last.value("pass", true) && last.contains("failed_property") &&
      last["failed_property"] == r["failed_property"] && last.contains("next_hint_level") &&
      last["next_hint_level"].is_number_integer() && last["next_hint_level"].get<int>() >= level)
    level = std::min(3, last["next_hint_level"].get<int>() + 1);
  r["next_hint_level"] = level;
  r["next_hint"] = "exercises/" + e.id + "/hints/" + std::to_string(level) + ".md";
}

}  // namespace

CheckOutcome run_check(const Workspace& ws, const ExerciseEntry& e, const CheckOptions& options, std::ostream& err,
                       const std::function<bool()>& interrupted) {
  CheckOutcome outcome;
  std::error_code ec;
  if (!std::filesystem::exists(e.file, ec) && std::filesystem::exists(e.starter, ec)) {
    // A fresh checkout before its first build: the learner's copy is made here.
    std::filesystem::copy_file(e.starter, e.file, ec);
    if (!ec) err << "created " << e.file << " from starter.cpp (yours to edit)\n";
  }
  const std::string hash = file_hash(e.file);
  if (hash.empty()) throw UsageError("cannot read " + e.file + " (copy starter.cpp there to begin again)");
  nlohmann::json r;
  if (options.build) {
    err << "building " << e.target << " ...\n" << std::flush;
    const ProcessResult b = run_process({ws.cmake, "--build", ws.build_dir, "--target", e.target});
    if (!b.started) throw UsageError(b.error);
    if (b.signal == SIGINT || interrupted()) {
      outcome.interrupted = true;
      return outcome;
    }
    if (b.exit_code != 0) {
      r = failure(e, "compiles", "your file does not compile; the compiler says:");
      r["compiler_output"] = compiler_messages(b.out + b.err);
    }
  } else if (!std::filesystem::exists(e.binary)) {
    throw UsageError(e.binary + " does not exist; build it (leave out --no-build)");
  }
  if (r.is_null()) {
    std::vector<std::string> argv = {e.binary};
    if (options.runs) argv.insert(argv.end(), {"--runs", std::to_string(*options.runs)});
    if (options.duration_ms) argv.insert(argv.end(), {"--duration", std::to_string(*options.duration_ms)});
    const ProcessResult p = run_process(argv, [&](const std::string& line) { err << "  " << line << "\n" << std::flush; });
    if (!p.started) throw UsageError(p.error);
    if (p.signal == SIGINT || interrupted()) {
      outcome.interrupted = true;
      return outcome;
    }
    try {
      r = nlohmann::json::parse(p.out);
    } catch (const nlohmann::json::exception&) {
      r = nullptr;
    }
    if (p.exit_code == 2) throw UsageError(e.target + " refused to run (its message is above)");
    if (!r.is_object() || !r.contains("pass")) {
      const std::string how = p.signal ? std::string("was killed by signal ") + std::to_string(p.signal) + " (" +
                                             strsignal(p.signal) + ")"
                                       : "exited with code " + std::to_string(p.exit_code) + " and printed no result";
      r = failure(e, "runs", "your variant crashed: the grader " + how +
                                 ". Run build/bin/" + e.target + " to see it happen");
      r["hint"] = 1;
    }
  }
  r["compiler_output"] = r.value("compiler_output", nlohmann::json(nullptr));
  r["file"] = e.file;
  r["file_hash"] = hash;
  choose_next_hint(ws, e, r);
  r["status"] = r.value("pass", false) ? "passing" : "failing";
  save_last_check(ws, e, r);
  outcome.result = std::move(r);
  return outcome;
}

}  // namespace locklab::cli
