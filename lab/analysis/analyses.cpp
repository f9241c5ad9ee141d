// The analyses over a Trace: thread states and lock holds from the events,
// throughput and latency from the exact counters, and the contention profile.
#include "locklab/analysis/analyses.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <map>
#include <utility>
#include <vector>

namespace locklab {

std::string_view to_string(Activity a) noexcept {
  switch (a) {
    case Activity::kRunning: return "running";
    case Activity::kWaitLock: return "wait-lock";
    case Activity::kBlocked: return "blocked";
    case Activity::kIo: return "io";
    case Activity::kCompute: return "compute";
    case Activity::kSleeping: return "sleeping";
    case Activity::kUnknown: return "unknown";
  }
  return "unknown";
}

// ---- thread states -------------------------------------------------------

namespace {

// One lock wait, kept for the "contended" test on holds.
struct LockWait {
  std::uint64_t begin_ns = 0, end_ns = 0;
  std::uint32_t object = 0;
  std::uint16_t thread = 0;
};

// A state an event starts, and the event kind that ends it.
struct StateStart {
  Activity activity = Activity::kRunning;
  EventKind ends_on = EventKind::kNone;
};

// Which events start a non-running state (activity kRunning = none).
StateStart state_started_by(EventKind kind) noexcept {
  switch (kind) {
    case EventKind::kLockWait: return {Activity::kWaitLock, EventKind::kLockAcquire};
    case EventKind::kCondWait: return {Activity::kBlocked, EventKind::kCondWake};
    case EventKind::kChanSendWait: return {Activity::kBlocked, EventKind::kChanSent};
    case EventKind::kChanRecvWait: return {Activity::kBlocked, EventKind::kChanReceived};
    case EventKind::kSelectWait: return {Activity::kBlocked, EventKind::kSelectChosen};
    // WaitGroup, Once, Semaphore, pool submit, Singleflight, join.
    case EventKind::kWaitBegin: return {Activity::kBlocked, EventKind::kWaitEnd};
    case EventKind::kIoBegin: return {Activity::kIo, EventKind::kIoEnd};
    case EventKind::kComputeBegin: return {Activity::kCompute, EventKind::kComputeEnd};
    case EventKind::kSleepBegin: return {Activity::kSleeping, EventKind::kSleepEnd};
    default: return {};
  }
}

bool same_state(const StateInterval& a, const StateInterval& b) noexcept {
  return a.activity == b.activity && a.object == b.object && a.site == b.site && a.mode == b.mode;
}

// One thread while the events are walked in time order.
class ThreadWalk {
 public:
  ThreadWalk(const TraceThread& t, std::size_t total_events, std::vector<LockWait>& waits) : waits_(waits) {
    id_ = t.id;
    start_ = t.start_ns;
    end_ = std::max(t.end_ns, t.start_ns);
    // Events are complete up to `stop_`; after it, if events were dropped,
    // the thread's state is unknown.
    stop_ = end_;
    if (t.dropped > 0) stop_ = std::clamp(t.covered_until_ns, start_, end_);
    cur_.begin_ns = start_;
    cur_.thread = id_;
    // Each event starts at most one state, and the end adds two more. A
    // reservation costs no memory until it is used.
    const std::uint64_t hint = std::min<std::uint64_t>(t.events, total_events);
    states_.reserve(hint + 3);
    holds_.reserve(hint / 2 + 1);
  }

  void on_event(const Event& e) {
    const std::uint64_t t = std::clamp(e.time, start_, stop_);
    const StateStart starts = state_started_by(e.kind);
    if (starts.activity != Activity::kRunning) {
      StateInterval next;
      next.activity = starts.activity;
      next.object = e.object;
      next.site = static_cast<std::uint32_t>(e.site);
      next.mode = e.mode;
      switch_to(t, next, starts.ends_on);
      if (starts.activity == Activity::kWaitLock) {
        open_wait_ = waits_.size();
        waits_.push_back({t, t, e.object, id_});
      }
      return;
    }
    if (e.kind == ends_on_ || e.kind == EventKind::kCancelled || e.kind == EventKind::kThreadEnd) {
      switch_to(t, StateInterval{}, EventKind::kNone);
    }
    if (e.kind == EventKind::kLockAcquire) {
      HoldInterval h;
      h.begin_ns = h.end_ns = t;
      h.thread = id_;
      h.object = e.object;
      h.site = static_cast<std::uint32_t>(e.site);
      h.mode = e.mode;
      open_holds_.push_back(holds_.size());
      holds_.push_back(h);
    } else if (e.kind == EventKind::kLockRelease) {
      // The most recent open hold of that object (read locks may nest).
      for (std::size_t i = open_holds_.size(); i-- > 0;) {
        HoldInterval& h = holds_[open_holds_[i]];
        if (h.object == e.object) {
          h.end_ns = t;
          open_holds_.erase(open_holds_.begin() + static_cast<std::ptrdiff_t>(i));
          break;
        }
      }
    }
  }

  // Closes everything at the end of the covered part; the rest is unknown.
  void finish() {
    switch_to(stop_, StateInterval{}, EventKind::kNone);
    if (stop_ > cur_.begin_ns) emit(stop_);
    if (end_ > stop_) {
      StateInterval unknown;
      unknown.begin_ns = stop_;
      unknown.end_ns = end_;
      unknown.thread = id_;
      unknown.activity = Activity::kUnknown;
      states_.push_back(unknown);
    }
    for (std::size_t i : open_holds_) holds_[i].end_ns = stop_;
    open_holds_.clear();
  }

  std::uint16_t id() const noexcept { return id_; }
  std::vector<StateInterval>& states() noexcept { return states_; }
  std::vector<HoldInterval>& holds() noexcept { return holds_; }

 private:
  static constexpr std::size_t kNoWait = static_cast<std::size_t>(-1);

  // Ends the current state at `t` and starts `next` (object, site, mode and
  // activity taken from it) there.
  void switch_to(std::uint64_t t, const StateInterval& next, EventKind ends_on) {
    if (open_wait_ != kNoWait) {
      waits_[open_wait_].end_ns = t;
      open_wait_ = kNoWait;
    }
    ends_on_ = ends_on;
    if (same_state(cur_, next)) return;
    emit(t);
    cur_ = next;
    cur_.begin_ns = t;
    cur_.thread = id_;
  }

  // Appends the current state up to `until`. Empty intervals are dropped,
  // and a state equal to the previous one (say running, a zero-length wait,
  // running) extends it, so the tiling stays minimal.
  void emit(std::uint64_t until) {
    if (until <= cur_.begin_ns) return;
    if (!states_.empty()) {
      StateInterval& last = states_.back();
      if (last.end_ns == cur_.begin_ns && same_state(last, cur_)) {
        last.end_ns = until;
        return;
      }
    }
    StateInterval s = cur_;
    s.end_ns = until;
    states_.push_back(s);
  }

  std::vector<LockWait>& waits_;
  std::uint16_t id_ = 0;
  std::uint64_t start_ = 0, stop_ = 0, end_ = 0;
  StateInterval cur_;                     // begin_ns: when it started
  EventKind ends_on_ = EventKind::kNone;  // the event that ends cur_
  std::size_t open_wait_ = kNoWait;       // index into waits_ during kWaitLock
  std::vector<StateInterval> states_;
  std::vector<HoldInterval> holds_;
  std::vector<std::size_t> open_holds_;   // indices into holds_, oldest first
};

// Numbers the objects that have lock waits 0..size()-1. Object ids are
// normally small and dense (the registry counts from 1), so a table does;
// sparse ids (hand-made traces) fall back to a sorted list.
class ObjectIndex {
 public:
  static constexpr std::uint32_t kAbsent = static_cast<std::uint32_t>(-1);

  explicit ObjectIndex(const std::vector<LockWait>& waits) {
    std::uint32_t max_id = 0;
    for (const LockWait& w : waits) max_id = std::max(max_id, w.object);
    if (std::size_t{max_id} <= 4 * waits.size() + 4096) {
      table_.assign(std::size_t{max_id} + 1, kAbsent);
      for (const LockWait& w : waits) {
        if (table_[w.object] == kAbsent) table_[w.object] = size_++;
      }
    } else {
      for (const LockWait& w : waits) ids_.push_back(w.object);
      std::sort(ids_.begin(), ids_.end());
      ids_.erase(std::unique(ids_.begin(), ids_.end()), ids_.end());
      size_ = static_cast<std::uint32_t>(ids_.size());
    }
  }

  std::uint32_t operator()(std::uint32_t id) const noexcept {
    if (ids_.empty()) return id < table_.size() ? table_[id] : kAbsent;
    const auto it = std::lower_bound(ids_.begin(), ids_.end(), id);
    return it != ids_.end() && *it == id ? static_cast<std::uint32_t>(it - ids_.begin()) : kAbsent;
  }
  std::uint32_t size() const noexcept { return size_; }

 private:
  std::vector<std::uint32_t> table_;  // id -> index, when ids are dense
  std::vector<std::uint32_t> ids_;    // sorted ids, when they are not
  std::uint32_t size_ = 0;
};

// The number of waits in v[0, n) (sorted by begin) that began before `t`,
// searched outward from `hint`, the answer to a nearby earlier question.
// Holds come in (thread, begin) order, so the answer usually moves a little
// from one hold to the next; galloping keeps that cheap, and a jump (a new
// thread) costs one binary search.
std::size_t count_begun_before(const LockWait* v, std::size_t n, std::size_t hint, std::uint64_t t) {
  auto before = [t](const LockWait& w) { return w.begin_ns < t; };
  std::size_t lo = 0, hi = n;  // the answer lies in [lo, hi]
  hint = std::min(hint, n);
  std::size_t step = 1;
  if (hint < n && before(v[hint])) {
    lo = hint + 1;  // v[0, lo) all began before t
    while (lo + step - 1 < n && before(v[lo + step - 1])) {
      lo += step;
      step *= 2;
    }
    hi = std::min(n, lo + step - 1);
  } else {
    hi = hint;  // v[hi, n) all began at or after t
    while (step <= hi && !before(v[hi - step])) {
      hi -= step;
      step *= 2;
    }
    lo = step <= hi ? hi - step + 1 : 0;
  }
  return static_cast<std::size_t>(std::partition_point(v + lo, v + hi, before) - v);
}

// Sets HoldInterval::contended: some other thread had a lock wait on the
// same object that overlaps the hold (wait.begin < hold.end and
// wait.end > hold.begin).
//
// Waits are grouped by object and sorted by begin. For every prefix of an
// object's waits we keep the latest end and its thread, plus the latest end
// among all other threads. A hold then needs one search: among the waits
// that began before it ended, does one by another thread end after it began?
void mark_contended(std::vector<LockWait>& waits, std::vector<HoldInterval>& holds) {
  if (waits.empty() || holds.empty()) return;
  const ObjectIndex index(waits);

  // Group by object with a counting sort, which keeps the begin order the
  // waits were recorded in within each object.
  std::vector<std::size_t> first(std::size_t{index.size()} + 1, 0);  // object o: [first[o], first[o+1])
  for (const LockWait& w : waits) ++first[index(w.object) + 1];
  for (std::size_t o = 1; o < first.size(); ++o) first[o] += first[o - 1];
  std::vector<LockWait> sorted(waits.size());
  {
    std::vector<std::size_t> next(first.begin(), first.end() - 1);
    for (const LockWait& w : waits) sorted[next[index(w.object)]++] = w;
  }
  std::vector<LockWait>().swap(waits);

  // Events are in time order, so waits are too, unless clamping to a
  // thread's start moved one; make sure of it.
  auto by_begin = [](const LockWait& a, const LockWait& b) { return a.begin_ns < b.begin_ns; };
  for (std::size_t o = 0; o + 1 < first.size(); ++o) {
    const auto lo = sorted.begin() + static_cast<std::ptrdiff_t>(first[o]);
    const auto hi = sorted.begin() + static_cast<std::ptrdiff_t>(first[o + 1]);
    if (!std::is_sorted(lo, hi, by_begin)) std::sort(lo, hi, by_begin);
  }

  // Latest end over each prefix of an object's waits: overall (with its
  // thread) and among the other threads.
  struct Latest {
    std::uint64_t end = 0;
    std::uint64_t other_end = 0;  // latest end by a thread other than `thread`
    std::uint16_t thread = 0;
  };
  std::vector<Latest> latest(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i) {
    const LockWait& w = sorted[i];
    if (i == 0 || sorted[i - 1].object != w.object) {  // a new object's run
      latest[i] = {w.end_ns, 0, w.thread};
      continue;
    }
    Latest l = latest[i - 1];
    if (w.thread == l.thread) {
      l.end = std::max(l.end, w.end_ns);
    } else if (w.end_ns > l.end) {
      l.other_end = l.end;  // the old leader's thread differs from w's
      l.end = w.end_ns;
      l.thread = w.thread;
    } else {
      l.other_end = std::max(l.other_end, w.end_ns);
    }
    latest[i] = l;
  }

  std::vector<std::size_t> cursor(first.size(), 0);  // last answer per object
  for (HoldInterval& h : holds) {
    const std::uint32_t o = index(h.object);
    if (o == ObjectIndex::kAbsent) continue;
    const std::size_t lo = first[o];
    const std::size_t k = count_begun_before(sorted.data() + lo, first[o + 1] - lo, cursor[o], h.end_ns);
    cursor[o] = k;
    if (k == 0) continue;
    const Latest& l = latest[lo + k - 1];
    const std::uint64_t others = l.thread != h.thread ? l.end : l.other_end;
    h.contended = others > h.begin_ns;
  }
}

}  // namespace

Timelines thread_timelines(const Trace& trace) {
  // Walkers in thread id order, and a table from thread id to walker.
  std::vector<std::size_t> order(trace.threads.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return trace.threads[a].id < trace.threads[b].id;
  });
  std::vector<LockWait> waits;
  waits.reserve(trace.events.size() / 4);
  std::vector<ThreadWalk> walks;
  walks.reserve(order.size());
  constexpr std::uint32_t kNone = static_cast<std::uint32_t>(-1);
  std::vector<std::uint32_t> walk_of(std::size_t{1} << 16, kNone);
  for (std::size_t i : order) {
    const TraceThread& t = trace.threads[i];
    if (walk_of[t.id] != kNone) continue;  // a duplicate id: the first one counts
    walk_of[t.id] = static_cast<std::uint32_t>(walks.size());
    walks.emplace_back(t, trace.events.size(), waits);
  }

  // One pass in time order; events of threads the trace does not list are
  // skipped (there is no lifetime to place them in).
  for (const Event& e : trace.events) {
    const std::uint32_t w = walk_of[e.thread];
    if (w != kNone) walks[w].on_event(e);
  }

  Timelines out;
  std::size_t n_states = 0, n_holds = 0;
  for (ThreadWalk& w : walks) {
    w.finish();
    n_states += w.states().size();
    n_holds += w.holds().size();
  }
  out.states.reserve(n_states);
  out.holds.reserve(n_holds);
  for (ThreadWalk& w : walks) {
    out.states.insert(out.states.end(), w.states().begin(), w.states().end());
    out.holds.insert(out.holds.end(), w.holds().begin(), w.holds().end());
    std::vector<StateInterval>().swap(w.states());  // keep the peak memory down
    std::vector<HoldInterval>().swap(w.holds());
  }
  mark_contended(waits, out.holds);
  return out;
}

// ---- throughput ----------------------------------------------------------

Throughput throughput(const Trace& trace) {
  Throughput out;
  out.total_items = trace.total_items();
  if (trace.duration_ns > 0) {
    out.overall_per_sec = static_cast<double>(out.total_items) / (static_cast<double>(trace.duration_ns) / 1e9);
  }
  const auto& samples = trace.progress;
  if (samples.size() >= 2 && samples[1].t_ns > samples[0].t_ns) {
    out.bucket_ns = samples[1].t_ns - samples[0].t_ns;
  }
  for (std::size_t s = 1; s < samples.size(); ++s) {
    const ProgressSample& prev = samples[s - 1];
    const ProgressSample& cur = samples[s];
    if (cur.t_ns <= prev.t_ns) continue;  // no time passed: no rate
    std::uint64_t items = 0;
    for (std::size_t i = 0; i < cur.items.size(); ++i) {
      const std::uint64_t before = i < prev.items.size() ? prev.items[i] : 0;
      if (cur.items[i] > before) items += cur.items[i] - before;  // counters only grow
    }
    const double seconds = static_cast<double>(cur.t_ns - prev.t_ns) / 1e9;
    out.t_ns.push_back(static_cast<double>(cur.t_ns));
    out.items_per_sec.push_back(static_cast<double>(items) / seconds);
  }
  return out;
}

// ---- latency -------------------------------------------------------------

std::vector<LatencySummary> latency(const Trace& trace) {
  std::vector<Histogram> merged(trace.op_names.size());
  for (const LatencyRecord& r : trace.latencies) {
    if (r.op < merged.size()) merged[r.op].merge(r.histogram);
  }
  std::vector<LatencySummary> out;
  for (std::size_t op = 0; op < merged.size(); ++op) {
    const Histogram& h = merged[op];
    if (h.count() == 0) continue;
    LatencySummary s;
    s.op = trace.op_names[op];
    s.count = h.count();
    s.p50_ns = h.quantile(0.50);
    s.p99_ns = h.quantile(0.99);
    s.max_ns = h.max();
    s.mean_ns = h.mean();
    out.push_back(std::move(s));
  }
  return out;
}

// ---- contention ----------------------------------------------------------

namespace {

// Merges rows with the same (site, object, mode) across threads, then sorts
// them by total wait, largest first, and fills in each row's share. Objects
// with the same name count as one (a channel made per request, "Query.reply",
// is one line of the profile, as Go's profile keys by code, not by object):
// the row keeps the lowest such object id.
std::vector<ContentionRow> merge_rows(const Trace& trace, const std::vector<CounterRow>& rows) {
  std::map<std::string, std::uint32_t> first_by_name;
  for (const ObjectInfo& o : trace.objects) first_by_name.try_emplace(o.name, o.id);
  std::vector<ContentionRow> all;
  all.reserve(rows.size());
  for (const CounterRow& r : rows) {
    std::uint32_t object = r.object;
    if (const ObjectInfo* o = trace.object(r.object)) object = first_by_name[o->name];
    all.push_back({r.site, object, r.mode, r.count, r.total_ns, r.max_ns, 0.0, r.open});
  }
  auto key_less = [](const ContentionRow& a, const ContentionRow& b) {
    if (a.site != b.site) return a.site < b.site;
    if (a.object != b.object) return a.object < b.object;
    return a.mode < b.mode;
  };
  std::sort(all.begin(), all.end(), key_less);
  std::vector<ContentionRow> out;
  std::uint64_t table_total = 0;
  for (const ContentionRow& r : all) {
    table_total += r.total_ns;
    if (!out.empty() && !key_less(out.back(), r)) {
      ContentionRow& m = out.back();
      m.count += r.count;
      m.total_ns += r.total_ns;
      m.max_ns = std::max(m.max_ns, r.max_ns);
      m.open += r.open;
    } else {
      out.push_back(r);
    }
  }
  // Largest total first; ties broken by count, then by key, so the order is
  // the same on every run.
  std::sort(out.begin(), out.end(), [&](const ContentionRow& a, const ContentionRow& b) {
    if (a.total_ns != b.total_ns) return a.total_ns > b.total_ns;
    if (a.count != b.count) return a.count > b.count;
    return key_less(a, b);
  });
  if (table_total > 0) {
    for (ContentionRow& r : out) r.share = static_cast<double>(r.total_ns) / static_cast<double>(table_total);
  }
  return out;
}

}  // namespace

ContentionProfile contention(const Trace& trace) {
  ContentionProfile out;
  std::vector<CounterRow> contended, idle;
  for (const CounterRow& r : trace.waits) (r.wait_class == WaitClass::kIdle ? idle : contended).push_back(r);
  out.by_waiter = merge_rows(trace, contended);
  out.idle = merge_rows(trace, idle);
  out.by_holder = merge_rows(trace, trace.blame);
  for (const ContentionRow& r : out.by_waiter) {
    out.total_wait_ns += r.total_ns;
    out.open_waits += r.open;
  }
  for (const ContentionRow& r : out.idle) {
    out.total_idle_ns += r.total_ns;
    out.open_idle += r.open;
  }
  for (const CounterRow& r : contended) out.open_wait_ns += r.open_ns;
  for (const TraceThread& t : trace.threads) {
    if (t.lab_thread && t.end_ns > t.start_ns) out.thread_time_ns += t.end_ns - t.start_ns;
  }
  return out;
}

}  // namespace locklab
