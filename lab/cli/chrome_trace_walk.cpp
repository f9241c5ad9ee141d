#include "chrome_trace_walk.h"

#include <algorithm>

namespace locklab::cli {
namespace {

constexpr std::uint64_t kMarkerMaxNs = 1000;  // a wake marker lasts 1 µs at most

struct StateStart {
  Activity activity = Activity::kRunning;
  EventKind ends_on = EventKind::kNone;
};

// Which events start a non-running state, and which event ends it. The same
// table as thread_timelines' (analyses.cpp); ChromeTraceTest.
// StatesMatchThreadTimelines checks that both read a run alike.
StateStart state_started_by(EventKind kind) noexcept {
  switch (kind) {
    case EventKind::kLockWait: return {Activity::kWaitLock, EventKind::kLockAcquire};
    case EventKind::kCondWait: return {Activity::kBlocked, EventKind::kCondWake};
    case EventKind::kChanSendWait: return {Activity::kBlocked, EventKind::kChanSent};
    case EventKind::kChanRecvWait: return {Activity::kBlocked, EventKind::kChanReceived};
    case EventKind::kSelectWait: return {Activity::kBlocked, EventKind::kSelectChosen};
    case EventKind::kWaitBegin: return {Activity::kBlocked, EventKind::kWaitEnd};
    case EventKind::kIoBegin: return {Activity::kIo, EventKind::kIoEnd};
    case EventKind::kComputeBegin: return {Activity::kCompute, EventKind::kComputeEnd};
    case EventKind::kSleepBegin: return {Activity::kSleeping, EventKind::kSleepEnd};
    default: return {};
  }
}

}  // namespace

ChromeTraceWalk::ChromeTraceWalk(const Trace& trace, const ExportScope& scope, TraceEventWriter& out)
    : trace_(trace), scope_(scope), out_(out) {
  std::size_t slots = 1;
  for (const TraceThread& t : trace.threads) slots = std::max<std::size_t>(slots, std::size_t{t.id} + 1);
  threads_.resize(slots);
  thread_labels_.resize(slots);
  for (const TraceThread& t : trace.threads) thread_labels_[t.id] = quote("T" + std::to_string(t.id) + " " + t.name);
  sites_.resize(trace.sites.size());
  for (const std::string& name : trace.op_names) op_names_.push_back(quote(name));
}

ChromeTraceWalk::ThreadWalk& ChromeTraceWalk::thread(std::uint16_t id) {
  if (id >= threads_.size()) {
    threads_.resize(std::size_t{id} + 1);
    thread_labels_.resize(std::size_t{id} + 1);
  }
  return threads_[id];
}

ChromeTraceWalk::ObjectWalk& ChromeTraceWalk::object(std::uint32_t id) {
  if (id < objects_.size()) return objects_[id];
  if (id >= kDenseObjects) return sparse_objects_[id];
  objects_.resize(std::max<std::size_t>(std::size_t{id} + 1, objects_.size() * 2));
  return objects_[id];
}

const ChromeTraceWalk::ObjectNames& ChromeTraceWalk::names(std::uint32_t id) {
  auto [it, fresh] = names_.try_emplace(id);
  if (fresh) {
    const std::string text = trace_.object_text(id);
    it->second = {quote(text),         quote("hold " + text),     quote("read-hold " + text),
                  quote("release " + text), quote("acquired " + text), quote("wakes " + text)};
  }
  return it->second;
}

// The track of `tid`'s holds of `object` taken at `site`, named when first used.
const ChromeTraceWalk::HoldTrack& ChromeTraceWalk::hold_track(std::uint16_t tid, ThreadWalk& th,
                                                              std::uint32_t object, std::uint32_t site) {
  for (const HoldTrack& h : th.hold_tracks)
    if (h.object == object && h.site == site) return h;
  const int track = next_hold_track_++;
  const ObjectNames& o = names(object);
  th.hold_tracks.push_back({object, site, track, TraceEventWriter::prefix('X', o.hold, "lock", kPid, track),
                            TraceEventWriter::prefix('X', o.read_hold, "lock", kPid, track)});
  const TraceThread* t = trace_.thread(tid);
  out_.begin_untimed('M', "\"thread_name\"", kPid, track);
  out_.arg_text("name", "T" + std::to_string(tid) + " " + (t ? t->name : std::string()) + " holds " +
                            trace_.object_text(object) + " at " + trace_.site_text(site));
  out_.end();
  // Just below its thread (thread tracks sort at id * 1000).
  out_.begin_untimed('M', "\"thread_sort_index\"", kPid, track);
  out_.arg_number("sort_index", std::uint64_t{tid} * 1000 + th.hold_tracks.size());
  out_.end();
  return th.hold_tracks.back();
}

const std::string& ChromeTraceWalk::site_name(std::uint32_t site) {
  if (site >= sites_.size()) sites_.resize(std::size_t{site} + 1);
  std::string& s = sites_[site];
  if (s.empty()) s = quote(trace_.site_text(site));
  return s;
}

const std::string& ChromeTraceWalk::thread_label(std::uint16_t id) {
  std::string& s = thread_labels_[id];
  if (s.empty()) s = quote("T" + std::to_string(id));
  return s;
}

const std::string& ChromeTraceWalk::state_name(const OpenState& s) {
  const std::uint64_t key = (std::uint64_t{static_cast<std::uint8_t>(s.activity)} << 40) |
                            (std::uint64_t{static_cast<std::uint8_t>(s.mode)} << 32) | s.object;
  auto [it, fresh] = state_names_.try_emplace(key);
  if (!fresh) return it->second;
  std::string name;
  switch (s.activity) {
    case Activity::kWaitLock:
      name = std::string(s.mode == LockMode::kShared ? "wait to read-lock " : "wait to lock ") + trace_.object_text(s.object);
      break;
    case Activity::kBlocked: name = "blocked on " + (s.object ? trace_.object_text(s.object) : std::string("a wait")); break;
    case Activity::kIo: name = "I/O"; break;
    case Activity::kCompute: name = "compute"; break;
    case Activity::kSleeping: name = "sleep"; break;
    case Activity::kUnknown: name = "unknown (events dropped)"; break;
    case Activity::kRunning: name = "running"; break;
  }
  it->second = quote(name);
  return it->second;
}

bool ChromeTraceWalk::clip(std::uint64_t& b, std::uint64_t& e, Flags& flags) const {
  if (e < scope_.from_ns || b > scope_.to_ns) return false;
  if (b < scope_.from_ns) {
    b = scope_.from_ns;
    flags.clipped = true;
  }
  if (e > scope_.to_ns) {
    e = scope_.to_ns;
    flags.clipped = true;
  }
  return true;
}

void ChromeTraceWalk::write_flags(const Flags& flags) {
  if (flags.never_ended) out_.arg_bool("never_ended", true);
  if (flags.dropped_after) out_.arg_bool("events_dropped_after", true);
  if (flags.cancelled) out_.arg_bool("cancelled", true);
  if (flags.clipped) out_.arg_bool("clipped_by_window", true);
}

ChromeTraceWalk::Stop ChromeTraceWalk::stop_reason(std::uint16_t tid) const {
  const std::uint64_t recorded = tid < scope_.recorded_until.size() ? scope_.recorded_until[tid] : 0;
  if (scope_.cuts() && scope_.cut_ns <= recorded) return Stop::kVerdict;
  const TraceThread* t = trace_.thread(tid);
  if (t && t->dropped > 0) return Stop::kDropped;
  return Stop::kThreadEnd;
}

ChromeTraceWalk::Flags ChromeTraceWalk::stop_flags(Stop why) const {
  Flags f;
  if (why == Stop::kDropped) f.dropped_after = true;
  else f.never_ended = true;
  return f;
}

void ChromeTraceWalk::close_state(std::uint16_t tid, ThreadWalk& th, std::uint64_t t, Flags flags) {
  OpenState& s = th.state;
  s.open = false;
  if (s.activity == Activity::kWaitLock) {
    ObjectWalk& o = object(s.object);
    if (o.waiting > 0) --o.waiting;
  }
  if (!scope_.shows(tid)) return;
  std::uint64_t b = s.begin, e = std::max(t, s.begin);
  // An empty interval that ended is nothing to show; one cut by the verdict
  // is a wait that began and never ended, shown even at zero length.
  if (e == b && !flags.never_ended) return;
  if (!clip(b, e, flags)) return;
  out_.begin('X', state_name(s), "state", kPid, tid, b);
  out_.dur(e - b);
  if (s.site) out_.arg_quoted("site", site_name(s.site));
  if (s.object) out_.arg_quoted("object", names(s.object).name);
  write_flags(flags);
  out_.end();
  if (flags.never_ended) ++stats_.never_ended;
}

void ChromeTraceWalk::close_op(std::uint16_t tid, ThreadWalk& th, const OpenOp& op, std::uint64_t t, Flags flags) {
  if (!scope_.shows(tid)) return;
  std::uint64_t b = op.begin, e = std::max(t, op.begin);
  if (!clip(b, e, flags)) return;
  // One prefix per thread and operation kind (op indices are small).
  const std::size_t slot = op.op < op_names_.size() ? static_cast<std::size_t>(op.op) : op_names_.size();
  if (slot >= th.op_prefixes.size()) th.op_prefixes.resize(slot + 1);
  std::string& prefix = th.op_prefixes[slot];
  if (prefix.empty()) {
    static const std::string kOp = quote("op");
    prefix = TraceEventWriter::prefix('X', slot < op_names_.size() ? op_names_[slot] : kOp, "op", kPid, tid);
  }
  out_.begin_with(prefix, b);
  out_.dur(e - b);
  write_flags(flags);
  out_.end();
  if (flags.never_ended) ++stats_.never_ended;
}

void ChromeTraceWalk::close_hold(std::uint16_t tid, ThreadWalk& th, const OpenHold& h, std::uint64_t t, Flags flags) {
  if (!scope_.shows(tid)) return;
  const ObjectWalk& o = object(h.object);
  const bool contended = h.contended || o.waits_begun != h.waits_begun || o.waiting > 0;
  std::uint64_t b = h.begin, e = std::max(t, h.begin);
  if (!clip(b, e, flags)) return;
  const HoldTrack& track = hold_track(tid, th, h.object, h.site);
  out_.begin_with(h.mode == LockMode::kShared ? track.read_hold : track.hold, b);
  out_.dur(e - b);
  if (contended) out_.arg_bool("contended", true);
  write_flags(flags);
  out_.end();
  if (flags.never_ended) ++stats_.never_ended;
}

void ChromeTraceWalk::close_marker(std::uint16_t tid, ThreadWalk& th, std::uint64_t t) {
  Marker& m = th.marker;
  m.open = false;
  const std::uint64_t end = std::clamp(t, m.begin, m.begin + kMarkerMaxNs);
  if (m.release) {
    ObjectWalk& o = object(m.object);
    if (o.released && o.release_thread == tid && o.release_ns == m.begin) {
      o.release_end = end;  // an arrow may still start here
      o.release_written = m.used;
    }
    if (!m.used) return;
  }
  write_marker(tid, m, end);
}

void ChromeTraceWalk::write_marker(std::uint16_t tid, const Marker& m, std::uint64_t end) {
  if (!scope_.shows(tid)) return;
  std::uint64_t b = m.begin, e = end;
  Flags flags;
  if (!clip(b, e, flags)) return;
  const ObjectNames& o = names(m.object);
  out_.begin('X', m.release ? o.release : o.acquired, "wake", kPid, tid, b);
  out_.dur(e - b);
  if (m.release) {
    out_.arg_number("waiters", m.waiters);
  } else {
    out_.arg_quoted("woken_by", thread_label(m.peer));
    out_.arg_micros("waited_us", m.waited_ns);
  }
  out_.end();
}

void ChromeTraceWalk::on_acquire(const Event& e, ThreadWalk& th, const OpenState& ended) {
  ObjectWalk& o = object(e.object);
  th.holds.push_back({e.time, o.waits_begun, e.object, static_cast<std::uint32_t>(e.site), e.mode, o.waiting > 0});
  // A wake arrow: this acquire waited (arg > 0) and its wait is recorded;
  // the lock's last release came during that wait, from another thread, and
  // put a marker there (it had waiters); and no thread had dropped events
  // by now, so no later release can be missing.
  if (e.arg == 0 || ended.activity != Activity::kWaitLock || ended.object != e.object) return;
  if (!o.released || !o.release_marked || o.release_ns < ended.begin || o.release_thread == e.thread) return;
  if (e.time > scope_.flows_until) return;
  if (!scope_.shows(e.thread) || !scope_.shows(o.release_thread)) return;
  if (!scope_.in_window(o.release_ns) || !scope_.in_window(e.time)) return;
  const std::string& name = names(e.object).wakes;
  const std::uint64_t id = next_flow_id_++;
  out_.begin('s', name, "wake", kPid, o.release_thread, o.release_ns);
  out_.id(id);
  out_.end();
  out_.begin('f', name, "wake", kPid, e.thread, e.time);
  out_.id(id);
  out_.field("bp", "\"e\"");
  out_.end();
  ++stats_.flows;
  // The release's marker: still open on its thread (written when it
  // closes), or closed and written now, once.
  Marker& at_release = threads_[o.release_thread].marker;
  if (at_release.open && at_release.release && at_release.object == e.object && at_release.begin == o.release_ns) {
    at_release.used = true;
  } else if (!o.release_written) {
    o.release_written = true;
    write_marker(o.release_thread, Marker{true, true, true, o.release_ns, 0, o.release_waiters, e.object, 0},
                 o.release_end);
  }
  th.marker = Marker{true, false, false, e.time, e.time - ended.begin, 0, e.object, o.release_thread};
}

void ChromeTraceWalk::on_release(const Event& e, ThreadWalk& th) {
  // The most recent open hold of that object (read locks may nest).
  for (std::size_t i = th.holds.size(); i-- > 0;) {
    if (th.holds[i].object != e.object) continue;
    const OpenHold h = th.holds[i];
    th.holds.erase(th.holds.begin() + static_cast<std::ptrdiff_t>(i));
    close_hold(e.thread, th, h, e.time, {});
    break;
  }
  ObjectWalk& o = object(e.object);
  o.released = true;
  o.release_ns = e.time;
  o.release_thread = e.thread;
  // A marker where an arrow may start: the lock had waiters, and every
  // thread's events are complete (else `waiting` may count a thread whose
  // acquire was dropped, and no arrow is drawn anyway).
  o.release_marked = o.waiting > 0 && e.time <= scope_.flows_until;
  o.release_written = false;
  o.release_end = e.time;
  o.release_waiters = o.waiting;
  if (o.release_marked) th.marker = Marker{true, true, false, e.time, 0, o.waiting, e.object, 0};
}

void ChromeTraceWalk::on_event(const Event& e) {
  // Teardown: after the verdict the runner cancels every wait; what threads
  // do then is not the program's behaviour.
  if (e.time > scope_.cut_ns) {
    ++stats_.teardown_events;
    return;
  }
  ThreadWalk& th = thread(e.thread);
  if (th.marker.open) close_marker(e.thread, th, e.time);

  const StateStart starts = state_started_by(e.kind);
  if (starts.activity != Activity::kRunning) {
    if (th.state.open) close_state(e.thread, th, e.time, {});
    th.state = OpenState{true, starts.activity, starts.ends_on, e.time, e.object, static_cast<std::uint32_t>(e.site),
                         e.mode};
    if (starts.activity == Activity::kWaitLock) {
      ObjectWalk& o = object(e.object);
      ++o.waiting;
      ++o.waits_begun;
    }
    return;
  }

  OpenState ended;
  if (th.state.open && (e.kind == th.state.ends_on || e.kind == EventKind::kCancelled ||
                        e.kind == EventKind::kThreadEnd)) {
    ended = th.state;
    Flags flags;
    flags.cancelled = e.kind == EventKind::kCancelled;
    close_state(e.thread, th, e.time, flags);
  }

  switch (e.kind) {
    case EventKind::kOpBegin: th.ops.push_back({e.time, e.arg}); break;
    case EventKind::kOpEnd: {
      // The innermost open operation of that kind; any opened inside it and
      // not ended (dropped events cannot do this, a broken trace could) end here.
      for (std::size_t i = th.ops.size(); i-- > 0;) {
        if (th.ops[i].op != e.arg) continue;
        while (th.ops.size() > i) {
          close_op(e.thread, th, th.ops.back(), e.time, {});
          th.ops.pop_back();
        }
        break;
      }
      break;
    }
    case EventKind::kLockAcquire: on_acquire(e, th, ended); break;
    case EventKind::kLockRelease: on_release(e, th); break;
    case EventKind::kAnnotation:
      if (scope_.shows(e.thread) && scope_.in_window(e.time) && e.arg < trace_.annotations.size()) {
        out_.begin('I', quote(trace_.annotations[e.arg]), "annotation", kPid, e.thread, e.time);
        out_.field("s", "\"t\"");
        out_.end();
      }
      break;
    default: break;
  }
}

void ChromeTraceWalk::finish() {
  for (const TraceThread& t : trace_.threads) {
    ThreadWalk& th = thread(t.id);
    const std::uint64_t stop = scope_.thread_stop(t.id);
    const Stop why = stop_reason(t.id);
    const Flags flags = stop_flags(why);
    if (th.marker.open) close_marker(t.id, th, stop);
    if (th.state.open) close_state(t.id, th, stop, flags);
    while (!th.ops.empty()) {
      close_op(t.id, th, th.ops.back(), stop, flags);
      th.ops.pop_back();
    }
    for (const OpenHold& h : th.holds) close_hold(t.id, th, h, stop, flags);
    th.holds.clear();
    // After its recorded range a thread's state is unknown, up to its end
    // (or the verdict).
    const std::uint64_t end = std::min(std::max(t.end_ns, t.start_ns), scope_.cut_ns);
    if (why == Stop::kDropped && end > stop && scope_.shows(t.id)) {
      std::uint64_t b = stop, e = end;
      Flags unknown;
      if (clip(b, e, unknown)) {
        static const std::string kUnknown = quote("unknown (events dropped)");
        out_.begin('X', kUnknown, "state", kPid, t.id, b);
        out_.dur(e - b);
        out_.arg_number("dropped_events", t.dropped);
        write_flags(unknown);
        out_.end();
      }
    }
  }
  stats_.trace_events = out_.events();
}

}  // namespace locklab::cli
