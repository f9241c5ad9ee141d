#include "chrome_trace.h"

#include <algorithm>
#include <map>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/analysis/analyses.h"

namespace locklab::cli {
namespace {

using nlohmann::json;

constexpr int kPid = 1;

double us(std::uint64_t ns) { return static_cast<double>(ns) / 1000.0; }

std::string activity_name(const Trace& t, const StateInterval& s) {
  switch (s.activity) {
    case Activity::kWaitLock:
      return std::string(s.mode == LockMode::kShared ? "wait to read-lock " : "wait to lock ") + t.object_text(s.object);
    case Activity::kBlocked: return "blocked on " + (s.object ? t.object_text(s.object) : std::string("a wait"));
    case Activity::kIo: return "I/O";
    case Activity::kCompute: return "compute";
    case Activity::kSleeping: return "sleep";
    case Activity::kUnknown: return "unknown (events dropped)";
    case Activity::kRunning: break;
  }
  return "running";
}

struct Slice {
  std::uint64_t begin = 0, end = 0;
  std::string name, cat;
  json args;
};

// Operations (kOpBegin .. kOpEnd) per thread.
std::map<std::uint16_t, std::vector<Slice>> op_slices(const Trace& t) {
  std::map<std::uint16_t, std::vector<Slice>> out;
  std::map<std::uint16_t, const Event*> open;
  for (const Event& e : t.events) {
    if (e.kind == EventKind::kOpBegin) {
      open[e.thread] = &e;
    } else if (e.kind == EventKind::kOpEnd) {
      auto it = open.find(e.thread);
      if (it == open.end() || !it->second) continue;
      const Event& b = *it->second;
      const std::string name = b.arg < t.op_names.size() ? t.op_names[b.arg] : "op";
      out[e.thread].push_back({b.time, e.time, name, "op", json::object()});
      it->second = nullptr;
    }
  }
  return out;
}

}  // namespace

json chrome_trace(const Trace& t) {
  json events = json::array();
  events.push_back({{"ph", "M"}, {"name", "process_name"}, {"pid", kPid},
                    {"args", {{"name", "locklab: " + t.info.bug + " / " + t.info.variant}}}});
  for (const TraceThread& th : t.threads) {
    events.push_back({{"ph", "M"}, {"name", "thread_name"}, {"pid", kPid}, {"tid", th.id},
                      {"args", {{"name", "T" + std::to_string(th.id) + " " + th.name}}}});
    events.push_back({{"ph", "M"}, {"name", "thread_sort_index"}, {"pid", kPid}, {"tid", th.id},
                      {"args", {{"sort_index", th.id}}}});
  }

  // Complete events per thread: operations, and the non-running states in
  // them. Sorted by begin, longer first on ties, so a viewer nests them.
  const Timelines tl = thread_timelines(t);
  std::map<std::uint16_t, std::vector<Slice>> slices = op_slices(t);
  for (const StateInterval& s : tl.states) {
    if (s.activity == Activity::kRunning || s.end_ns <= s.begin_ns) continue;
    json args = {{"state", std::string(to_string(s.activity))}};
    if (s.site) args["site"] = t.site_text(s.site);
    if (s.object) args["object"] = t.object_text(s.object);
    slices[s.thread].push_back({s.begin_ns, s.end_ns, activity_name(t, s), "state", std::move(args)});
  }
  for (auto& [tid, list] : slices) {
    std::sort(list.begin(), list.end(), [](const Slice& a, const Slice& b) {
      return a.begin != b.begin ? a.begin < b.begin : a.end > b.end;
    });
    // Keep proper nesting even where dropped events cut an interval short:
    // a slice that would straddle its parent's end is clipped to it.
    std::vector<std::uint64_t> open_ends;
    for (Slice& s : list) {
      while (!open_ends.empty() && open_ends.back() <= s.begin) open_ends.pop_back();
      if (!open_ends.empty() && s.end > open_ends.back()) s.end = open_ends.back();
      if (s.end <= s.begin) continue;
      open_ends.push_back(s.end);
      events.push_back({{"ph", "X"}, {"name", s.name}, {"cat", s.cat}, {"pid", kPid}, {"tid", tid},
                        {"ts", us(s.begin)}, {"dur", us(s.end - s.begin)}, {"args", s.args}});
    }
  }

  // Lock waits and holds: async tracks, one id per interval.
  std::uint64_t next_id = 1;
  for (const HoldInterval& h : tl.holds) {
    const std::string name = std::string(h.mode == LockMode::kShared ? "read-hold " : "hold ") + t.object_text(h.object);
    const json args = {{"thread", h.thread}, {"site", t.site_text(h.site)}, {"contended", h.contended}};
    events.push_back({{"ph", "b"}, {"name", name}, {"cat", "lock"}, {"id", next_id}, {"pid", kPid}, {"tid", h.thread},
                      {"ts", us(h.begin_ns)}, {"args", args}});
    events.push_back({{"ph", "e"}, {"name", name}, {"cat", "lock"}, {"id", next_id}, {"pid", kPid}, {"tid", h.thread},
                      {"ts", us(h.end_ns)}});
    ++next_id;
  }
  for (const StateInterval& s : tl.states) {
    if (s.activity != Activity::kWaitLock || s.end_ns <= s.begin_ns) continue;
    const std::string name = "wait " + t.object_text(s.object);
    events.push_back({{"ph", "b"}, {"name", name}, {"cat", "lock"}, {"id", next_id}, {"pid", kPid}, {"tid", s.thread},
                      {"ts", us(s.begin_ns)}, {"args", {{"thread", s.thread}, {"site", t.site_text(s.site)}}}});
    events.push_back({{"ph", "e"}, {"name", name}, {"cat", "lock"}, {"id", next_id}, {"pid", kPid}, {"tid", s.thread},
                      {"ts", us(s.end_ns)}});
    ++next_id;
  }

  // Flow arrows: a contended acquire (arg > 0: it waited) comes from the
  // latest release of that object by another thread.
  std::map<std::uint32_t, const Event*> last_release;
  std::uint64_t flow = 1;
  for (const Event& e : t.events) {
    if (e.kind == EventKind::kLockRelease) {
      last_release[e.object] = &e;
    } else if (e.kind == EventKind::kLockAcquire && e.arg > 0) {
      auto it = last_release.find(e.object);
      if (it == last_release.end() || it->second->thread == e.thread) continue;
      const Event& r = *it->second;
      const std::string name = "wakes " + t.object_text(e.object);
      events.push_back({{"ph", "s"}, {"name", name}, {"cat", "wake"}, {"id", flow}, {"pid", kPid}, {"tid", r.thread},
                        {"ts", us(r.time)}});
      events.push_back({{"ph", "f"}, {"bp", "e"}, {"name", name}, {"cat", "wake"}, {"id", flow}, {"pid", kPid},
                        {"tid", e.thread}, {"ts", us(e.time)}});
      ++flow;
    }
  }

  // Counters: throughput per bucket, and each gauge at each sample.
  const Throughput tp = throughput(t);
  for (std::size_t i = 0; i < tp.t_ns.size(); ++i)
    events.push_back({{"ph", "C"}, {"name", "throughput (items/s)"}, {"pid", kPid}, {"ts", tp.t_ns[i] / 1000.0},
                      {"args", {{"items/s", tp.items_per_sec[i]}}}});
  for (const ProgressSample& p : t.progress)
    for (std::size_t g = 0; g < p.gauges.size() && g < t.gauge_names.size(); ++g)
      events.push_back({{"ph", "C"}, {"name", t.gauge_names[g]}, {"pid", kPid}, {"ts", us(p.t_ns)},
                        {"args", {{"value", p.gauges[g]}}}});

  return {{"traceEvents", std::move(events)},
          {"displayTimeUnit", "ns"},
          {"metadata",
           {{"bug", t.info.bug},
            {"variant", t.info.variant},
            {"verdict", json_word(t.verdict.kind)},
            {"dropped_events", t.dropped_events()},
            {"machine", t.info.machine}}}};
}

}  // namespace locklab::cli
