#include "locklab/sched/schedule.h"

#include <charconv>
#include <fstream>
#include <sstream>

namespace locklab::sched {
namespace {

std::uint64_t parse_number(std::string_view word, std::size_t line, std::string_view what) {
  std::uint64_t v = 0;
  const auto [end, ec] = std::from_chars(word.data(), word.data() + word.size(), v);
  if (ec != std::errc() || end != word.data() + word.size())
    throw ScheduleError("line " + std::to_string(line) + ": " + std::string(what) + " '" + std::string(word) +
                        "' is not a whole number");
  return v;
}

}  // namespace

std::string format_schedule(const Schedule& s, const std::vector<std::string>& comments) {
  std::ostringstream out;
  out << "# locklab schedule";
  if (!s.bug.empty()) out << ": replay with `locklab replay " << s.bug << " FILE`";
  out << "\n";
  out << "format " << kScheduleFormat << "\n";
  if (!s.bug.empty()) out << "bug " << s.bug << "\n";
  if (!s.variant.empty()) out << "variant " << s.variant << "\n";
  out << "strategy " << s.strategy << "\n";
  out << "seed " << s.seed << "\n";
  out << "run-seed " << s.run_seed << "\n";
  out << "threads " << s.threads << "\n";
  out << "duration-ms " << s.duration_ms << "\n";
  if (s.stop_after_steps) out << "stop-after-steps " << s.stop_after_steps << "\n";
  for (const auto& [k, v] : s.params) out << "param " << k << " " << v << "\n";
  for (std::size_t i = 0; i < s.steps.size(); i += 32) {
    out << "steps";
    for (std::size_t j = i; j < s.steps.size() && j < i + 32; ++j) out << " " << s.steps[j];
    out << "\n";
  }
  if (s.steps.empty()) out << "steps\n";
  if (s.choices_drawn) {
    for (std::size_t i = 0; i < s.choices.size(); i += 32) {
      out << "choices";
      for (std::size_t j = i; j < s.choices.size() && j < i + 32; ++j) out << " " << s.choices[j];
      out << "\n";
    }
    if (s.choices.empty()) out << "choices\n";
  }
  for (const std::string& c : comments) out << "# " << c << "\n";
  return out.str();
}

Schedule parse_schedule(std::string_view text) {
  Schedule s;
  s.format = 1;
  bool saw_steps = false, saw_strategy = false;
  std::istringstream in{std::string(text)};
  std::string raw;
  for (std::size_t line = 1; std::getline(in, raw); ++line) {
    std::istringstream words(raw);
    std::string key;
    if (!(words >> key) || key[0] == '#') continue;
    std::vector<std::string> rest;
    for (std::string w; words >> w;) rest.push_back(w);
    auto one = [&](const char* what) -> const std::string& {
      if (rest.size() != 1)
        throw ScheduleError("line " + std::to_string(line) + ": '" + key + "' takes one " + what);
      return rest[0];
    };
    if (key == "format") {
      const std::uint64_t f = parse_number(one("number"), line, "format");
      if (f != 1 && f != kScheduleFormat)
        throw ScheduleError("line " + std::to_string(line) + ": schedule format " + std::to_string(f) +
                            " is not one this locklab reads (it reads formats 1 and " +
                            std::to_string(kScheduleFormat) + ")");
      s.format = static_cast<std::uint32_t>(f);
    } else if (key == "bug") s.bug = one("bug id");
    else if (key == "variant") s.variant = one("variant name");
    else if (key == "strategy") { s.strategy = one("strategy name"); saw_strategy = true; }
    else if (key == "seed") s.seed = parse_number(one("number"), line, "seed");
    else if (key == "run-seed") s.run_seed = parse_number(one("number"), line, "run-seed");
    else if (key == "threads") s.threads = static_cast<std::uint32_t>(parse_number(one("number"), line, "threads"));
    else if (key == "duration-ms") s.duration_ms = parse_number(one("number"), line, "duration-ms");
    else if (key == "stop-after-steps") s.stop_after_steps = parse_number(one("number"), line, "stop-after-steps");
    else if (key == "param") {
      if (rest.size() != 2) throw ScheduleError("line " + std::to_string(line) + ": 'param' takes a name and a value");
      s.params[rest[0]] = rest[1];
    } else if (key == "steps") {
      saw_steps = true;
      for (const std::string& w : rest) {
        const std::uint64_t id = parse_number(w, line, "step");
        if (id > 0xFFFF || (id == 0 && s.format < 2))
          throw ScheduleError("line " + std::to_string(line) + ": step '" + w + "' is not a thread id" +
                              (id == 0 ? " (0, the timers firing, exists from format 2 on)" : ""));
        s.steps.push_back(static_cast<std::uint16_t>(id));
      }
    } else if (key == "choices") {
      if (s.format < 2)
        throw ScheduleError("line " + std::to_string(line) + ": 'choices' exists from format 2 on (no 'format 2' line before it)");
      s.choices_drawn = true;
      for (const std::string& w : rest) {
        const std::uint64_t v = parse_number(w, line, "choice");
        if (v > 0xFFFF) throw ScheduleError("line " + std::to_string(line) + ": choice '" + w + "' is out of range");
        s.choices.push_back(static_cast<std::uint32_t>(v));
      }
    } else {
      throw ScheduleError("line " + std::to_string(line) + ": unknown keyword '" + key + "'");
    }
  }
  if (!saw_strategy || !saw_steps) throw ScheduleError("not a locklab schedule (no 'strategy' or no 'steps' line)");
  return s;
}

void save_schedule(const std::string& path, const Schedule& s, const std::vector<std::string>& comments) {
  std::ofstream out(path);
  if (!out) throw ScheduleError("cannot write schedule " + path);
  out << format_schedule(s, comments);
  if (!out.flush()) throw ScheduleError("cannot write schedule " + path);
}

Schedule load_schedule(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ScheduleError("cannot read schedule " + path);
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return parse_schedule(text.str());
  } catch (const ScheduleError& e) {
    throw ScheduleError(path + ": " + e.what());
  }
}

}  // namespace locklab::sched
