#include "grade.h"

#include <chrono>

namespace locklab::exercises {

std::string_view to_string(Status s) noexcept {
  switch (s) {
    case Status::kPass: return "pass";
    case Status::kFail: return "fail";
    case Status::kNotChecked: return "not_checked";
  }
  return "not_checked";
}

GradeResult grade(const ExerciseSettings& settings, Evidence& evidence) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::unique_ptr<Property>> properties;
  for (const PropertySpec& spec : settings.properties) properties.push_back(make_property(spec));

  GradeResult g;
  g.pass = true;
  for (std::size_t i = 0; i < properties.size(); ++i) {
    PropertyOutcome o;
    o.id = std::string(properties[i]->id());
    o.what = properties[i]->what();
    o.hint = settings.properties[i].hint;
    if (g.pass) {
      PropertyResult r = properties[i]->check(evidence);
      o.status = r.pass ? Status::kPass : Status::kFail;
      o.reason = std::move(r.reason);
      o.figures = std::move(r.figures);
      if (!r.pass) {
        g.pass = false;
        g.failed_property = o.id;
        g.reason = o.reason;
        g.hint = o.hint;
      }
    }
    g.properties.push_back(std::move(o));
  }
  if (g.pass)
    g.reason = "all " + std::to_string(properties.size()) + " properties hold over " +
               std::to_string(evidence.plan().seeds.size()) + " seeds";
  g.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  return g;
}

nlohmann::json to_json(const GradeResult& g, const ExerciseSettings& s, const Evidence& evidence) {
  nlohmann::json props = nlohmann::json::array();
  for (const PropertyOutcome& o : g.properties)
    props.push_back({{"id", o.id},
                     {"what", o.what},
                     {"status", std::string(to_string(o.status))},
                     {"reason", o.reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(o.reason)},
                     {"hint", o.hint},
                     {"figures", o.figures}});
  const RunConfig& c = evidence.plan().config;
  return {{"exercise", s.id},
          {"title", s.title},
          {"bug", s.bug},
          {"candidate", evidence.candidate_variant().name},
          {"candidate_files", evidence.candidate_files()},
          {"reference", evidence.reference_variant().name},
          {"seeds", evidence.plan().seeds},
          {"threads", c.threads ? c.threads : evidence.bug().default_threads},
          {"duration_ms", c.duration_ms ? c.duration_ms : evidence.bug().default_duration_ms},
          {"watchdog_ms", c.watchdog_ms},
          {"pass", g.pass},
          {"failed_property", g.failed_property.empty() ? nlohmann::json(nullptr) : nlohmann::json(g.failed_property)},
          {"reason", g.reason},
          {"hint", g.hint ? nlohmann::json(g.hint) : nlohmann::json(nullptr)},
          {"reference_ran", evidence.reference_ran()},
          {"elapsed_ms", static_cast<std::uint64_t>(g.elapsed_ms)},
          {"properties", props}};
}

}  // namespace locklab::exercises
