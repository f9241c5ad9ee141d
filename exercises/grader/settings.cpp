#include "settings.h"

#include <fstream>
#include <sstream>

namespace locklab::exercises {
namespace {

std::uint64_t whole(const nlohmann::json& j, const char* key, std::uint64_t min, std::uint64_t max) {
  const nlohmann::json& v = j.at(key);
  if (!v.is_number_unsigned() || v.get<std::uint64_t>() < min || v.get<std::uint64_t>() > max)
    throw SettingsError(std::string("\"") + key + "\" must be a whole number from " + std::to_string(min) + " to " +
                        std::to_string(max));
  return v.get<std::uint64_t>();
}

std::string text(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j.at(key).is_string() || j.at(key).get<std::string>().empty())
    throw SettingsError(std::string("\"") + key + "\" must be a non-empty string");
  return j.at(key).get<std::string>();
}

}  // namespace

ExerciseSettings parse_settings(const std::string& source, const std::string& id) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(source);
  } catch (const nlohmann::json::parse_error& e) {
    throw SettingsError(std::string("not JSON: ") + e.what());
  }
  if (!j.is_object()) throw SettingsError("the settings must be a JSON object");
  ExerciseSettings s;
  s.id = id;
  s.bug = text(j, "bug");
  s.reference = text(j, "reference");
  s.title = j.contains("title") ? text(j, "title") : s.bug;
  if (j.contains("seeds")) {
    if (!j.at("seeds").is_array() || j.at("seeds").empty())
      throw SettingsError("\"seeds\" must be a non-empty array of whole numbers");
    s.seeds.clear();
    for (const auto& seed : j.at("seeds")) {
      if (!seed.is_number_unsigned()) throw SettingsError("\"seeds\" must be a non-empty array of whole numbers");
      s.seeds.push_back(seed.get<std::uint64_t>());
    }
  }
  if (j.contains("threads")) s.threads = static_cast<std::uint32_t>(whole(j, "threads", 1, 256));
  if (j.contains("duration_ms")) s.duration_ms = whole(j, "duration_ms", 10, 600'000);
  if (j.contains("watchdog_ms")) s.watchdog_ms = whole(j, "watchdog_ms", 50, 600'000);
  if (j.contains("spurious_wakeups")) {
    const nlohmann::json& v = j.at("spurious_wakeups");
    if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
      throw SettingsError("\"spurious_wakeups\" must be a probability from 0 to 1");
    s.spurious_wakeups = v.get<double>();
  }
  if (j.contains("params")) {
    if (!j.at("params").is_object()) throw SettingsError("\"params\" must be an object of name: \"value\"");
    for (const auto& [name, value] : j.at("params").items()) {
      if (!value.is_string()) throw SettingsError("parameter \"" + name + "\" must be given as a string");
      s.params[name] = value.get<std::string>();
    }
  }
  if (!j.contains("properties") || !j.at("properties").is_array() || j.at("properties").empty())
    throw SettingsError("\"properties\" must be a non-empty array");
  for (const auto& p : j.at("properties")) {
    if (!p.is_object()) throw SettingsError("each property must be an object with an \"id\"");
    PropertySpec spec;
    spec.id = text(p, "id");
    if (p.contains("hint")) spec.hint = static_cast<int>(whole(p, "hint", 1, 3));
    spec.options = p;
    s.properties.push_back(std::move(spec));
  }
  return s;
}

ExerciseSettings load_settings(const std::string& path, const std::string& id) {
  std::ifstream in(path);
  if (!in) throw SettingsError("cannot read " + path);
  std::stringstream buf;
  buf << in.rdbuf();
  try {
    return parse_settings(buf.str(), id);
  } catch (const SettingsError& e) {
    throw SettingsError(path + ": " + e.what());
  }
}

}  // namespace locklab::exercises
