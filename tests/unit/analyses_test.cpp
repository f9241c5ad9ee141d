// The analyses over hand-built traces with known answers, and over the
// synthetic trace (where the events and the exact counters must agree).
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

#include "locklab/analysis/analyses.h"
#include "locklab/trace/trace.h"
#include "synthetic_trace.h"

namespace {

using locklab::Activity;
using locklab::ContentionRow;
using locklab::CounterRow;
using locklab::Event;
using locklab::EventKind;
using locklab::HoldInterval;
using locklab::LockMode;
using locklab::StateInterval;
using locklab::Trace;
using locklab::TraceThread;

Event ev(std::uint64_t t, std::uint16_t thread, EventKind kind, std::uint32_t object = 0,
         LockMode mode = LockMode::kNone, std::uint32_t site = 0) {
  Event e;
  e.time = t;
  e.thread = thread;
  e.kind = kind;
  e.object = object;
  e.mode = mode;
  e.site = site;
  return e;
}

TraceThread lifetime(std::uint16_t id, std::uint64_t start, std::uint64_t end) {
  TraceThread t;
  t.id = id;
  t.name = "t" + std::to_string(id);
  t.start_ns = start;
  t.end_ns = end;
  t.covered_until_ns = end;
  return t;
}

// A trace of the given threads and events (sorted here, as a Trace's are).
Trace make_trace(std::vector<TraceThread> threads, std::vector<Event> events) {
  Trace trace;
  trace.threads = std::move(threads);
  trace.events = std::move(events);
  std::stable_sort(trace.events.begin(), trace.events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : a.thread < b.thread;
  });
  for (const TraceThread& t : trace.threads) trace.duration_ns = std::max(trace.duration_ns, t.end_ns);
  return trace;
}

std::vector<StateInterval> states_of(const locklab::Timelines& tl, std::uint16_t thread) {
  std::vector<StateInterval> out;
  for (const StateInterval& s : tl.states) {
    if (s.thread == thread) out.push_back(s);
  }
  return out;
}

std::vector<HoldInterval> holds_of(const locklab::Timelines& tl, std::uint16_t thread) {
  std::vector<HoldInterval> out;
  for (const HoldInterval& h : tl.holds) {
    if (h.thread == thread) out.push_back(h);
  }
  return out;
}

// Each thread's states cover [start, end] back to back, sorted by
// (thread, begin), with no empty intervals.
void expect_tiling(const Trace& trace, const locklab::Timelines& tl) {
  for (std::size_t i = 1; i < tl.states.size(); ++i) {
    const StateInterval& a = tl.states[i - 1];
    const StateInterval& b = tl.states[i];
    ASSERT_TRUE(a.thread < b.thread || (a.thread == b.thread && a.begin_ns < b.begin_ns)) << "order at " << i;
  }
  for (const TraceThread& t : trace.threads) {
    const auto states = states_of(tl, t.id);
    ASSERT_FALSE(states.empty()) << "thread " << t.id;
    EXPECT_EQ(states.front().begin_ns, t.start_ns) << "thread " << t.id;
    EXPECT_EQ(states.back().end_ns, t.end_ns) << "thread " << t.id;
    for (std::size_t i = 0; i < states.size(); ++i) {
      ASSERT_LT(states[i].begin_ns, states[i].end_ns) << "thread " << t.id << " state " << i;
      if (i > 0) {
        ASSERT_EQ(states[i - 1].end_ns, states[i].begin_ns) << "thread " << t.id << " gap at " << i;
      }
    }
  }
}

// ---- thread_timelines ------------------------------------------------------

TEST(Timelines, WaitThenAcquireMakesOneWaitLockInterval) {
  const Trace trace = make_trace({lifetime(0, 0, 100)},
                                 {ev(0, 0, EventKind::kThreadStart),
                                  ev(10, 0, EventKind::kLockWait, 7, LockMode::kExclusive, 3),
                                  ev(40, 0, EventKind::kLockAcquire, 7, LockMode::kExclusive, 3),
                                  ev(60, 0, EventKind::kLockRelease, 7, LockMode::kExclusive, 4),
                                  ev(100, 0, EventKind::kThreadEnd)});
  const auto tl = locklab::thread_timelines(trace);
  ASSERT_EQ(tl.states.size(), 3u);
  EXPECT_EQ(tl.states[0].activity, Activity::kRunning);
  EXPECT_EQ(tl.states[0].end_ns, 10u);
  const StateInterval& wait = tl.states[1];
  EXPECT_EQ(wait.activity, Activity::kWaitLock);
  EXPECT_EQ(wait.begin_ns, 10u);
  EXPECT_EQ(wait.end_ns, 40u);
  EXPECT_EQ(wait.object, 7u);
  EXPECT_EQ(wait.site, 3u);
  EXPECT_EQ(wait.mode, LockMode::kExclusive);
  EXPECT_EQ(tl.states[2].activity, Activity::kRunning);
  EXPECT_EQ(tl.states[2].begin_ns, 40u);
  EXPECT_EQ(tl.states[2].end_ns, 100u);

  ASSERT_EQ(tl.holds.size(), 1u);
  EXPECT_EQ(tl.holds[0].begin_ns, 40u);
  EXPECT_EQ(tl.holds[0].end_ns, 60u);
  EXPECT_EQ(tl.holds[0].object, 7u);
  EXPECT_EQ(tl.holds[0].site, 3u);  // where it was acquired
  EXPECT_FALSE(tl.holds[0].contended);
  expect_tiling(trace, tl);
}

TEST(Timelines, EveryKindOfWorkAndWaitTilesTheLifetime) {
  const Trace trace = make_trace(
      {lifetime(1, 5, 200), lifetime(2, 0, 150)},
      {ev(5, 1, EventKind::kThreadStart), ev(10, 1, EventKind::kIoBegin, 0, LockMode::kNone, 2),
       ev(30, 1, EventKind::kIoEnd), ev(40, 1, EventKind::kComputeBegin), ev(50, 1, EventKind::kComputeEnd),
       ev(60, 1, EventKind::kSleepBegin), ev(70, 1, EventKind::kSleepEnd),
       ev(80, 1, EventKind::kCondWait, 9), ev(90, 1, EventKind::kCondWake, 9),
       ev(100, 1, EventKind::kChanSendWait, 4), ev(110, 1, EventKind::kChanSent, 4),
       ev(120, 1, EventKind::kChanRecvWait, 4), ev(130, 1, EventKind::kChanReceived, 4),
       ev(140, 1, EventKind::kSelectWait), ev(150, 1, EventKind::kSelectChosen),
       ev(200, 1, EventKind::kThreadEnd),
       // Thread 2 has no events at all: it is running all its life.
       });
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  const std::vector<std::pair<Activity, std::uint64_t>> want = {
      {Activity::kRunning, 5},   {Activity::kIo, 10},      {Activity::kRunning, 30},
      {Activity::kCompute, 40},  {Activity::kRunning, 50}, {Activity::kSleeping, 60},
      {Activity::kRunning, 70},  {Activity::kBlocked, 80}, {Activity::kRunning, 90},
      {Activity::kBlocked, 100}, {Activity::kRunning, 110}, {Activity::kBlocked, 120},
      {Activity::kRunning, 130}, {Activity::kBlocked, 140}, {Activity::kRunning, 150}};
  const auto states = states_of(tl, 1);
  ASSERT_EQ(states.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(states[i].activity, want[i].first) << i;
    EXPECT_EQ(states[i].begin_ns, want[i].second) << i;
  }
  EXPECT_EQ(states[1].site, 2u);
  EXPECT_EQ(states[7].object, 9u);
  EXPECT_EQ(states.back().end_ns, 200u);
  const auto idle = states_of(tl, 2);
  ASSERT_EQ(idle.size(), 1u);
  EXPECT_EQ(idle[0].activity, Activity::kRunning);
  EXPECT_EQ(idle[0].begin_ns, 0u);
  EXPECT_EQ(idle[0].end_ns, 150u);
}

TEST(Timelines, BlockedEndsOnlyOnTheMatchingEvent) {
  // A cond wait is not ended by a channel event, only by its wake.
  const Trace trace = make_trace({lifetime(0, 0, 100)},
                                 {ev(10, 0, EventKind::kCondWait, 3), ev(20, 0, EventKind::kChanReceived, 5),
                                  ev(50, 0, EventKind::kCondWake, 3)});
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  ASSERT_EQ(tl.states.size(), 3u);
  EXPECT_EQ(tl.states[1].activity, Activity::kBlocked);
  EXPECT_EQ(tl.states[1].begin_ns, 10u);
  EXPECT_EQ(tl.states[1].end_ns, 50u);
}

TEST(Timelines, CancellationAndThreadEndFinishAWait) {
  const Trace trace = make_trace(
      {lifetime(0, 0, 100), lifetime(1, 0, 100)},
      {ev(10, 0, EventKind::kLockWait, 1, LockMode::kShared), ev(30, 0, EventKind::kCancelled, 1),
       ev(10, 1, EventKind::kChanRecvWait, 2), ev(80, 1, EventKind::kThreadEnd)});
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  const auto t0 = states_of(tl, 0);
  ASSERT_EQ(t0.size(), 3u);
  EXPECT_EQ(t0[1].activity, Activity::kWaitLock);
  EXPECT_EQ(t0[1].end_ns, 30u);
  EXPECT_EQ(t0[1].mode, LockMode::kShared);
  const auto t1 = states_of(tl, 1);
  ASSERT_EQ(t1.size(), 3u);
  EXPECT_EQ(t1[1].activity, Activity::kBlocked);
  EXPECT_EQ(t1[1].end_ns, 80u);
}

TEST(Timelines, AWaitStillOpenAtTheEndLastsToTheEnd) {
  // A deadlocked thread: it waits until the run ends.
  const Trace trace = make_trace({lifetime(0, 0, 100)}, {ev(10, 0, EventKind::kLockWait, 1, LockMode::kExclusive)});
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  ASSERT_EQ(tl.states.size(), 2u);
  EXPECT_EQ(tl.states[1].activity, Activity::kWaitLock);
  EXPECT_EQ(tl.states[1].end_ns, 100u);
}

TEST(Timelines, AnUncontendedAcquireIsNoWait) {
  // Acquire and release without a wait: the thread runs throughout.
  const Trace trace = make_trace({lifetime(0, 0, 100)},
                                 {ev(10, 0, EventKind::kLockAcquire, 1, LockMode::kExclusive),
                                  ev(20, 0, EventKind::kLockRelease, 1, LockMode::kExclusive)});
  const auto tl = locklab::thread_timelines(trace);
  ASSERT_EQ(tl.states.size(), 1u);
  EXPECT_EQ(tl.states[0].activity, Activity::kRunning);
  ASSERT_EQ(tl.holds.size(), 1u);
  EXPECT_EQ(tl.holds[0].begin_ns, 10u);
  EXPECT_EQ(tl.holds[0].end_ns, 20u);
}

TEST(Timelines, ReleaseMatchesTheMostRecentHoldOfThatObject) {
  // Recursive read locking: two holds of object 1, and one of object 2 in
  // between; each release closes the latest open hold of its object.
  const Trace trace = make_trace({lifetime(0, 0, 100)},
                                 {ev(10, 0, EventKind::kLockAcquire, 1, LockMode::kShared, 1),
                                  ev(20, 0, EventKind::kLockAcquire, 2, LockMode::kExclusive, 2),
                                  ev(30, 0, EventKind::kLockAcquire, 1, LockMode::kShared, 3),
                                  ev(40, 0, EventKind::kLockRelease, 1, LockMode::kShared),
                                  ev(50, 0, EventKind::kLockRelease, 1, LockMode::kShared),
                                  ev(60, 0, EventKind::kLockRelease, 2, LockMode::kExclusive)});
  const auto tl = locklab::thread_timelines(trace);
  ASSERT_EQ(tl.holds.size(), 3u);  // sorted by begin
  EXPECT_EQ(tl.holds[0].site, 1u);
  EXPECT_EQ(tl.holds[0].end_ns, 50u);
  EXPECT_EQ(tl.holds[1].site, 2u);
  EXPECT_EQ(tl.holds[1].end_ns, 60u);
  EXPECT_EQ(tl.holds[2].site, 3u);
  EXPECT_EQ(tl.holds[2].begin_ns, 30u);
  EXPECT_EQ(tl.holds[2].end_ns, 40u);
}

TEST(Timelines, HoldsStillOpenCloseAtThreadEnd) {
  const Trace trace = make_trace({lifetime(0, 0, 100)}, {ev(10, 0, EventKind::kLockAcquire, 1, LockMode::kExclusive),
                                                         ev(90, 0, EventKind::kThreadEnd)});
  const auto tl = locklab::thread_timelines(trace);
  ASSERT_EQ(tl.holds.size(), 1u);
  EXPECT_EQ(tl.holds[0].end_ns, 100u);
}

TEST(Timelines, AHoldIsContendedWhenAnotherThreadWaitsDuringIt) {
  const Trace trace = make_trace(
      {lifetime(0, 0, 200), lifetime(1, 0, 200), lifetime(2, 0, 200), lifetime(3, 0, 200)},
      {// Thread 0 holds object 1 over [10, 50]; thread 1 waits for it from 20.
       ev(10, 0, EventKind::kLockAcquire, 1, LockMode::kExclusive),
       ev(20, 1, EventKind::kLockWait, 1, LockMode::kExclusive),
       ev(50, 0, EventKind::kLockRelease, 1, LockMode::kExclusive),
       ev(55, 1, EventKind::kLockAcquire, 1, LockMode::kExclusive),
       ev(70, 1, EventKind::kLockRelease, 1, LockMode::kExclusive),
       // Thread 0 holds object 2 over [60, 80] while thread 1 waits for
       // object 1 elsewhere: a wait for another object does not count.
       ev(60, 0, EventKind::kLockAcquire, 2, LockMode::kExclusive),
       ev(80, 0, EventKind::kLockRelease, 2, LockMode::kExclusive),
       // Thread 2 holds object 3 over [100, 120]; thread 3 starts waiting
       // exactly as it is released: touching is not overlapping.
       ev(100, 2, EventKind::kLockAcquire, 3, LockMode::kExclusive),
       ev(120, 2, EventKind::kLockRelease, 3, LockMode::kExclusive),
       ev(120, 3, EventKind::kLockWait, 3, LockMode::kExclusive),
       ev(125, 3, EventKind::kLockAcquire, 3, LockMode::kExclusive),
       ev(130, 3, EventKind::kLockRelease, 3, LockMode::kExclusive),
       // Thread 2 locks object 4 twice (a self-deadlock): its own wait does
       // not make its hold contended.
       ev(140, 2, EventKind::kLockAcquire, 4, LockMode::kExclusive),
       ev(150, 2, EventKind::kLockWait, 4, LockMode::kExclusive)});
  const auto tl = locklab::thread_timelines(trace);
  const auto h0 = holds_of(tl, 0);
  ASSERT_EQ(h0.size(), 2u);
  EXPECT_TRUE(h0[0].contended);   // object 1
  EXPECT_FALSE(h0[1].contended);  // object 2
  const auto h1 = holds_of(tl, 1);
  ASSERT_EQ(h1.size(), 1u);
  EXPECT_FALSE(h1[0].contended);
  const auto h2 = holds_of(tl, 2);
  ASSERT_EQ(h2.size(), 2u);
  EXPECT_FALSE(h2[0].contended);  // object 3: the wait only touched its end
  EXPECT_FALSE(h2[1].contended);  // object 4: its own wait
  EXPECT_EQ(h2[1].end_ns, 200u);
}

TEST(Timelines, AReaderWaitingOnAWriterMakesTheWriteHoldContended) {
  // Writer holds from 10 to 90 and is still waited for by a reader whose
  // wait began before the writer took the lock.
  const Trace trace = make_trace({lifetime(0, 0, 100), lifetime(1, 0, 100)},
                                 {ev(5, 1, EventKind::kLockWait, 1, LockMode::kShared),
                                  ev(10, 0, EventKind::kLockAcquire, 1, LockMode::kExclusive),
                                  ev(90, 0, EventKind::kLockRelease, 1, LockMode::kExclusive),
                                  ev(95, 1, EventKind::kLockAcquire, 1, LockMode::kShared)});
  const auto tl = locklab::thread_timelines(trace);
  const auto h0 = holds_of(tl, 0);
  ASSERT_EQ(h0.size(), 1u);
  EXPECT_TRUE(h0[0].contended);
  const auto h1 = holds_of(tl, 1);
  ASSERT_EQ(h1.size(), 1u);
  EXPECT_EQ(h1[0].mode, LockMode::kShared);
  EXPECT_EQ(h1[0].end_ns, 100u);
  EXPECT_FALSE(h1[0].contended);
}

TEST(Timelines, AfterDroppedEventsTheRestIsUnknown) {
  TraceThread t = lifetime(0, 0, 100);
  t.dropped = 5;
  t.covered_until_ns = 60;
  const Trace trace = make_trace({t}, {ev(20, 0, EventKind::kLockAcquire, 1, LockMode::kExclusive),
                                       ev(50, 0, EventKind::kLockWait, 2, LockMode::kExclusive)});
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  ASSERT_EQ(tl.states.size(), 3u);
  EXPECT_EQ(tl.states[0].activity, Activity::kRunning);
  EXPECT_EQ(tl.states[1].activity, Activity::kWaitLock);
  EXPECT_EQ(tl.states[1].end_ns, 60u);
  EXPECT_EQ(tl.states[2].activity, Activity::kUnknown);
  EXPECT_EQ(tl.states[2].begin_ns, 60u);
  EXPECT_EQ(tl.states[2].end_ns, 100u);
  // What the trace knows of the hold ends where its knowledge ends.
  ASSERT_EQ(tl.holds.size(), 1u);
  EXPECT_EQ(tl.holds[0].end_ns, 60u);
}

TEST(Timelines, StatesAreSortedByThreadEvenWhenThreadsAreListedOutOfOrder) {
  const Trace trace = make_trace({lifetime(5, 0, 50), lifetime(2, 0, 50)},
                                 {ev(10, 5, EventKind::kIoBegin), ev(20, 2, EventKind::kIoBegin),
                                  ev(30, 5, EventKind::kIoEnd), ev(40, 2, EventKind::kIoEnd)});
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);
  ASSERT_FALSE(tl.states.empty());
  EXPECT_EQ(tl.states.front().thread, 2u);
  EXPECT_EQ(tl.states.back().thread, 5u);
}

TEST(Timelines, ActivityNames) {
  EXPECT_EQ(locklab::to_string(Activity::kRunning), "running");
  EXPECT_EQ(locklab::to_string(Activity::kWaitLock), "wait-lock");
  EXPECT_EQ(locklab::to_string(Activity::kUnknown), "unknown");
}

// ---- throughput --------------------------------------------------------------

TEST(Throughput, RatesComeFromTheSamples) {
  Trace trace;
  trace.duration_ns = 20'000'000;
  trace.threads = {lifetime(0, 0, 20'000'000), lifetime(1, 0, 20'000'000)};
  trace.threads[0].items = 30;
  trace.threads[1].items = 5;
  auto sample = [](std::uint64_t t, std::vector<std::uint64_t> items) {
    locklab::ProgressSample s;
    s.t_ns = t;
    s.items = std::move(items);
    return s;
  };
  trace.progress = {sample(0, {0, 0}), sample(10'000'000, {10, 5}), sample(20'000'000, {30, 5})};
  const auto tp = locklab::throughput(trace);
  EXPECT_EQ(tp.bucket_ns, 10'000'000u);
  ASSERT_EQ(tp.t_ns.size(), 2u);
  ASSERT_EQ(tp.items_per_sec.size(), 2u);
  EXPECT_DOUBLE_EQ(tp.t_ns[0], 10'000'000.0);
  EXPECT_DOUBLE_EQ(tp.t_ns[1], 20'000'000.0);
  EXPECT_DOUBLE_EQ(tp.items_per_sec[0], 1500.0);  // 15 items in 10 ms
  EXPECT_DOUBLE_EQ(tp.items_per_sec[1], 2000.0);  // 20 items in 10 ms
  EXPECT_EQ(tp.total_items, 35u);
  EXPECT_DOUBLE_EQ(tp.overall_per_sec, 1750.0);
}

TEST(Throughput, NoSamplesAndNoDurationGiveZeros) {
  const auto tp = locklab::throughput(Trace{});
  EXPECT_EQ(tp.bucket_ns, 0u);
  EXPECT_TRUE(tp.t_ns.empty());
  EXPECT_EQ(tp.total_items, 0u);
  EXPECT_EQ(tp.overall_per_sec, 0.0);
}

// ---- latency -------------------------------------------------------------------

TEST(Latency, OneRowPerOperationWithValuesInOpNamesOrder) {
  Trace trace;
  trace.op_names = {"get", "put", "evict"};
  locklab::LatencyRecord a{0, 2, {}}, b{1, 2, {}}, c{1, 0, {}};
  for (std::uint64_t v = 1; v <= 10; ++v) a.histogram.add(v);  // evict, thread 0
  for (std::uint64_t v = 11; v <= 20; ++v) b.histogram.add(v);  // evict, thread 1
  c.histogram.add(1000);                                        // get
  trace.latencies = {a, b, c};
  const auto rows = locklab::latency(trace);
  ASSERT_EQ(rows.size(), 2u);  // "put" has no values
  EXPECT_EQ(rows[0].op, "get");
  EXPECT_EQ(rows[0].count, 1u);
  EXPECT_EQ(rows[0].p50_ns, 1000u);
  EXPECT_EQ(rows[0].max_ns, 1000u);
  EXPECT_EQ(rows[1].op, "evict");
  EXPECT_EQ(rows[1].count, 20u);
  EXPECT_EQ(rows[1].p50_ns, 10u);  // values below 32 are exact
  EXPECT_EQ(rows[1].p99_ns, 20u);
  EXPECT_EQ(rows[1].max_ns, 20u);
  EXPECT_DOUBLE_EQ(rows[1].mean_ns, 10.5);
}

// ---- contention ------------------------------------------------------------------

TEST(Contention, RowsMergeAcrossThreadsSortLargestFirstAndShare) {
  Trace trace;
  trace.threads = {lifetime(0, 0, 1000), lifetime(1, 100, 600), lifetime(2, 0, 5000)};
  trace.threads[2].lab_thread = false;  // an adopted thread's time does not count
  auto row = [](std::uint16_t thread, std::uint32_t site, std::uint32_t object, LockMode mode, std::uint64_t count,
                std::uint64_t total, std::uint64_t max) {
    return CounterRow{thread, site, object, mode, count, total, max};
  };
  trace.waits = {row(0, 1, 10, LockMode::kExclusive, 2, 100, 80), row(1, 1, 10, LockMode::kExclusive, 3, 200, 90),
                 row(0, 2, 10, LockMode::kExclusive, 1, 500, 500), row(1, 1, 10, LockMode::kShared, 4, 200, 60)};
  trace.blame = {row(2, 5, 10, LockMode::kExclusive, 7, 1000, 500)};
  const auto prof = locklab::contention(trace);

  ASSERT_EQ(prof.by_waiter.size(), 3u);
  const ContentionRow& top = prof.by_waiter[0];
  EXPECT_EQ(top.site, 2u);
  EXPECT_EQ(top.total_ns, 500u);
  EXPECT_DOUBLE_EQ(top.share, 0.5);
  // Site 1, object 10, exclusive: two threads merged.
  const ContentionRow& merged = prof.by_waiter[1];
  EXPECT_EQ(merged.site, 1u);
  EXPECT_EQ(merged.mode, LockMode::kExclusive);
  EXPECT_EQ(merged.count, 5u);
  EXPECT_EQ(merged.total_ns, 300u);
  EXPECT_EQ(merged.max_ns, 90u);
  EXPECT_DOUBLE_EQ(merged.share, 0.3);
  EXPECT_EQ(prof.by_waiter[2].mode, LockMode::kShared);  // same site, other mode: its own row
  EXPECT_DOUBLE_EQ(prof.by_waiter[2].share, 0.2);
  EXPECT_EQ(prof.total_wait_ns, 1000u);
  EXPECT_EQ(prof.thread_time_ns, 1500u);

  ASSERT_EQ(prof.by_holder.size(), 1u);
  EXPECT_EQ(prof.by_holder[0].site, 5u);
  EXPECT_DOUBLE_EQ(prof.by_holder[0].share, 1.0);
}

TEST(Contention, ObjectsOfOneNameAreOneRowAndIdleWaitsAreApart) {
  Trace trace;
  trace.threads = {lifetime(0, 0, 1000), lifetime(1, 0, 1000)};
  // Two per-request channels named alike, and one other object.
  trace.objects = {{1, locklab::ObjectKind::kChan, "Query.reply"},
                   {2, locklab::ObjectKind::kChan, "Query.reply"},
                   {3, locklab::ObjectKind::kChan, "jobs"}};
  trace.waits = {CounterRow{0, 1, 1, LockMode::kNone, 1, 100, 100},
                 CounterRow{1, 1, 2, LockMode::kNone, 1, 300, 300},
                 CounterRow{0, 2, 3, LockMode::kNone, 5, 900, 400, locklab::WaitClass::kIdle}};
  const auto prof = locklab::contention(trace);
  ASSERT_EQ(prof.by_waiter.size(), 1u);
  EXPECT_EQ(prof.by_waiter[0].object, 1u);  // the first of the name stands for both
  EXPECT_EQ(prof.by_waiter[0].count, 2u);
  EXPECT_EQ(prof.by_waiter[0].total_ns, 400u);
  EXPECT_EQ(prof.total_wait_ns, 400u);
  ASSERT_EQ(prof.idle.size(), 1u);
  EXPECT_EQ(prof.idle[0].object, 3u);
  EXPECT_EQ(prof.total_idle_ns, 900u);
}

TEST(Contention, AnEmptyTraceHasAnEmptyProfile) {
  const auto prof = locklab::contention(Trace{});
  EXPECT_TRUE(prof.by_waiter.empty());
  EXPECT_TRUE(prof.by_holder.empty());
  EXPECT_EQ(prof.total_wait_ns, 0u);
  EXPECT_EQ(prof.thread_time_ns, 0u);
}

// ---- the synthetic trace -------------------------------------------------------

TEST(SyntheticTrace, HasExactlyTheEventsAskedForInOrder) {
  const Trace trace = locklab::make_synthetic_trace(20'001, 6, 42);
  ASSERT_EQ(trace.events.size(), 20'001u);
  ASSERT_EQ(trace.threads.size(), 6u);
  EXPECT_TRUE(std::is_sorted(trace.events.begin(), trace.events.end(), [](const Event& a, const Event& b) {
    return a.time != b.time ? a.time < b.time : a.thread < b.thread;
  }));
  std::uint64_t per_thread = 0;
  for (const TraceThread& t : trace.threads) per_thread += t.events;
  EXPECT_EQ(per_thread, trace.events.size());
  // Tiny requests still give a valid trace.
  EXPECT_EQ(locklab::make_synthetic_trace(0, 4, 1).events.size(), 0u);
  EXPECT_EQ(locklab::make_synthetic_trace(3, 4, 1).events.size(), 3u);
}

TEST(SyntheticTrace, IsDeterministicForASeed) {
  const Trace a = locklab::make_synthetic_trace(5'000, 4, 9);
  const Trace b = locklab::make_synthetic_trace(5'000, 4, 9);
  const Trace c = locklab::make_synthetic_trace(5'000, 4, 10);
  ASSERT_EQ(a.events.size(), b.events.size());
  bool same = true, differs = false;
  for (std::size_t i = 0; i < a.events.size(); ++i) {
    same = same && a.events[i].time == b.events[i].time && a.events[i].kind == b.events[i].kind &&
           a.events[i].thread == b.events[i].thread;
    differs = differs || a.events[i].time != c.events[i].time || a.events[i].kind != c.events[i].kind;
  }
  EXPECT_TRUE(same);
  EXPECT_TRUE(differs);
}

TEST(SyntheticTrace, StatesTileEveryThreadAndAgreeWithTheCounters) {
  const Trace trace = locklab::make_synthetic_trace(200'000, 8, 7);
  const auto tl = locklab::thread_timelines(trace);
  expect_tiling(trace, tl);

  // One hold per acquire, some contended and some not.
  std::size_t acquires = 0, op_ends = 0;
  for (const Event& e : trace.events) {
    acquires += e.kind == EventKind::kLockAcquire;
    op_ends += e.kind == EventKind::kOpEnd;
  }
  EXPECT_EQ(tl.holds.size(), acquires);
  const auto contended = std::count_if(tl.holds.begin(), tl.holds.end(), [](const HoldInterval& h) { return h.contended; });
  EXPECT_GT(contended, 0);
  EXPECT_LT(static_cast<std::size_t>(contended), tl.holds.size());

  // Finished lock waits on the timeline add up to the exact wait counters
  // (waits cut off by the end of the run are not in the counters).
  std::uint64_t waited = 0;
  for (const StateInterval& s : tl.states) {
    if (s.activity == Activity::kWaitLock && s.end_ns < trace.duration_ns) waited += s.end_ns - s.begin_ns;
  }
  const auto prof = locklab::contention(trace);
  EXPECT_GT(prof.total_wait_ns, 0u);
  EXPECT_EQ(waited, prof.total_wait_ns);
  std::uint64_t blamed = 0;
  for (const ContentionRow& r : prof.by_holder) blamed += r.total_ns;
  EXPECT_EQ(blamed, prof.total_wait_ns);

  // Items, latency counts and the progress samples agree.
  const auto tp = locklab::throughput(trace);
  EXPECT_EQ(tp.total_items, op_ends);
  EXPECT_EQ(tp.bucket_ns, 10'000'000u);
  EXPECT_FALSE(tp.items_per_sec.empty());
  std::uint64_t latencies = 0;
  for (const auto& row : locklab::latency(trace)) latencies += row.count;
  EXPECT_EQ(latencies, op_ends);
}

TEST(SyntheticTrace, ContendedFlagsMatchABruteForceCheck) {
  const Trace trace = locklab::make_synthetic_trace(30'000, 5, 3);
  const auto tl = locklab::thread_timelines(trace);
  std::size_t contended = 0;
  for (const HoldInterval& h : tl.holds) {
    bool want = false;
    for (const StateInterval& s : tl.states) {
      want = want || (s.activity == Activity::kWaitLock && s.thread != h.thread && s.object == h.object &&
                      s.begin_ns < h.end_ns && s.end_ns > h.begin_ns);
    }
    ASSERT_EQ(h.contended, want) << "hold of thread " << h.thread << " at " << h.begin_ns;
    contended += want;
  }
  EXPECT_GT(contended, 0u);
}

}  // namespace
