// The Chrome exporter's truth rules on a hand-made deadlock trace, where
// every event is known: the teardown after the verdict is cut, what never
// ended is shown up to the verdict, the verdict is a global instant in its
// words, a wake arrow comes only from the release that really let a waiter
// in (never from a teardown release, never past a thread's dropped events),
// and the window and thread filter leave out what they should.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "chrome_export_support.h"
#include "options.h"

namespace {

using locklab::Event;
using locklab::EventKind;
using locklab::LockMode;
using locklab::Trace;
using locklab::testing::export_json;
using locklab::testing::ns;
using locklab::testing::slices_by_thread;
using nlohmann::json;

constexpr std::uint64_t kVerdictNs = 1000;

Event ev(std::uint64_t time, std::uint16_t thread, EventKind kind, std::uint32_t object = 0, std::uint64_t arg = 0,
         std::uint64_t site = 0) {
  Event e;
  e.time = time;
  e.thread = thread;
  e.kind = kind;
  e.object = object;
  e.arg = arg;
  e.site = site;
  if (object) e.mode = LockMode::kExclusive;
  return e;
}

// T1 and T2 share lock L (object 1). T2 waits for L while T1 holds it, and
// T1's release lets it in (the one true wake). Then T2 holds L and blocks
// on a wait; T1 waits for L: a deadlock, judged at 1000 ns. After it the
// runner's teardown: T2's wait is cancelled, it releases L, and T1 takes L
// (a release and an acquire that only the teardown caused).
Trace deadlock_trace() {
  Trace t;
  t.info.bug = "hand-made";
  t.info.variant = "buggy";
  t.objects = {{1, locklab::ObjectKind::kMutex, "L"}};
  t.sites = {locklab::SiteInfo{}, locklab::SiteInfo{"a.cpp", 10, "f"}};
  t.op_names = {"Op"};
  for (std::uint16_t id : {1, 2}) {
    locklab::TraceThread th;
    th.id = id;
    th.name = id == 1 ? "a" : "b";
    th.start_ns = 50;
    th.end_ns = 1200;
    t.threads.push_back(th);
  }
  t.events = {
      ev(100, 1, EventKind::kOpBegin),
      ev(110, 1, EventKind::kLockAcquire, 1, 0, 1),
      ev(120, 2, EventKind::kOpBegin),
      ev(130, 2, EventKind::kLockWait, 1, 0, 1),
      ev(200, 1, EventKind::kLockRelease, 1, 0, 1),
      ev(205, 1, EventKind::kOpEnd),
      ev(210, 2, EventKind::kLockAcquire, 1, 80, 1),
      ev(220, 2, EventKind::kLockRelease, 1, 0, 1),
      ev(230, 2, EventKind::kOpEnd),
      ev(300, 2, EventKind::kOpBegin),
      ev(400, 2, EventKind::kLockAcquire, 1, 0, 1),
      ev(500, 1, EventKind::kOpBegin),
      ev(510, 1, EventKind::kLockWait, 1, 0, 1),
      ev(600, 2, EventKind::kWaitBegin, 0, 5, 1),
      // teardown
      ev(1100, 2, EventKind::kWaitEnd),
      ev(1100, 2, EventKind::kCancelled, 0, 5),
      ev(1150, 2, EventKind::kLockRelease, 1, 0, 1),
      ev(1160, 1, EventKind::kLockAcquire, 1, 90, 1),
      ev(1170, 1, EventKind::kLockRelease, 1, 0, 1),
      ev(1200, 1, EventKind::kThreadEnd),
      ev(1200, 2, EventKind::kThreadEnd),
  };
  for (locklab::TraceThread& th : t.threads)
    for (const Event& e : t.events) th.events += e.thread == th.id ? 1 : 0;
  t.verdict.kind = locklab::VerdictKind::kDeadlock;
  t.verdict.summary = "deadlock: T1 and T2 wait for each other";
  t.verdict.detail = "T1 (a) waits to lock L, held by T2 (b)\n";
  t.verdict.at_ns = kVerdictNs;
  t.duration_ns = 1300;
  return t;
}

// Track names by tid (thread_name metadata): "T2 b", "T2 b holds L at a.cpp:10 (f)".
std::map<int, std::string> track_names(const json& doc) {
  std::map<int, std::string> out;
  for (const json& e : doc["traceEvents"])
    if (e["ph"] == "M" && e["name"] == "thread_name") out[e["tid"].get<int>()] = e["args"]["name"];
  return out;
}

std::vector<json> events_of(const json& doc, const std::string& ph) {
  std::vector<json> out;
  for (const json& e : doc["traceEvents"])
    if (e["ph"] == ph) out.push_back(e);
  return out;
}

TEST(ChromeTraceRules, NothingAfterTheVerdictIsExported) {
  const json doc = export_json(deadlock_trace());
  for (const json& e : doc["traceEvents"]) {
    if (!e.contains("ts")) continue;
    const std::uint64_t end = ns(e["ts"]) + (e.contains("dur") ? ns(e["dur"]) : 0);
    EXPECT_LE(end, kVerdictNs) << e.dump();
  }
  EXPECT_EQ(doc["metadata"]["teardown_events_cut"], 7);
}

TEST(ChromeTraceRules, WhatNeverEndedIsShownUpToTheVerdict) {
  const json doc = export_json(deadlock_trace());
  const std::map<int, std::string> tracks = track_names(doc);
  std::set<std::tuple<std::string, std::string, std::uint64_t>> unfinished;  // track, name, begin
  for (const auto& [tid, list] : slices_by_thread(doc))
    for (const auto& s : list)
      if (s.args.value("never_ended", false)) {
        EXPECT_EQ(s.end, kVerdictNs) << s.name;
        unfinished.insert({tracks.at(tid), s.name, s.begin});
      }
  // T2's hold of L, taken at 400 and never released, on the track of T2's holds of L.
  const std::set<std::tuple<std::string, std::string, std::uint64_t>> expected = {
      {"T1 a", "Op", 500},
      {"T1 a", "wait to lock L", 510},
      {"T2 b", "Op", 300},
      {"T2 b", "blocked on a wait", 600},
      {"T2 b holds L at a.cpp:10 (f)", "hold L", 400}};
  EXPECT_EQ(unfinished, expected);
  for (const auto& [tid, list] : slices_by_thread(doc)) {
    if (tid < locklab::cli::ChromeTraceWalk::kHoldTrackBase) continue;
    for (const auto& s : list) {
      EXPECT_EQ(s.name, "hold L");
      EXPECT_EQ(s.cat, "lock");
    }
  }
  EXPECT_EQ(doc["metadata"]["never_ended"], 5);
  // Operations that ended are not marked.
  const auto slices = slices_by_thread(doc);
  for (const auto& s : slices.at(1))
    if (s.begin == 100) {
      EXPECT_FALSE(s.args.contains("never_ended"));
    }
}

TEST(ChromeTraceRules, TheVerdictIsAGlobalInstantInItsWords) {
  const json doc = export_json(deadlock_trace());
  const std::vector<json> instants = events_of(doc, "I");
  ASSERT_EQ(instants.size(), 1u);
  const json& v = instants.front();
  EXPECT_EQ(v["s"], "g");
  EXPECT_EQ(v["cat"], "verdict");
  EXPECT_EQ(ns(v["ts"]), kVerdictNs);
  EXPECT_EQ(v["name"], "deadlock: T1 and T2 wait for each other");
  EXPECT_EQ(v["args"]["kind"], "deadlock");
  EXPECT_EQ(v["args"]["detail"], "T1 (a) waits to lock L, held by T2 (b)\n");
  EXPECT_EQ(doc["metadata"]["verdict_at_us"], 1.0);
}

TEST(ChromeTraceRules, OneWakeArrowFromTheReleaseThatLetTheWaiterIn) {
  const json doc = export_json(deadlock_trace());
  const std::vector<json> starts = events_of(doc, "s"), ends = events_of(doc, "f");
  // Not from the teardown's release at 1150 to the acquire at 1160.
  ASSERT_EQ(starts.size(), 1u);
  ASSERT_EQ(ends.size(), 1u);
  EXPECT_EQ(starts[0]["tid"], 1);
  EXPECT_EQ(ns(starts[0]["ts"]), 200u);
  EXPECT_EQ(ends[0]["tid"], 2);
  EXPECT_EQ(ns(ends[0]["ts"]), 210u);
  EXPECT_EQ(ends[0]["bp"], "e");
  EXPECT_EQ(starts[0]["id"], ends[0]["id"]);
  locklab::testing::expect_flows_bind(doc);
  locklab::testing::expect_slices_nest(doc);
  // The marker slices the arrow binds to say what happened.
  bool release = false, acquired = false;
  for (const auto& [tid, list] : slices_by_thread(doc))
    for (const auto& s : list) {
      if (s.name == "release L") {
        release = true;
        EXPECT_EQ(s.args["waiters"], 1);
      }
      if (s.name == "acquired L") {
        acquired = true;
        EXPECT_EQ(s.args["woken_by"], "T1 a");
        EXPECT_EQ(s.args["waited_us"], 0.08);
      }
    }
  EXPECT_TRUE(release && acquired);
}

TEST(ChromeTraceRules, NoWakeArrowOnceAThreadDroppedEvents) {
  Trace t = deadlock_trace();
  locklab::TraceThread c;
  c.id = 3;
  c.name = "c";
  c.start_ns = 60;
  c.end_ns = 1200;
  c.events = 1;
  c.dropped = 5;
  c.covered_until_ns = 150;  // T3 might have released L at 200, unrecorded
  t.threads.push_back(c);
  t.events.insert(t.events.begin() + 2, ev(140, 3, EventKind::kOpBegin));
  const json doc = export_json(t);
  EXPECT_TRUE(events_of(doc, "s").empty());
  EXPECT_TRUE(events_of(doc, "f").empty());
  // T3: its operation up to its last recorded moment, then unknown.
  const auto t3 = slices_by_thread(doc)[3];
  ASSERT_EQ(t3.size(), 2u);
  for (const auto& s : t3) {
    if (s.name == "Op") {
      EXPECT_EQ(s.begin, 140u);
      EXPECT_EQ(s.end, 150u);
      EXPECT_TRUE(s.args.value("events_dropped_after", false));
      EXPECT_FALSE(s.args.contains("never_ended"));
    } else {
      EXPECT_EQ(s.name, "unknown (events dropped)");
      EXPECT_EQ(s.begin, 150u);
      EXPECT_EQ(s.end, kVerdictNs);
      EXPECT_EQ(s.args["dropped_events"], 5);
    }
  }
}

TEST(ChromeTraceRules, AWindowClipsToItsSpan) {
  locklab::cli::ExportRequest r;
  r.from_ns = 150;
  r.to_ns = 250;
  const json doc = export_json(deadlock_trace(), r);
  for (const json& e : doc["traceEvents"]) {
    if (!e.contains("ts")) continue;
    EXPECT_GE(ns(e["ts"]), 150u) << e.dump();
    EXPECT_LE(ns(e["ts"]) + (e.contains("dur") ? ns(e["dur"]) : 0), 250u) << e.dump();
  }
  EXPECT_TRUE(events_of(doc, "I").empty()) << "the verdict at 1000 ns is outside the window";
  EXPECT_EQ(events_of(doc, "s").size(), 1u) << "the wake at 200-210 ns is inside";
  bool clipped_wait = false;
  const auto slices = slices_by_thread(doc);
  for (const auto& s : slices.at(2))
    if (s.name == "wait to lock L") {
      clipped_wait = true;
      EXPECT_EQ(s.begin, 150u);
      EXPECT_EQ(s.end, 210u);
      EXPECT_TRUE(s.args.value("clipped_by_window", false));
    }
  EXPECT_TRUE(clipped_wait);
  EXPECT_EQ(doc["metadata"]["window"]["from_us"], 0.15);
}

TEST(ChromeTraceRules, AThreadFilterLeavesTheOthersAndTheirArrowsOut) {
  locklab::cli::ExportRequest r;
  r.threads = {"b"};
  const json doc = export_json(deadlock_trace(), r);
  const std::map<int, std::string> tracks = track_names(doc);
  for (const auto& [tid, name] : tracks) EXPECT_EQ(name.rfind("T2 b", 0), 0u) << name;
  for (const json& e : doc["traceEvents"]) {
    if (e.contains("tid")) {
      EXPECT_TRUE(tracks.count(e["tid"].get<int>())) << e.dump();
    }
  }
  EXPECT_TRUE(events_of(doc, "s").empty());
  EXPECT_EQ(doc["metadata"]["threads"], json::array({"T2 b"}));
  EXPECT_EQ(events_of(doc, "I").size(), 1u);
  // T2 by label or id is the same thread.
  r.threads = {"T2", "2"};
  EXPECT_EQ(export_json(deadlock_trace(), r)["metadata"]["threads"], json::array({"T2 b"}));
}

TEST(ChromeTraceRules, BadRequestsAreUsageErrors) {
  const Trace t = deadlock_trace();
  locklab::cli::ExportRequest r;
  r.threads = {"zed"};
  try {
    locklab::cli::make_export_scope(t, r);
    ADD_FAILURE() << "no error for an unknown thread";
  } catch (const locklab::cli::UsageError& e) {
    EXPECT_EQ(std::string(e.what()), "--thread: the trace has no thread 'zed' (threads: T1 a, T2 b)");
  }
  r = {};
  r.from_ns = 500;
  r.to_ns = 500;
  EXPECT_THROW(locklab::cli::make_export_scope(t, r), locklab::cli::UsageError);
  r = {};
  r.from_ns = 5000000;
  EXPECT_THROW(locklab::cli::make_export_scope(t, r), locklab::cli::UsageError);
}

TEST(ChromeTraceRules, ACompletedRunIsNotCut) {
  Trace t = deadlock_trace();
  t.verdict = {};
  t.verdict.kind = locklab::VerdictKind::kCompleted;
  t.verdict.summary = "completed";
  const json doc = export_json(t);
  EXPECT_EQ(doc["metadata"]["teardown_events_cut"], 0);
  // Its events after 1000 ns are the program's own: T1's acquire at 1160
  // after a wait, woken by T2's release at 1150.
  EXPECT_EQ(events_of(doc, "s").size(), 2u);
  const std::vector<json> instants = events_of(doc, "I");
  ASSERT_EQ(instants.size(), 1u);
  EXPECT_EQ(instants[0]["name"], "completed");
  EXPECT_EQ(ns(instants[0]["ts"]), 1300u);
}

}  // namespace
