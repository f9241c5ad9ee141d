#include "hit_test.h"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

#include "locklab/core/event.h"
#include "locklab/present/format.h"

namespace locklab::viz {

TimelineHit hit_timeline(const TimelineLayout& layout, const TimeView& view, float mx, float my) {
  TimelineHit hit;
  for (int r = 0; r < 2; ++r) {
    const RunBlockLayout& b = layout.runs[static_cast<std::size_t>(r)];
    const bool in_lanes_x = mx >= b.lanes.x && mx < b.lanes.right();
    if (!in_lanes_x) continue;
    if (b.chart.contains(mx, my)) {
      hit.run = r;
      hit.in_chart = true;
    } else if (b.lanes.contains(mx, my)) {
      for (std::size_t i = 0; i < b.lane.size(); ++i) {
        if (b.lane[i].contains(mx, my)) {
          hit.run = r;
          hit.in_lane = true;
          hit.lane = i;
          break;
        }
      }
    }
    if (hit.run >= 0) {
      hit.t_ns = view.t_of(mx, b.lanes.x, b.lanes.w);
      return hit;
    }
  }
  return hit;
}

namespace {

std::string printf_string(const char* fmt, ...) __attribute__((format(printf, 1, 2)));
std::string printf_string(const char* fmt, ...) {
  char buf[512];
  va_list args;
  va_start(args, fmt);
  std::vsnprintf(buf, sizeof buf, fmt, args);
  va_end(args);
  return buf;
}

std::string mode_text(LockMode m) {
  switch (m) {
    case LockMode::kExclusive: return "write";
    case LockMode::kShared: return "read";
    case LockMode::kNone: break;
  }
  return "";
}

// Only an RWMutex has two ways to be taken: a Mutex (or anything else) is
// just "locked", so its waits and holds carry no "(write)".
bool has_modes(const Trace& trace, std::uint32_t object) {
  const ObjectInfo* o = trace.object(object);
  return o && o->kind == ObjectKind::kRWMutex;
}

std::string object_with_mode(const Trace& trace, std::uint32_t object, LockMode mode) {
  std::string s = trace.object_text(object);
  const std::string m = has_modes(trace, object) ? mode_text(mode) : "";
  if (!m.empty()) s += " (" + m + ")";
  return s;
}

std::string thread_name(const Trace& trace, std::uint16_t id) {
  const TraceThread* t = trace.thread(id);
  return t ? t->name : "thread " + std::to_string(id);
}

// The event that started the interval: the first of its thread at its begin.
const Event* event_at(const Trace& trace, std::uint16_t thread, std::uint64_t t_ns) {
  auto it = std::lower_bound(trace.events.begin(), trace.events.end(), std::make_pair(t_ns, thread),
                             [](const Event& e, const std::pair<std::uint64_t, std::uint16_t>& key) {
                               return e.time != key.first ? e.time < key.first : e.thread < key.second;
                             });
  // The interval may start at an event whose kind ends the previous state;
  // several of the thread's events can share the time: take the last one.
  const Event* found = nullptr;
  for (; it != trace.events.end() && it->time == t_ns && it->thread == thread; ++it) found = &*it;
  return found;
}

// The writers waiting for the same RWMutex since before the reader at
// `lane` began its wait `s`, still waiting at t: the reader is queued
// behind them.
std::vector<const StateInterval*> pending_writers(const RunModel& run, std::size_t lane, const StateInterval& s,
                                                  double t_ns) {
  std::vector<const StateInterval*> out;
  const Trace& trace = run.trace();
  for (std::size_t j = 0; j < run.lanes().size(); ++j) {
    if (j == lane) continue;
    const StateInterval* w = run.state_at(j, t_ns);
    if (!w || w->object != s.object || w->mode != LockMode::kExclusive) continue;
    if (lane_state(*w, trace) != LaneState::kWaitLock || w->begin_ns > s.begin_ns) continue;
    out.push_back(w);
  }
  // The one waiting longest first.
  std::sort(out.begin(), out.end(), [](const StateInterval* a, const StateInterval* b) { return a->begin_ns < b->begin_ns; });
  return out;
}

// What a lock wait waits for: who holds the lock, the pending writer a
// reader is queued behind, or the thread itself; "free this instant" only
// when none of these is so.
std::vector<std::string> lock_wait_lines(const RunModel& run, std::size_t lane_index, const StateInterval& s,
                                         double t_ns) {
  std::vector<std::string> lines;
  const Trace& trace = run.trace();
  const Lane& lane = run.lanes()[lane_index];
  const bool rw = has_modes(trace, s.object);
  const HoldInterval* h = run.holder_of(s.object, t_ns, lane.thread);
  if (h) {
    lines.push_back("held by " + thread_name(trace, h->thread) + ", taken at " + trace.site_text(h->site) +
                    (rw ? " (" + mode_text(h->mode) + ")" : ""));
  }
  bool behind_writer = false;
  if (rw && s.mode == LockMode::kShared) {
    const auto writers = pending_writers(run, lane_index, s, t_ns);
    if (!writers.empty()) {
      const StateInterval* w = writers.front();
      std::string who = writers.size() == 1 ? "the pending writer " : std::to_string(writers.size()) + " pending writers: ";
      who += thread_name(trace, w->thread) + " (waiting to write-lock since " +
             duration_text(static_cast<double>(w->begin_ns)) + ", at " + trace.site_text(w->site) + ")";
      for (std::size_t k = 1; k < writers.size(); ++k)
        who += ", " + thread_name(trace, writers[k]->thread) + " (since " +
               duration_text(static_cast<double>(writers[k]->begin_ns)) + ")";
      lines.push_back("queued behind " + who + ": no new reader gets in while a writer waits");
      behind_writer = true;
    }
  }
  const HoldInterval* own = nullptr;
  for (const HoldInterval* mine : run.holds_at(lane_index, t_ns))
    if (mine->object == s.object) own = mine;
  if (own) {
    lines.push_back("this thread already holds it" + std::string(rw ? " (" + mode_text(own->mode) + ")" : "") +
                    ", taken at " + trace.site_text(own->site));
  }
  if (h || behind_writer || own) return lines;
  if (const HoldInterval* last = run.last_holder_before(s.object, t_ns, lane.thread)) {
    // Between two holds: the lock is passing from one thread to the next.
    lines.push_back("free this instant; last held by " + thread_name(trace, last->thread) + " until " +
                    duration_text(static_cast<double>(last->end_ns)) + ", taken at " + trace.site_text(last->site));
  } else {
    lines.push_back("holder: none recorded (its events may have been dropped)");
  }
  return lines;
}

}  // namespace

HoverText describe_lane_point(const RunModel& run, std::size_t lane_index, double t_ns, double ns_per_column) {
  HoverText out;
  const Trace& trace = run.trace();
  if (lane_index >= run.lanes().size()) return out;
  const Lane& lane = run.lanes()[lane_index];
  const StateInterval* s = run.state_at(lane_index, t_ns);
  if (!s) {
    out.title = lane.name;
    if (t_ns < static_cast<double>(lane.start_ns)) out.lines.push_back("not started yet");
    else if (lane.ended) out.lines.push_back("ended");
    else  // the trace stops before the thread did (the steps so far, a run cut short)
      out.lines.push_back("not ended: the trace stops at " + duration_text(static_cast<double>(lane.end_ns)) +
                          ", before this thread ended");
    return out;
  }
  const LaneState state = lane_state(*s, trace);
  out.title = lane.name + ": " + std::string(to_string(state));
  const double dur = static_cast<double>(s->end_ns - s->begin_ns);
  if (state == LaneState::kWaitLock || state == LaneState::kBlocked || state == LaneState::kIdle) {
    if (s->object != 0) out.lines.push_back("on " + object_with_mode(trace, s->object, s->mode));
    out.lines.push_back("at " + trace.site_text(s->site));
  } else if ((state == LaneState::kIo || state == LaneState::kCompute || state == LaneState::kSleeping) && s->site != 0) {
    out.lines.push_back("at " + trace.site_text(s->site));
  }
  out.lines.push_back("for " + duration_text(dur) + " (" + duration_text(static_cast<double>(s->begin_ns)) + " to " +
                      duration_text(static_cast<double>(s->end_ns)) + ")");
  if (state == LaneState::kWaitLock) {
    for (std::string& line : lock_wait_lines(run, lane_index, *s, t_ns)) out.lines.push_back(std::move(line));
  }
  if (state == LaneState::kUnknown && lane.dropped > 0) {
    out.lines.push_back(std::to_string(lane.dropped) + " events dropped after " +
                        duration_text(static_cast<double>(lane.covered_until_ns)));
  } else if (state == LaneState::kUnknown && lane.recorded_until_ns > 0) {
    out.lines.push_back("the trace ends early: no events of this thread after " +
                        duration_text(static_cast<double>(lane.recorded_until_ns)));
  }
  for (const HoldInterval* h : run.holds_at(lane_index, t_ns)) {
    out.lines.push_back("holds " + object_with_mode(trace, h->object, h->mode) + ", taken at " +
                        trace.site_text(h->site) + (h->contended ? ": others waited for it" : ""));
  }
  if (const Event* e = event_at(trace, lane.thread, s->begin_ns)) {
    std::string ev = "event: " + std::string(to_string(e->kind));
    if (e->object != 0 && e->kind != EventKind::kOpEnd) ev += " " + trace.object_text(e->object);
    if (e->site != 0) ev += " at " + trace.site_text(static_cast<std::uint32_t>(e->site));
    out.lines.push_back(ev);
  }
  if (dur < ns_per_column && ns_per_column > 0) {
    // The mouse is over an aggregated column: say what it sums.
    const double c0 = t_ns - ns_per_column / 2, c1 = t_ns + ns_per_column / 2;
    const CategoryTimes times = lane.states.sum(c0, c1);
    const std::size_t a = lane.states.find(std::max(c0, static_cast<double>(lane.start_ns)));
    const std::size_t b = lane.states.find(std::min(c1, static_cast<double>(lane.end_ns) - 1));
    double total = 0;
    for (double v : times) total += v;
    std::string shares;
    for (int c = 0; c < kLaneStateCount && total > 0; ++c) {
      const double share = times[static_cast<std::size_t>(c)] / total;
      if (share < 0.005) continue;
      if (!shares.empty()) shares += ", ";
      shares += printf_string("%s %.0f%%", std::string(to_string(static_cast<LaneState>(c))).c_str(), share * 100);
    }
    const std::size_t count = (a < lane.states.size() && b < lane.states.size() && b >= a) ? b - a + 1 : 0;
    out.lines.push_back(printf_string("this pixel (%s) sums %zu intervals: %s", duration_text(ns_per_column).c_str(),
                                      count, shares.c_str()));
  }
  return out;
}

HoverText describe_chart_point(const RunModel& run, double t_ns) {
  HoverText out;
  const Throughput& tp = run.throughput();
  out.title = "throughput (" + run.variant() + ")";
  if (tp.t_ns.empty()) {
    out.lines.push_back("no progress samples");
    return out;
  }
  // Buckets are named by their end time: the first whose end is after t.
  const auto it = std::upper_bound(tp.t_ns.begin(), tp.t_ns.end(), t_ns);
  const std::size_t i = std::min(static_cast<std::size_t>(it - tp.t_ns.begin()), tp.t_ns.size() - 1);
  // Figures in the words the rest of the app uses (present/format.h).
  out.lines.push_back(present::short_count(tp.items_per_sec[i]) + " items/s in the " +
                      duration_text(static_cast<double>(tp.bucket_ns)) + " ending at " + duration_text(tp.t_ns[i]));
  out.lines.push_back("whole run: " + present::short_count(tp.overall_per_sec) + " items/s, " +
                      present::thousands(tp.total_items) + " items");
  return out;
}

}  // namespace locklab::viz
