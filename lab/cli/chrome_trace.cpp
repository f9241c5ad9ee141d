#include "chrome_trace.h"

#include <nlohmann/json.hpp>

#include "locklab/analysis/analyses.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified

namespace locklab::cli {
namespace {

constexpr int kPid = ChromeTraceWalk::kPid;

void write_names(const Trace& t, const ExportScope& scope, TraceEventWriter& out) {
  out.begin_untimed('M', "\"process_name\"", kPid, -1);
  out.arg_text("name", "locklab: " + t.info.bug + " / " + t.info.variant);
  out.end();
  for (const TraceThread& th : t.threads) {
    if (!scope.shows(th.id)) continue;
    out.begin_untimed('M', "\"thread_name\"", kPid, th.id);
    out.arg_text("name", "T" + std::to_string(th.id) + " " + th.name);
    out.end();
    out.begin_untimed('M', "\"thread_sort_index\"", kPid, th.id);
    out.arg_number("sort_index", std::uint64_t{th.id} * 1000);
    out.end();
  }
}

// Counters: throughput per bucket, and each gauge at each sample; none
// after the verdict (the teardown) or outside the window.
void write_counters(const Trace& t, const ExportScope& scope, TraceEventWriter& out) {
  const auto shown = [&](std::uint64_t ns) { return ns <= scope.cut_ns && scope.in_window(ns); };
  const Throughput tp = throughput(t);
  const std::string throughput_name = quote("throughput (items/s)");
  for (std::size_t i = 0; i < tp.t_ns.size(); ++i) {
    const auto ns = static_cast<std::uint64_t>(tp.t_ns[i]);
    if (!shown(ns)) continue;
    out.begin('C', throughput_name, "counter", kPid, -1, ns);
    out.arg_real("items/s", tp.items_per_sec[i]);
    out.end();
  }
  std::vector<std::string> gauges;
  for (const std::string& g : t.gauge_names) gauges.push_back(quote(g));
  for (const ProgressSample& p : t.progress) {
    if (!shown(p.t_ns)) continue;
    for (std::size_t g = 0; g < p.gauges.size() && g < gauges.size(); ++g) {
      out.begin('C', gauges[g], "counter", kPid, -1, p.t_ns);
      out.arg_signed("value", p.gauges[g]);
      out.end();
    }
  }
}

// The verdict: a global instant at its moment, in its own words. Its tid is
// the first shown thread, for importers that place every instant on a
// thread (DevTools); Perfetto and catapult draw a global instant across the
// whole trace. "I" rather than "i": the format takes both, DevTools only "I".
void write_verdict(const Trace& t, const ExportScope& scope, TraceEventWriter& out) {
  if (!scope.in_window(scope.verdict_ns)) return;
  const Verdict& v = t.verdict;
  const std::string summary = v.summary.empty() ? std::string(to_string(v.kind)) : v.summary;
  int tid = 0;
  for (const TraceThread& th : t.threads) {
    if (!scope.shows(th.id)) continue;
    tid = th.id;
    break;
  }
  out.begin('I', quote(summary), "verdict", kPid, tid, scope.verdict_ns);
  out.field("s", "\"g\"");
  out.arg_text("kind", json_word(v.kind));
  out.arg_text("summary", summary);
  if (!v.detail.empty()) out.arg_text("detail", v.detail);
  out.end();
}

}  // namespace

ExportStats write_chrome_trace(const Trace& trace, const ExportScope& scope, TraceEventWriter& out) {
  write_names(trace, scope, out);
  ChromeTraceWalk walk(trace, scope, out);
  for (const Event& e : trace.events) walk.on_event(e);
  walk.finish();
  write_counters(trace, scope, out);
  write_verdict(trace, scope, out);
  ExportStats stats = walk.stats();
  stats.trace_events = out.events();
  return stats;
}

std::string chrome_trace_metadata(const Trace& t, const ExportScope& scope, const ExportStats& stats) {
  nlohmann::json threads = nlohmann::json::array();
  for (const TraceThread& th : t.threads)
    if (scope.shows(th.id)) threads.push_back("T" + std::to_string(th.id) + " " + th.name);
  const auto us = [](std::uint64_t ns) { return static_cast<double>(ns) / 1000.0; };
  nlohmann::json window = nullptr;
  if (scope.from_ns > 0 || scope.to_ns != kNoLimit)
    window = {{"from_us", us(scope.from_ns)},
              {"to_us", scope.to_ns == kNoLimit ? nlohmann::json(nullptr) : nlohmann::json(us(scope.to_ns))}};
  const nlohmann::json j = {{"bug", t.info.bug},
                            {"variant", t.info.variant},
                            {"verdict", json_word(t.verdict.kind)},
                            {"verdict_summary", t.verdict.summary},
                            {"verdict_at_us", us(scope.verdict_ns)},
                            {"dropped_events", t.dropped_events()},
                            {"teardown_events_cut", stats.teardown_events},
                            {"never_ended", stats.never_ended},
                            {"wake_arrows", stats.flows},
                            {"machine", t.info.machine},
                            {"window", window},
                            {"threads", threads}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace locklab::cli
