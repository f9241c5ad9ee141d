#include "report_json.h"

namespace locklab::cli {
namespace {

nlohmann::json spread_json(const Spread& s) {
  if (!s.n) return nullptr;
  return {{"n", s.n}, {"median", s.median}, {"min", s.min}, {"max", s.max}, {"deviation", s.deviation}};
}

nlohmann::json case_json(const ReportResults& r, const CaseResult& c) {
  const CaseFigures f = figures(c, r.main_op_of(c.c.bug->id));
  nlohmann::json runs = nlohmann::json::array();
  for (std::size_t i = 0; i < c.runs.size(); ++i) {
    nlohmann::json run = to_json(c.runs[i]);
    run["repetition"] = i;
    runs.push_back(std::move(run));
  }
  return {{"benchmark", c.c.name()},
          {"variant", c.c.variant->name},
          {"buggy", c.c.variant->buggy},
          {"threads", c.c.threads},
          {"duration_ms", c.c.duration_ms},
          {"throughput", spread_json(f.throughput)},
          {"p99_ns", f.p99_ns ? spread_json(*f.p99_ns) : nlohmann::json(nullptr)},
          {"wait_share", spread_json(f.wait_share)},
          {"symptom_runs", f.symptom},
          {"as_expected_runs", f.as_expected},
          {"compare", c.compare ? to_json(*c.compare) : nlohmann::json(nullptr)},
          {"runs", std::move(runs)}};
}

}  // namespace

nlohmann::json report_json(const ReportResults& r) {
  nlohmann::json out = r.benchmark.is_object() ? r.benchmark : nlohmann::json::object();
  nlohmann::json bugs = nlohmann::json::array(), ids = nlohmann::json::array(), threads = nlohmann::json::array();
  for (const BugInfo* bug : r.settings.bugs) {
    nlohmann::json cases = nlohmann::json::array();
    for (const CaseResult* c : r.cases_of(bug->id)) cases.push_back(case_json(r, *c));
    const std::string op = r.main_op_of(bug->id);
    bugs.push_back({{"id", bug->id},
                    {"title", bug->title},
                    {"family", bug->family},
                    {"main_op", op.empty() ? nlohmann::json(nullptr) : nlohmann::json(op)},
                    {"cases", std::move(cases)}});
    ids.push_back(bug->id);
  }
  for (const auto& t : r.settings.threads) threads.push_back(t ? nlohmann::json(*t) : nlohmann::json("default"));
  out["locklab"] = {
      {"format", 1},
      {"settings",
       {{"bugs", ids},
        {"threads", threads},
        {"duration_ms", r.settings.duration_ms ? nlohmann::json(r.settings.duration_ms) : nlohmann::json(nullptr)},
        {"duration_cap_ms", kReportDurationCapMs},
        {"repetitions", r.settings.repetitions}}},
      {"runs_planned", r.runs_planned},
      {"runs_done", r.runs_done},
      {"interrupted", r.interrupted},
      {"wall_ns", r.wall_ns},
      {"all_as_expected", r.not_as_expected() == 0},
      {"bugs", std::move(bugs)}};
  return out;
}

}  // namespace locklab::cli
