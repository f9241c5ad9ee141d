#include "exercise_list.h"

#include <fstream>
#include <sstream>

#include "locklab/present/exercise_index.h"
#include "locklab/present/run_settings.h"

namespace locklab::viz {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return "";
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

ExerciseList load_exercise_list(const std::string& build_dir) {
  ExerciseList out;
  present::Workspace ws;
  try {
    ws = present::find_workspace(build_dir);
  } catch (const present::UsageError& e) {
    out.error = e.what();
    return out;
  }
  out.build_dir = ws.build_dir;
  out.source_dir = ws.source_dir;
  for (const present::ExerciseEntry& e : present::list_exercises(ws)) {
    ExerciseRow row;
    row.id = e.id;
    row.title = e.title;
    row.bug = e.bug;
    row.binary = e.binary;
    try {
      const nlohmann::json j = nlohmann::json::parse(read_file(e.dir + "/exercise.json"));
      row.reference = j.value("reference", "");
      row.duration_ms = j.value("duration_ms", std::uint64_t{0});
    } catch (const nlohmann::json::exception&) {
      // An unreadable exercise.json: the row still shows; its runs cannot.
    }
    const present::StatusInfo s = present::exercise_status(ws, e);
    row.status = std::string(present::to_string(s.status));
    row.last = s.last;
    out.rows.push_back(std::move(row));
  }
  return out;
}

nlohmann::json parse_check_output(const std::string& text) {
  std::size_t at = std::string::npos;
  for (std::size_t pos = 0; pos < text.size();) {
    const std::size_t end = text.find('\n', pos);
    const std::string_view line(text.data() + pos, (end == std::string::npos ? text.size() : end) - pos);
    if (line.starts_with("{")) at = pos;
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  if (at == std::string::npos) return nullptr;
  try {
    nlohmann::json j = nlohmann::json::parse(text.substr(at));
    return j.is_object() ? j : nlohmann::json(nullptr);
  } catch (const nlohmann::json::exception&) {
    return nullptr;
  }
}

GradeText grade_text(const nlohmann::json& result, const std::string& source_dir) {
  GradeText g;
  if (!result.is_object() || !result.contains("pass")) return g;
  g.known = true;
  g.pass = result.value("pass", false);
  const nlohmann::json& failed = result.contains("failed_property") ? result["failed_property"] : nlohmann::json();
  g.headline = g.pass ? "PASS" : "FAIL" + (failed.is_string() ? ": " + failed.get<std::string>() : std::string());
  g.reason = result.value("reason", "");
  if (result.contains("compiler_output") && result["compiler_output"].is_string())
    g.compiler_output = result["compiler_output"].get<std::string>();
  if (!g.pass && result.contains("next_hint") && result["next_hint"].is_string()) {
    g.hint_file = result["next_hint"].get<std::string>();
    g.hint_text = read_file(source_dir + "/" + g.hint_file);
  }
  return g;
}

std::string status_after_check(const GradeText& grade) {
  if (!grade.known) return "not checked";
  return grade.pass ? "passing" : "failing";
}

std::vector<std::string> exercise_run_command(const ExerciseRow& row, const std::string& candidate) {
  std::vector<std::string> argv = {row.binary, "--candidate", candidate, "--quiet"};
  if (row.duration_ms > 0) {
    argv.push_back("--duration");
    argv.push_back(std::to_string(row.duration_ms));
  }
  return argv;
}

std::vector<std::string> exercise_check_command(const std::string& locklab, const ExerciseList& list,
                                                const ExerciseRow& row) {
  return {locklab, "check", row.id, "--json", "--build-dir", list.build_dir};
}

}  // namespace locklab::viz
