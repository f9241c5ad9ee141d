// RunSummary: built from a Trace through the analyses, and its JSON form.
#include "locklab/present/run_summary.h"

#include "locklab/present/diagnostics_json.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "locklab/present/format.h"

namespace locklab::present {
namespace {

std::vector<SiteRow> top_rows(const Trace& trace, const std::vector<ContentionRow>& rows) {
  std::vector<SiteRow> out;
  for (std::size_t i = 0; i < rows.size() && i < kTopSites; ++i) {
    const ContentionRow& r = rows[i];
    out.push_back(SiteRow{trace.site_text(r.site), trace.object_text(r.object), r.mode, r.count, r.total_ns,
                          r.max_ns, r.share, r.open});
  }
  return out;
}

EventCoverage coverage(const Trace& trace) {
  EventCoverage c;
  c.recording = trace.info.recording;
  c.run_ns = trace.duration_ns;
  c.covered_until_ns = trace.duration_ns;
  for (const TraceThread& t : trace.threads) {
    c.kept += t.events;
    if (t.dropped == 0) continue;
    c.dropped += t.dropped;
    c.covered_until_ns = std::min(c.covered_until_ns, t.covered_until_ns);
    c.threads_with_drops.push_back(t.name);
  }
  return c;
}

void run_oracle(RunSummary& s, const Trace& trace, const BugInfo& bug) {
  const VariantInfo* v = bug.variant(trace.info.variant);
  if (!v) return;
  s.variant_summary = v->summary;
  s.buggy = v->buggy;
  try {
    s.oracle = bug.oracle(trace);
  } catch (const std::exception& e) {
    s.oracle = OracleVerdict{!v->buggy, std::string("the oracle failed: ") + e.what()};
    s.as_expected = false;
    return;
  }
  bool ok = s.oracle->symptom == v->buggy;
  if (s.kind == VerdictKind::kError) ok = false;
  if (!v->buggy && is_failure(s.kind)) ok = false;
  s.as_expected = ok;
}

nlohmann::json rows_json(const std::vector<SiteRow>& rows) {
  nlohmann::json out = nlohmann::json::array();
  for (const SiteRow& r : rows)
    out.push_back({{"site", r.site},
                   {"object", r.object},
                   {"mode", json_word(r.mode)},
                   {"count", r.count},
                   {"total_ns", r.total_ns},
                   {"max_ns", r.max_ns},
                   {"share", r.share},
                   {"never_ended", r.open}});
  return out;
}

template <class T>
nlohmann::json or_null(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

RunSummary summarize(const Trace& trace, const BugInfo* bug) {
  RunSummary s;
  s.info = trace.info;
  s.kind = trace.verdict.kind;
  s.verdict_summary = trace.verdict.summary;
  s.verdict_detail = trace.verdict.detail;
  s.verdict_at_ns = trace.verdict.at_ns;
  s.wall_ns = trace.duration_ns;

  const Throughput tp = throughput(trace);
  s.items = tp.total_items;
  s.items_per_sec = tp.overall_per_sec;
  s.latency = latency(trace);
  for (std::size_t i = 0; i < s.latency.size(); ++i)
    if (s.latency[i].count && (!s.main_op || s.latency[i].count > s.latency[*s.main_op].count)) s.main_op = i;

  const ContentionProfile prof = contention(trace);
  s.by_waiter = top_rows(trace, prof.by_waiter);
  s.by_holder = top_rows(trace, prof.by_holder);
  s.waiter_sites = prof.by_waiter.size();
  s.holder_sites = prof.by_holder.size();
  s.total_wait_ns = prof.total_wait_ns;
  s.thread_time_ns = prof.thread_time_ns;
  s.open_waits = prof.open_waits;
  s.open_wait_ns = prof.open_wait_ns;
  s.idle = top_rows(trace, prof.idle);
  s.idle_sites = prof.idle.size();
  s.total_idle_ns = prof.total_idle_ns;
  s.events = coverage(trace);
  s.diagnostics = diagnose(trace);
  s.diagnostics_json = diagnostics_json(trace, s.diagnostics);
  s.dump = trace.verdict.threads;

  if (bug) run_oracle(s, trace, *bug);
  return s;
}

nlohmann::json to_json(const RunSummary& s) {
  nlohmann::json params = nlohmann::json::object();
  for (const auto& [k, v] : s.info.params) params[k] = v;
  nlohmann::json latency = nlohmann::json::array();
  for (const LatencySummary& l : s.latency)
    latency.push_back({{"op", l.op},
                       {"count", l.count},
                       {"p50_ns", l.p50_ns},
                       {"p99_ns", l.p99_ns},
                       {"max_ns", l.max_ns},
                       {"mean_ns", l.mean_ns}});
  nlohmann::json oracle = nullptr;
  if (s.oracle) {
    oracle = {{"symptom", s.oracle->symptom}, {"explanation", s.oracle->explanation}};
    oracle["expected_symptom"] = or_null(s.buggy);
  }
  const EventCoverage& e = s.events;
  return {
      {"bug", s.info.bug},
      {"variant", s.info.variant},
      {"variant_summary", s.variant_summary},
      {"buggy", or_null(s.buggy)},
      {"threads", s.info.threads},
      {"duration_ms", s.info.duration_ms},
      {"seed", s.info.seed},
      {"params", params},
      {"wall_ns", s.wall_ns},
      {"verdict",
       {{"kind", json_word(s.kind)},
        {"failure", is_failure(s.kind)},
        {"summary", s.verdict_summary},
        {"detail", s.verdict_detail},
        {"at_ns", s.verdict_at_ns}}},
      {"oracle", oracle},
      {"diagnostics", s.diagnostics_json},
      {"thread_dump", dump_json(s.dump)},
      {"as_expected", or_null(s.as_expected)},
      {"throughput", {{"items", s.items}, {"items_per_sec", s.items_per_sec}}},
      {"main_op", s.main_latency() ? nlohmann::json(s.main_latency()->op) : nlohmann::json(nullptr)},
      {"latency", latency},
      {"contention",
       {{"total_wait_ns", s.total_wait_ns},
        {"thread_time_ns", s.thread_time_ns},
        {"open_waits", s.open_waits},
        {"open_wait_ns", s.open_wait_ns},
        {"waiter_sites", s.waiter_sites},
        {"holder_sites", s.holder_sites},
        {"by_waiter", rows_json(s.by_waiter)},
        {"by_holder", rows_json(s.by_holder)}}},
      {"idle_waits", {{"total_ns", s.total_idle_ns}, {"sites", s.idle_sites}, {"by_waiter", rows_json(s.idle)}}},
      {"events",
       {{"recording", e.recording},
        {"kept", e.kept},
        {"dropped", e.dropped},
        {"complete", e.dropped == 0},
        {"covered_until_ns", e.covered_until_ns},
        {"threads_with_drops", e.threads_with_drops}}},
      {"trace_file", s.trace_file.empty() ? nlohmann::json(nullptr) : nlohmann::json(s.trace_file)},
  };
}

}  // namespace locklab::present
