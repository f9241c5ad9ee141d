// The synthetic trace: a small discrete-event simulation of worker threads
// and three locks. Each simulation step of one thread emits exactly one
// event, and steps run in (time, thread) order with every thread's time
// strictly increasing, so the events come out sorted.
#include "synthetic_trace.h"

#include <algorithm>
#include <deque>
#include <functional>
#include <map>
#include <queue>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace locklab {

namespace {

// splitmix64: tiny, and the same numbers on every platform (the standard
// distributions are not), so a seed always gives the same trace.
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : state_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  std::uint64_t between(std::uint64_t lo, std::uint64_t hi) { return lo + next() % (hi - lo + 1); }
  bool percent(std::uint64_t p) { return next() % 100 < p; }

 private:
  std::uint64_t state_;
};

// Objects (ids), sites (indices into Trace::sites) and operations.
constexpr std::uint32_t kStoreMu = 1, kCacheMu = 2, kStatsMu = 3;
constexpr std::uint32_t kSiteGet = 1, kSitePut = 2, kSiteEvict = 3, kSiteStats = 4,
                        kSitePersist = 5, kSiteFetch = 6;
constexpr std::uint32_t kOpGet = 0, kOpPut = 1, kOpEvict = 2, kOps = 3;
constexpr std::uint64_t kSampleEveryNs = 10'000'000;

enum class Action : std::uint8_t { kOpBegin, kLock, kUnlock, kIo, kCompute, kOpEnd };

struct Step {
  Action action = Action::kOpBegin;
  std::uint32_t object = 0;
  LockMode mode = LockMode::kNone;
  std::uint32_t site = 0;
  std::uint64_t duration_ns = 0;  // kIo, kCompute
};

// A lock with Go's RWMutex fairness: waiters queue in order, and a queued
// writer makes later readers queue too. A release hands the lock straight to
// the waiters at the head of the queue (a writer, or a run of readers).
struct SimLock {
  bool writing = false;
  std::uint32_t readers = 0;
  std::deque<std::pair<std::uint32_t, LockMode>> queue;

  bool try_acquire(LockMode mode) {
    if (writing || !queue.empty()) return false;
    if (mode == LockMode::kShared) {
      ++readers;
      return true;
    }
    if (readers > 0) return false;
    writing = true;
    return true;
  }

  void release(LockMode mode, std::vector<std::uint32_t>& granted) {
    if (mode == LockMode::kShared) {
      --readers;
    } else {
      writing = false;
    }
    while (!queue.empty() && !writing) {
      const auto [thread, wanted] = queue.front();
      if (wanted == LockMode::kExclusive) {
        if (readers > 0) break;
        writing = true;
      } else {
        ++readers;
      }
      granted.push_back(thread);
      queue.pop_front();
    }
  }
};

// Where a wait is charged on the holder's side (blame).
struct Blame {
  std::uint16_t thread = 0;
  std::uint32_t site = 0;
  LockMode mode = LockMode::kNone;
};

struct Worker {
  bool started = false;
  std::vector<Step> plan;   // the current operation's steps
  std::size_t pc = 0;       // next step
  bool in_timed = false;    // the begin event of an I/O or compute step is out
  std::uint32_t op = 0;
  std::uint64_t op_begin = 0;
  bool granted = false;     // a release handed it the lock it waits for
  std::uint64_t wait_begin = 0;
  Blame blame;              // who made it wait (set when granted)
  std::uint32_t hold_site = 0;
  LockMode hold_mode = LockMode::kNone;
  std::uint64_t items = 0, events = 0;
};

using CounterKey = std::tuple<std::uint16_t, std::uint32_t, std::uint32_t, LockMode>;

void add_to(std::map<CounterKey, CounterRow>& rows, std::uint16_t thread, std::uint32_t site,
            std::uint32_t object, LockMode mode, std::uint64_t ns) {
  CounterRow& r = rows[{thread, site, object, mode}];
  r.thread = thread;
  r.site = site;
  r.object = object;
  r.mode = mode;
  ++r.count;
  r.total_ns += ns;
  r.max_ns = std::max(r.max_ns, ns);
}

// The steps of one operation: get reads the store under its read lock (after
// an occasional fetch) and bumps a stat; put writes under the write lock and
// sometimes persists to disk while holding it (the classic slow-under-lock);
// evict does a longer pass under the cache lock.
std::vector<Step> plan_for(std::uint32_t op, Rng& rng) {
  std::vector<Step> p;
  p.push_back({Action::kOpBegin});
  switch (op) {
    case kOpGet:
      if (rng.percent(20)) p.push_back({Action::kIo, 0, LockMode::kNone, kSiteFetch, rng.between(20'000, 80'000)});
      p.push_back({Action::kLock, kStoreMu, LockMode::kShared, kSiteGet});
      p.push_back({Action::kCompute, 0, LockMode::kNone, kSiteGet, rng.between(1'000, 4'000)});
      p.push_back({Action::kUnlock, kStoreMu, LockMode::kShared, kSiteGet});
      p.push_back({Action::kLock, kStatsMu, LockMode::kExclusive, kSiteStats});
      p.push_back({Action::kUnlock, kStatsMu, LockMode::kExclusive, kSiteStats});
      break;
    case kOpPut:
      p.push_back({Action::kLock, kStoreMu, LockMode::kExclusive, kSitePut});
      p.push_back({Action::kCompute, 0, LockMode::kNone, kSitePut, rng.between(2'000, 6'000)});
      if (rng.percent(10)) p.push_back({Action::kIo, 0, LockMode::kNone, kSitePersist, rng.between(20'000, 60'000)});
      p.push_back({Action::kUnlock, kStoreMu, LockMode::kExclusive, kSitePut});
      break;
    default:
      p.push_back({Action::kLock, kCacheMu, LockMode::kExclusive, kSiteEvict});
      p.push_back({Action::kCompute, 0, LockMode::kNone, kSiteEvict, rng.between(5'000, 20'000)});
      p.push_back({Action::kUnlock, kCacheMu, LockMode::kExclusive, kSiteEvict});
      p.push_back({Action::kLock, kStatsMu, LockMode::kExclusive, kSiteStats});
      p.push_back({Action::kUnlock, kStatsMu, LockMode::kExclusive, kSiteStats});
      break;
  }
  p.push_back({Action::kOpEnd});
  return p;
}

void fill_tables(Trace& trace, std::size_t events, std::uint32_t threads, std::uint64_t seed) {
  trace.info.bug = "synthetic";
  trace.info.variant = "buggy";
  trace.info.params = {{"events", std::to_string(events)}, {"threads", std::to_string(threads)}};
  trace.info.threads = threads;
  trace.info.seed = seed;
  trace.info.started_at = "2024-01-01T00:00:00Z";
  trace.info.machine = "synthetic";
  trace.verdict.kind = VerdictKind::kCompleted;
  trace.verdict.summary = "completed";
  trace.objects = {{kStoreMu, ObjectKind::kRWMutex, "Store.mu"},
                   {kCacheMu, ObjectKind::kMutex, "Cache.mu"},
                   {kStatsMu, ObjectKind::kMutex, "Stats.mu"}};
  trace.sites = {{},
                 {"bugs/synthetic/store.cpp", 41, "Store::Get"},
                 {"bugs/synthetic/store.cpp", 58, "Store::Put"},
                 {"bugs/synthetic/cache.cpp", 23, "Cache::Evict"},
                 {"bugs/synthetic/stats.cpp", 12, "Stats::Add"},
                 {"bugs/synthetic/store.cpp", 63, "Store::persist"},
                 {"bugs/synthetic/workload.cpp", 30, "fetch"}};
  trace.op_names = {"get", "put", "evict"};
}

}  // namespace

Trace make_synthetic_trace(std::size_t events, std::uint32_t threads, std::uint64_t seed) {
  Trace trace;
  // Each thread needs a start and an end event.
  std::uint32_t n_threads = std::max<std::uint32_t>(threads, 1);
  n_threads = static_cast<std::uint32_t>(std::min<std::size_t>(n_threads, std::max<std::size_t>(events / 2, 1)));
  n_threads = std::min<std::uint32_t>(n_threads, 65535);
  fill_tables(trace, events, n_threads, seed);
  const std::size_t end_events = events >= 2 * std::size_t{n_threads} ? n_threads : 0;
  const std::size_t step_events = events - end_events;

  Rng rng(seed);
  std::vector<Worker> workers(n_threads);
  SimLock locks[4];  // indexed by object id
  std::map<CounterKey, CounterRow> waits, blame;
  std::vector<Histogram> histograms(std::size_t{n_threads} * kOps);
  std::vector<std::uint32_t> granted;
  trace.events.reserve(events);

  // The threads ready to take a step, earliest (time, thread) first.
  using Slot = std::pair<std::uint64_t, std::uint32_t>;
  std::priority_queue<Slot, std::vector<Slot>, std::greater<>> ready;
  for (std::uint32_t i = 0; i < n_threads; ++i) ready.push({i, i});  // starts at 0, 1, 2... ns

  std::uint64_t next_sample = 0;
  auto take_samples_until = [&](std::uint64_t t) {
    for (; next_sample <= t; next_sample += kSampleEveryNs) {
      ProgressSample s;
      s.t_ns = next_sample;
      s.items.reserve(n_threads);
      for (const Worker& w : workers) s.items.push_back(w.items);
      trace.progress.push_back(std::move(s));
    }
  };

  while (trace.events.size() < step_events && !ready.empty()) {
    // Plain copies, not a structured binding: clang 14 cannot capture those
    // in the lambdas below.
    const auto now = ready.top().first;
    const auto i = ready.top().second;
    ready.pop();
    take_samples_until(now);
    Worker& w = workers[i];
    const auto thread = static_cast<std::uint16_t>(i);
    auto emit = [&](EventKind kind, std::uint32_t object, LockMode mode, std::uint32_t site, std::uint64_t arg) {
      Event e;
      e.time = now;
      e.thread = thread;
      e.kind = kind;
      e.object = object;
      e.mode = mode;
      e.site = site;
      e.arg = arg;
      trace.events.push_back(e);
      ++w.events;
    };
    auto after = [&](std::uint64_t ns) { ready.push({now + std::max<std::uint64_t>(ns, 1), i}); };

    if (!w.started) {
      w.started = true;
      emit(EventKind::kThreadStart, 0, LockMode::kNone, 0, 0);
      after(n_threads + rng.between(200, 500));  // every thread starts before any works
      continue;
    }
    if (w.pc == w.plan.size()) {
      const std::uint64_t roll = rng.between(0, 99);
      w.op = roll < 60 ? kOpGet : roll < 90 ? kOpPut : kOpEvict;
      w.plan = plan_for(w.op, rng);
      w.pc = 0;
    }
    const Step& s = w.plan[w.pc];
    switch (s.action) {
      case Action::kOpBegin:
        w.op_begin = now;
        emit(EventKind::kOpBegin, 0, LockMode::kNone, 0, w.op);
        ++w.pc;
        after(rng.between(20, 200));
        break;
      case Action::kLock: {
        SimLock& lock = locks[s.object];
        if (w.granted) {
          const std::uint64_t waited = now - w.wait_begin;
          emit(EventKind::kLockAcquire, s.object, s.mode, s.site, waited);
          add_to(waits, thread, s.site, s.object, s.mode, waited);
          add_to(blame, w.blame.thread, w.blame.site, s.object, w.blame.mode, waited);
          w.granted = false;
        } else if (lock.try_acquire(s.mode)) {
          emit(EventKind::kLockAcquire, s.object, s.mode, s.site, 0);
        } else {
          emit(EventKind::kLockWait, s.object, s.mode, s.site, 0);
          lock.queue.push_back({i, s.mode});
          w.wait_begin = now;
          break;  // parked until a release hands it the lock
        }
        w.hold_site = s.site;
        w.hold_mode = s.mode;
        ++w.pc;
        after(rng.between(20, 200));
        break;
      }
      case Action::kUnlock:
        emit(EventKind::kLockRelease, s.object, s.mode, s.site, 0);
        granted.clear();
        locks[s.object].release(s.mode, granted);
        for (std::uint32_t g : granted) {
          workers[g].granted = true;
          workers[g].blame = {thread, w.hold_site, w.hold_mode};
          ready.push({now + rng.between(100, 1'000), g});  // the wake-up takes a moment
        }
        ++w.pc;
        after(rng.between(20, 200));
        break;
      case Action::kIo:
      case Action::kCompute: {
        const bool io = s.action == Action::kIo;
        if (!w.in_timed) {
          emit(io ? EventKind::kIoBegin : EventKind::kComputeBegin, 0, LockMode::kNone, s.site, s.duration_ns);
          w.in_timed = true;
          after(s.duration_ns);
        } else {
          emit(io ? EventKind::kIoEnd : EventKind::kComputeEnd, 0, LockMode::kNone, s.site, s.duration_ns);
          w.in_timed = false;
          ++w.pc;
          after(rng.between(20, 200));
        }
        break;
      }
      case Action::kOpEnd: {
        const std::uint64_t latency = now - w.op_begin;
        emit(EventKind::kOpEnd, static_cast<std::uint32_t>(std::min<std::uint64_t>(latency, 0xffffffffULL)),
             LockMode::kNone, 0, w.op);
        histograms[std::size_t{i} * kOps + w.op].add(latency);
        ++w.items;
        ++w.pc;
        after(rng.between(100, 2'000));  // between operations
        break;
      }
    }
  }

  // Every thread ends together, just after the last step (a thread cut off
  // in a wait or holding a lock simply ends there, as when a run is stopped).
  const std::uint64_t end = trace.events.empty() ? 1 : trace.events.back().time + 1;
  take_samples_until(end);
  for (std::uint32_t i = 0; i < end_events; ++i) {
    Event e;
    e.time = end;
    e.thread = static_cast<std::uint16_t>(i);
    e.kind = EventKind::kThreadEnd;
    trace.events.push_back(e);
    ++workers[i].events;
  }

  trace.duration_ns = end;
  trace.info.duration_ms = end / 1'000'000;
  for (std::uint32_t i = 0; i < n_threads; ++i) {
    TraceThread t;
    t.id = static_cast<std::uint16_t>(i);
    t.name = "worker-" + std::to_string(i);
    t.start_ns = i;
    t.end_ns = end;
    t.events = workers[i].events;
    t.covered_until_ns = end;
    t.items = workers[i].items;
    trace.threads.push_back(std::move(t));
    for (std::uint32_t op = 0; op < kOps; ++op) {
      const Histogram& h = histograms[std::size_t{i} * kOps + op];
      if (h.count() > 0) trace.latencies.push_back({static_cast<std::uint16_t>(i), op, h});
    }
  }
  for (auto& [key, row] : waits) trace.waits.push_back(row);
  for (auto& [key, row] : blame) trace.blame.push_back(row);
  return trace;
}

}  // namespace locklab
