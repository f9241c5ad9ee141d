#include "locklab/present/exercise_index.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <unistd.h>

#include "locklab/run/edit_distance.h"
#include "locklab/present/run_settings.h"

namespace fs = std::filesystem;

namespace locklab::present {
namespace {

std::string read_file(const std::string& path, bool* ok = nullptr) {
  std::ifstream in(path, std::ios::binary);
  if (ok) *ok = static_cast<bool>(in);
  if (!in) return "";
  std::stringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// "KEY:TYPE=value" lines of a CMakeCache.txt.
std::string cache_value(const std::string& cache, const std::string& key) {
  std::istringstream in(cache);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(key + ":", 0) != 0) continue;
    const auto eq = line.find('=');
    if (eq != std::string::npos) return line.substr(eq + 1);
  }
  return "";
}

std::string executable_dir() {
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  return ec ? "" : self.parent_path().string();
}

}  // namespace

Workspace find_workspace(const std::string& build_dir) {
  std::string dir = build_dir;
  if (dir.empty()) {
    const std::string exe = executable_dir();
    if (!exe.empty() && fs::exists(fs::path(exe).parent_path() / "CMakeCache.txt"))
      dir = fs::path(exe).parent_path().string();
  }
  if (dir.empty())
    throw UsageError("cannot find the build directory (no CMakeCache.txt above this executable); give --build-dir");
  bool ok = false;
  const std::string cache = read_file((fs::path(dir) / "CMakeCache.txt").string(), &ok);
  if (!ok) throw UsageError("--build-dir '" + dir + "' holds no CMakeCache.txt (configure it with cmake first)");
  Workspace ws;
  ws.build_dir = fs::absolute(dir).lexically_normal().string();
  ws.source_dir = cache_value(cache, "CMAKE_HOME_DIRECTORY");
  ws.cmake = cache_value(cache, "CMAKE_COMMAND");
  if (ws.source_dir.empty() || ws.cmake.empty())
    throw UsageError(dir + "/CMakeCache.txt names no source directory or cmake command");
  if (!ws.build_dir.empty() && ws.build_dir.back() == '/') ws.build_dir.pop_back();
  return ws;
}

std::vector<ExerciseEntry> list_exercises(const Workspace& ws) {
  std::vector<ExerciseEntry> out;
  const fs::path root = fs::path(ws.source_dir) / "exercises";
  std::error_code ec;
  for (const fs::directory_entry& d : fs::directory_iterator(root, ec)) {
    if (!d.is_directory() || !fs::exists(d.path() / "exercise.json")) continue;
    ExerciseEntry e;
    e.id = d.path().filename().string();
    e.dir = d.path().string();
    e.file = (d.path() / "exercise.cpp").string();
    e.starter = (d.path() / "starter.cpp").string();
    e.target = "locklab-exercise-" + e.id;
    e.binary = ws.build_dir + "/bin/" + e.target;
    try {
      const nlohmann::json j = nlohmann::json::parse(read_file((d.path() / "exercise.json").string()));
      e.title = j.value("title", "");
      e.bug = j.value("bug", "");
    } catch (const nlohmann::json::exception&) {
    }
    out.push_back(std::move(e));
  }
  std::sort(out.begin(), out.end(), [](const ExerciseEntry& a, const ExerciseEntry& b) { return a.id < b.id; });
  return out;
}

const ExerciseEntry& find_exercise(const std::vector<ExerciseEntry>& all, const std::string& id) {
  for (const ExerciseEntry& e : all)
    if (e.id == id) return e;
  std::string best;
  std::size_t best_d = 4;
  for (const ExerciseEntry& e : all) {
    const std::size_t d = edit_distance(id, e.id);
    if (d < best_d) best_d = d, best = e.id;
  }
  if (!best.empty()) throw UsageError("unknown exercise '" + id + "'; did you mean '" + best + "'?");
  throw UsageError("unknown exercise '" + id + "' (see 'locklab workshop' for the list)");
}

std::string_view to_string(ExerciseStatus s) noexcept {
  switch (s) {
    case ExerciseStatus::kNotStarted: return "not started";
    case ExerciseStatus::kNotChecked: return "not checked";
    case ExerciseStatus::kFailing: return "failing";
    case ExerciseStatus::kPassing: return "passing";
  }
  return "not started";
}

std::string json_word(ExerciseStatus s) {
  std::string w(to_string(s));
  std::replace(w.begin(), w.end(), ' ', '_');
  return w;
}

std::string file_hash(const std::string& path) {
  bool ok = false;
  const std::string bytes = read_file(path, &ok);
  if (!ok) return "";
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (const unsigned char c : bytes) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(h));
  return hex;
}

std::string cache_path(const Workspace& ws, const ExerciseEntry& e) {
  return ws.build_dir + "/exercises/" + e.id + "/last-check.json";
}

nlohmann::json load_last_check(const Workspace& ws, const ExerciseEntry& e) {
  bool ok = false;
  const std::string text = read_file(cache_path(ws, e), &ok);
  if (!ok) return nullptr;
  try {
    nlohmann::json j = nlohmann::json::parse(text);
    return j.is_object() ? j : nlohmann::json(nullptr);
  } catch (const nlohmann::json::exception&) {
    return nullptr;  // a damaged cache is no cache
  }
}

void save_last_check(const Workspace& ws, const ExerciseEntry& e, const nlohmann::json& result) {
  const fs::path p = cache_path(ws, e);
  std::error_code ec;
  fs::create_directories(p.parent_path(), ec);
  const std::string tmp = p.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) return;  // a cache we cannot write only costs a re-check
    out << result.dump(2) << "\n";
  }
  fs::rename(tmp, p, ec);
}

StatusInfo exercise_status(const Workspace& ws, const ExerciseEntry& e) {
  StatusInfo s;
  s.last = load_last_check(ws, e);
  bool ok_file = false, ok_starter = false;
  const std::string mine = read_file(e.file, &ok_file);
  const std::string starter = read_file(e.starter, &ok_starter);
  const bool checked_as_it_is = ok_file && !s.last.is_null() && s.last.value("file_hash", "") == file_hash(e.file);
  // A starter left as it is but checked reads as its check (failing),
  // never "not started" beside that check's FAIL.
  if (!ok_file || (ok_starter && mine == starter && !checked_as_it_is)) {
    s.status = ExerciseStatus::kNotStarted;
    return s;
  }
  if (!checked_as_it_is) {
    s.status = ExerciseStatus::kNotChecked;
    return s;
  }
  s.status = s.last.value("pass", false) ? ExerciseStatus::kPassing : ExerciseStatus::kFailing;
  return s;
}

}  // namespace locklab::present
