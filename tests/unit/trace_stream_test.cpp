// The streamed .lltrace file (format version 2): TraceStreamWriter writes it
// while a run goes, TraceTail follows it, and load_trace reads it whole,
// finished or cut short. The tests check that a finished streamed file holds
// exactly the run's trace, that every complete chunk of an unfinished one is
// kept with a clear note, and that a follower sees the run grow.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/core/run_context.h"
#include "locklab/run/runner.h"
#include "locklab/trace/trace_file.h"
#include "locklab/trace/trace_stream.h"
#include "locklab/trace/trace_tail.h"
#include "locklab/sync/work.h"

#include "trace_bytes.h"

namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using locklab::Event;
using locklab::EventKind;
using locklab::Trace;

using locklab::testing::get_le;
using locklab::testing::make_chunk;
using locklab::testing::put_le;
using locklab::testing::test_crc32;

std::string event_bytes(std::uint64_t time, std::uint16_t thread, EventKind kind) {
  std::string out;
  put_le<std::uint64_t>(out, time);
  put_le<std::uint64_t>(out, 0);  // site
  put_le<std::uint64_t>(out, 0);  // arg
  put_le<std::uint32_t>(out, 0);  // object
  put_le<std::uint16_t>(out, thread);
  out.push_back(static_cast<char>(kind));
  out.push_back(0);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

// Offsets where each chunk begins (after the 12-byte header).
std::vector<std::size_t> chunk_starts(const std::string& file) {
  std::vector<std::size_t> out;
  std::size_t pos = 12;
  while (pos + 16 <= file.size()) {
    out.push_back(pos);
    std::uint64_t len = 0;
    for (int i = 0; i < 8; ++i) len |= static_cast<std::uint64_t>(static_cast<unsigned char>(file[pos + 4 + i])) << (8 * i);
    pos += 16 + len;
  }
  return out;
}

std::uint32_t chunk_type(const std::string& file, std::size_t at) {
  return static_cast<unsigned char>(file[at]);
}

class TraceStream : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("locklab-stream-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  // Two workers contend for one mutex, with an annotation and operations,
  // for `ms`; every thread may keep at most `budget` events.
  static locklab::RunConfig config(std::uint64_t ms, std::size_t budget) {
    locklab::RunConfig c;
    c.threads = 2;
    c.duration_ms = ms;
    c.watchdog_ms = 5000;
    c.events_per_thread = budget;
    return c;
  }
  static void workload(locklab::RunContext& ctx) {
    locklab::Mutex mu("Stream.mu");
    const auto op = ctx.op("Step");
    ctx.annotate("workers start");
    for (unsigned i = 0; i < ctx.threads(); ++i)
      ctx.go("worker-" + std::to_string(i), [&] {
        while (ctx.running()) {
          ctx.timed(op, [&] {
            locklab::MutexLock lock(mu);
            locklab::sleep_for(200us);
          });
          ctx.item_done();
        }
      });
    ctx.join_all();
  }
  // Runs the workload with a writer; returns the in-memory trace.
  Trace run_streamed(const std::string& file, std::uint64_t ms, std::size_t budget,
                     std::uint64_t* written = nullptr, std::uint64_t* updates = nullptr) {
    locklab::TraceStreamWriter writer(file, 5ms);
    EXPECT_EQ(writer.open(), "");
    locklab::RunConfig c = config(ms, budget);
    c.observer = &writer;
    Trace t = locklab::run_workload("stream-test", workload, c);
    EXPECT_EQ(writer.finish(t), "");
    if (written) *written = writer.events_written();
    if (updates) *updates = writer.updates_written();
    return t;
  }
  fs::path dir_;
};

// The same event, whatever number each file gave its site.
auto event_key(const Trace& t, const Event& e) {
  return std::make_tuple(e.time, e.thread, e.kind, e.mode, e.object, e.arg, t.site_text(static_cast<std::uint32_t>(e.site)));
}

TEST_F(TraceStream, AFinishedStreamHoldsExactlyTheRunsTrace) {
  std::uint64_t written = 0, updates = 0;
  const Trace mem = run_streamed(path("run.lltrace"), 150, std::size_t{1} << 16, &written, &updates);
  EXPECT_GE(updates, 3u) << "a 150 ms run with a 5 ms period writes several updates";

  const locklab::TraceReadResult r = locklab::load_trace(path("run.lltrace"));
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  const Trace& file = *r.trace;
  EXPECT_EQ(slurp(path("run.lltrace")).substr(8, 1), std::string(1, '\x02'));  // format version 2

  EXPECT_EQ(file.verdict.kind, mem.verdict.kind);
  EXPECT_EQ(file.info.bug, "stream-test");
  EXPECT_EQ(file.annotations, mem.annotations);
  EXPECT_EQ(file.op_names, mem.op_names);
  ASSERT_EQ(file.threads.size(), mem.threads.size());
  ASSERT_EQ(file.events.size(), mem.events.size());
  EXPECT_EQ(written, mem.events.size());
  for (std::size_t i = 0; i < mem.events.size(); ++i) {
    ASSERT_EQ(event_key(file, file.events[i]), event_key(mem, mem.events[i])) << "event " << i;
  }
  // Counters refer to sites by the file's numbering.
  ASSERT_EQ(file.waits.size(), mem.waits.size());
  for (std::size_t i = 0; i < mem.waits.size(); ++i) {
    EXPECT_EQ(file.site_text(file.waits[i].site), mem.site_text(mem.waits[i].site));
    EXPECT_EQ(file.waits[i].total_ns, mem.waits[i].total_ns);
  }
  EXPECT_FALSE(mem.waits.empty()) << "two workers on one mutex wait for it";
}

TEST_F(TraceStream, EmittedEqualsWrittenPlusDroppedWhenBuffersFill) {
  std::uint64_t written = 0;
  const Trace mem = run_streamed(path("small.lltrace"), 120, 64, &written);
  ASSERT_GT(mem.dropped_events(), 0u) << "64 events a thread cannot hold a 120 ms run";
  const locklab::TraceReadResult r = locklab::load_trace(path("small.lltrace"));
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  std::uint64_t kept = 0, dropped = 0;
  for (const auto& t : r.trace->threads) {
    kept += t.events;
    dropped += t.dropped;
  }
  EXPECT_EQ(written, kept);
  EXPECT_EQ(r.trace->events.size(), kept);
  EXPECT_EQ(dropped, mem.dropped_events());
  EXPECT_EQ(kept, mem.events.size());
}

TEST_F(TraceStream, EveryCutBeforeTheSummaryKeepsTheWholeChunksWithANote) {
  run_streamed(path("cut.lltrace"), 100, std::size_t{1} << 16);
  const std::string file = slurp(path("cut.lltrace"));
  const std::vector<std::size_t> starts = chunk_starts(file);
  ASSERT_GE(starts.size(), 4u);
  ASSERT_EQ(chunk_type(file, starts.front()), 4u);  // HEAD first
  std::size_t events = 0;
  for (std::size_t k = 1; k < starts.size(); ++k) {
    const std::size_t at = starts[k];
    if (chunk_type(file, starts[k - 1]) == 2) events += (at - starts[k - 1] - 16) / 32;
    if (chunk_type(file, at) == 1) break;  // META: the run's end
    // The writer killed just before chunk k, or halfway through it.
    for (const std::size_t cut : {at, at + 9, at + 20}) {
      if (cut >= file.size()) continue;
      const locklab::TraceReadResult r = locklab::parse_trace(file.substr(0, cut));
      ASSERT_TRUE(r.trace) << r.error << " (cut at " << cut << ")";
      EXPECT_EQ(r.trace->events.size(), events) << "cut at " << cut;
      EXPECT_EQ(r.warning, "trace ends early: the run did not finish (" + std::to_string(events) + " events so far)");
      EXPECT_EQ(r.trace->verdict.kind, locklab::VerdictKind::kUnfinished);
      EXPECT_TRUE(events == 0 || !r.trace->threads.empty()) << "names come before the events";
    }
  }
  EXPECT_GT(events, 0u);
}

TEST_F(TraceStream, ADamagedChunkMidStreamKeepsWhatCameBefore) {
  run_streamed(path("bad.lltrace"), 100, std::size_t{1} << 16);
  std::string file = slurp(path("bad.lltrace"));
  const std::vector<std::size_t> starts = chunk_starts(file);
  std::size_t target = 0, before = 0;
  for (std::size_t k = 1; k < starts.size() && !target; ++k) {
    if (chunk_type(file, starts[k]) == 2 && before > 0) target = starts[k];
    else if (chunk_type(file, starts[k]) == 2) before += (starts[k + 1] - starts[k] - 16) / 32;
  }
  ASSERT_NE(target, 0u) << "needs two EVENTS chunks";
  file[target + 16] = static_cast<char>(file[target + 16] ^ 0x55);  // a payload byte
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_EQ(r.trace->events.size(), before);
  EXPECT_NE(r.warning.find("trace ends early: the run did not finish (" + std::to_string(before) + " events so far)"),
            std::string::npos) << r.warning;
  EXPECT_NE(r.warning.find("corrupt EVENTS chunk (crc mismatch)"), std::string::npos) << r.warning;
}

TEST_F(TraceStream, OverlappingChunksAreMergedIntoTimeOrder) {
  // A thread may publish an event stamped before the writer's previous look:
  // the next chunk then starts earlier than the last one ended.
  std::string file = "LLTRACE1";
  put_le<std::uint32_t>(file, 2);
  file += make_chunk(4, R"({"bug":"hand","variant":"buggy"})");
  file += make_chunk(5, R"({"t_ns":50,"threads":[{"id":0,"name":"a"},{"id":1,"name":"b"}],"progress":[{"t_ns":50,"items":[3,4],"gauges":[]}]})");
  file += make_chunk(2, event_bytes(10, 0, EventKind::kThreadStart) + event_bytes(30, 1, EventKind::kThreadStart));
  file += make_chunk(5, R"({"t_ns":90})");
  file += make_chunk(2, event_bytes(20, 0, EventKind::kLockWait) + event_bytes(40, 0, EventKind::kThreadEnd) +
                            event_bytes(45, 1, EventKind::kLockWait));
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  const Trace& t = *r.trace;
  ASSERT_EQ(t.events.size(), 5u);
  std::vector<std::uint64_t> times;
  for (const Event& e : t.events) times.push_back(e.time);
  EXPECT_EQ(times, (std::vector<std::uint64_t>{10, 20, 30, 40, 45}));
  EXPECT_EQ(t.info.bug, "hand");
  EXPECT_EQ(t.info.variant, "buggy");
  EXPECT_EQ(t.duration_ns, 90u);  // the last update's time
  ASSERT_EQ(t.threads.size(), 2u);
  EXPECT_EQ(t.threads[0].start_ns, 10u);
  EXPECT_EQ(t.threads[0].end_ns, 40u);  // it ended
  EXPECT_EQ(t.threads[0].events, 3u);
  EXPECT_EQ(t.threads[0].items, 3u);
  EXPECT_EQ(t.threads[1].start_ns, 30u);
  EXPECT_EQ(t.threads[1].end_ns, 90u);  // still going when the file ends
  EXPECT_EQ(r.warning, "trace ends early: the run did not finish (5 events so far)");
}

TEST_F(TraceStream, ABadUpdateStopsReadingWithAWarningNotACrash) {
  std::string file = "LLTRACE1";
  put_le<std::uint32_t>(file, 2);
  file += make_chunk(4, R"({"bug":"hand"})");
  file += make_chunk(5, R"({"t_ns":5,"threads":[{"id":0,"name":"a"}]})");
  file += make_chunk(2, event_bytes(1, 0, EventKind::kThreadStart));
  file += make_chunk(5, R"({"t_ns":"soon"})");
  file += make_chunk(2, event_bytes(2, 0, EventKind::kThreadEnd));
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_EQ(r.trace->events.size(), 1u);
  EXPECT_NE(r.warning.find("bad UPDATE chunk"), std::string::npos) << r.warning;
  EXPECT_NE(r.warning.find("t_ns should be"), std::string::npos) << r.warning;

  std::string no_head = "LLTRACE1";
  put_le<std::uint32_t>(no_head, 2);
  no_head += make_chunk(4, "[1,2]");
  EXPECT_FALSE(locklab::parse_trace(no_head).trace);
  EXPECT_NE(locklab::parse_trace(no_head).error.find("bad HEAD chunk"), std::string::npos);
}

TEST_F(TraceStream, ATailFollowsAGrowingFileChunkByChunk) {
  run_streamed(path("whole.lltrace"), 100, std::size_t{1} << 16);
  const std::string whole = slurp(path("whole.lltrace"));
  const std::string grow = path("grow.lltrace");
  locklab::TraceTail tail(grow);
  EXPECT_FALSE(tail.poll());  // no file yet: wait, no error
  EXPECT_EQ(tail.error(), "");
  std::ofstream out(grow, std::ios::binary);
  // Append the file in uneven pieces, as a writer would, polling between.
  std::uint64_t last_events = 0;
  for (std::size_t at = 0, step = 5; at < whole.size(); at += step, step = step * 3 + 1) {
    out.write(whole.data() + at, static_cast<std::streamsize>(std::min(step, whole.size() - at)));
    out.flush();
    tail.poll();
    EXPECT_EQ(tail.error(), "");
    EXPECT_GE(tail.events(), last_events);  // it only grows
    last_events = tail.events();
    if (tail.events() > 0 && !tail.done()) {
      const locklab::TraceReadResult live = tail.snapshot(false);
      ASSERT_TRUE(live.trace) << live.error;
      EXPECT_NE(live.warning.find("still going"), std::string::npos) << live.warning;
    }
  }
  tail.poll();
  EXPECT_TRUE(tail.done());
  const locklab::TraceReadResult r = tail.snapshot(true);
  const locklab::TraceReadResult ref = locklab::parse_trace(whole);
  ASSERT_TRUE(r.trace && ref.trace);
  EXPECT_TRUE(r.complete()) << r.warning;
  EXPECT_EQ(r.trace->events, ref.trace->events);
  EXPECT_EQ(tail.bytes_read(), whole.size());
}

TEST_F(TraceStream, ATailSeesARunGrowWhileItGoes) {
  const std::string file = path("live.lltrace");
  std::thread runner([&] { run_streamed(file, 600, std::size_t{1} << 16); });
  locklab::TraceTail tail(file);
  std::uint64_t seen_live = 0;
  const auto give_up = std::chrono::steady_clock::now() + 20s;
  while (!tail.done() && std::chrono::steady_clock::now() < give_up) {
    tail.poll();
    if (!tail.done() && tail.events() > 0 && seen_live == 0) {
      const locklab::TraceReadResult live = tail.snapshot(false);
      ASSERT_TRUE(live.trace) << live.error;
      EXPECT_EQ(live.trace->verdict.kind, locklab::VerdictKind::kUnfinished);
      seen_live = live.trace->events.size();
    }
    std::this_thread::sleep_for(10ms);
  }
  runner.join();
  EXPECT_TRUE(tail.done());
  EXPECT_GT(seen_live, 0u) << "events appear while the run goes";
  const locklab::TraceReadResult end = tail.snapshot(true);
  ASSERT_TRUE(end.trace);
  EXPECT_TRUE(end.complete()) << end.warning;
  EXPECT_GT(end.trace->events.size(), seen_live);
}

}  // namespace
