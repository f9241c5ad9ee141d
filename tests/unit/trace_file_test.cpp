// The .lltrace file: round trips, and reading damaged or foreign files
// without crashing (errors when nothing is usable, warnings when part is).
#include "locklab/trace/trace_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "locklab/trace/trace.h"

#include "trace_bytes.h"

namespace {

using locklab::Event;
using locklab::EventKind;
using locklab::LockMode;
using locklab::Trace;
using nlohmann::json;

constexpr std::size_t kHeaderBytes = 12;       // "LLTRACE1" + u32 version
constexpr std::size_t kChunkHeaderBytes = 16;  // u32 type, u64 length, u32 crc

using locklab::testing::get_le;
using locklab::testing::make_chunk;
using locklab::testing::put_le;
using locklab::testing::test_crc32;

struct ChunkRef {
  std::uint32_t type = 0;
  std::uint64_t length = 0;
  std::uint32_t crc = 0;
  std::size_t start = 0;    // offset of the chunk header
  std::size_t payload = 0;  // offset of the payload
  std::size_t end() const { return payload + length; }
};

// Walks the chunks of a well-formed file.
std::vector<ChunkRef> chunks_of(const std::string& file) {
  std::vector<ChunkRef> out;
  std::size_t pos = kHeaderBytes;
  while (pos + kChunkHeaderBytes <= file.size()) {
    ChunkRef c;
    c.start = pos;
    c.type = get_le<std::uint32_t>(file, pos);
    c.length = get_le<std::uint64_t>(file, pos + 4);
    c.crc = get_le<std::uint32_t>(file, pos + 12);
    c.payload = pos + kChunkHeaderBytes;
    out.push_back(c);
    pos = c.end();
  }
  return out;
}

Event make_event(std::uint64_t time, std::uint16_t thread, EventKind kind, std::uint32_t object,
                 LockMode mode, std::uint64_t site, std::uint64_t arg) {
  Event e;
  e.time = time;
  e.thread = thread;
  e.kind = kind;
  e.object = object;
  e.mode = mode;
  e.site = site;
  e.arg = arg;
  return e;
}

// A trace with every field set to something other than its default.
Trace full_trace() {
  Trace t;
  t.info.bug = "rwmutex-recursive-rlock";
  t.info.variant = "buggy";
  t.info.params = {{"readers", "4"}, {"duration", "2s"}, {"note", "caf\xc3\xa9 \"quoted\""}};
  t.info.threads = 5;
  t.info.duration_ms = 2000;
  t.info.seed = 0xDEADBEEFCAFEF00Dull;
  t.info.recording = false;
  t.info.started_at = "2024-05-01T12:34:56Z";
  t.info.machine = "box, 2 cores, Some CPU @ 3.0GHz";
  t.info.ns_per_tick = 0.3125;

  t.verdict.kind = locklab::VerdictKind::kDeadlock;
  t.verdict.summary = "deadlock: reader waits for a pending writer";
  t.verdict.detail = "line one\nline two";
  t.verdict.at_ns = 1999999999;
  locklab::ThreadSnapshot s;
  s.id = 2;
  s.name = "reader-1";
  s.state = locklab::ThreadState::kWaiting;
  s.waiting = true;
  s.wait_kind = locklab::WaitKind::kLock;
  s.wait_mode = LockMode::kShared;
  s.wait_object = 1;
  s.wait_object_name = "Store.mu";
  s.wait_site = "store.cpp:40 (Get)";
  s.waiting_for_ns = 12345678;
  s.wait_function = "Get";
  s.wait_where = "store.cpp:40";
  s.wait_object_kind = locklab::ObjectKind::kRWMutex;
  s.held.push_back({1, "Store.mu", LockMode::kShared, "store.cpp:30 (Sum)", "Sum", "store.cpp:30"});
  s.held.push_back({3, "Other.mu", LockMode::kExclusive, "other.cpp:7 (f)", "f", "other.cpp:7"});
  s.progress = 42;
  s.member_of = 2;
  t.verdict.threads.push_back(s);
  locklab::ThreadSnapshot w;
  w.id = 3;
  w.name = "writer";
  w.state = locklab::ThreadState::kIo;
  w.wait_kind = locklab::WaitKind::kSelfDeadlock;
  w.progress = 7;
  t.verdict.threads.push_back(w);

  t.duration_ns = 2000000123;
  for (std::uint16_t i = 0; i < 3; ++i) {
    locklab::TraceThread th;
    th.id = i;
    th.name = i == 0 ? "main" : "worker-" + std::to_string(i);
    th.lab_thread = i != 0;
    th.start_ns = 10 + i;
    th.end_ns = 2000000000 + i;
    th.events = 100 + i;
    th.dropped = i * 5;
    th.covered_until_ns = 1500000000 + i;
    th.items = 1000 * (i + 1);
    t.threads.push_back(th);
  }
  t.objects = {{1, locklab::ObjectKind::kRWMutex, "Store.mu"},
               {2, locklab::ObjectKind::kChan, "jobs"},
               {3, locklab::ObjectKind::kMutex, "Other.mu"}};
  t.sites = {{}, {"/src/bugs/store.cpp", 40, "Get"}, {"store.cpp", 30, "Sum"}};
  t.op_names = {"get", "reload"};
  t.annotations = {"Reload begins", "Reload ends"};

  t.waits.push_back({1, 1, 1, LockMode::kShared, 10, 5000, 900});
  t.waits.push_back({2, 2, 3, LockMode::kExclusive, 1, 7, 7, locklab::WaitClass::kIdle});
  t.blame.push_back({3, 2, 1, LockMode::kExclusive, 4, 123456789012ull, 99999});

  locklab::LatencyRecord l;
  l.thread = 1;
  l.op = 1;
  for (std::uint64_t v : {0ull, 1ull, 31ull, 32ull, 1000ull, 1000ull, 123456789ull, ~0ull}) {
    l.histogram.add(v);
  }
  t.latencies.push_back(l);
  locklab::LatencyRecord empty_latency;
  empty_latency.thread = 2;
  t.latencies.push_back(empty_latency);

  t.gauge_names = {"live timers"};
  t.progress.push_back({1000000, {0, 10, 20}, {3}});
  t.progress.push_back({2000000, {0, 25, 41}, {-1}});
  t.lock_order.push_back({1, 3, LockMode::kShared, LockMode::kExclusive, 2, 1, {1, 2}});
  t.lockset.push_back({3, {1, 2, true, {1}}, {2, 1, false, {}}});
  t.dumps.push_back({1500000, "on request (SIGQUIT)", {s}});

  t.events = {
      make_event(0, 1, EventKind::kThreadStart, 0, LockMode::kNone, 0, 0),
      make_event(5, 1, EventKind::kLockWait, 1, LockMode::kShared, 1, 0),
      make_event(9, 1, EventKind::kLockAcquire, 1, LockMode::kShared, 1, 4),
      make_event(12, 2, EventKind::kChanSent, 2, LockMode::kNone, 2, 3),
      make_event(20, 2, EventKind::kOpEnd, 0xFFFFFFFFu, LockMode::kNone, 2, 1),
      make_event(30, 1, EventKind::kAnnotation, 0, LockMode::kNone, 0, 1),
      // Extreme values exercise every byte of the encoding.
      make_event(~0ull, 0xFFFF, EventKind::kMisuse, 0xFFFFFFFFu, LockMode::kExclusive, ~0ull,
                 0x0102030405060708ull),
      make_event(40, 1, EventKind::kThreadEnd, 0, LockMode::kNone, 0, 0),
  };
  return t;
}

std::vector<Event> many_events(std::size_t n) {
  std::vector<Event> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    out.push_back(make_event(i * 3, static_cast<std::uint16_t>(i % 7),
                             i % 2 ? EventKind::kLockAcquire : EventKind::kLockRelease,
                             static_cast<std::uint32_t>(i % 11), LockMode::kExclusive, i % 5, i));
  }
  return out;
}

void expect_same_events(const std::vector<Event>& a, const std::vector<Event>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    SCOPED_TRACE("event " + std::to_string(i));
    EXPECT_EQ(a[i].time, b[i].time);
    EXPECT_EQ(a[i].site, b[i].site);
    EXPECT_EQ(a[i].arg, b[i].arg);
    EXPECT_EQ(a[i].object, b[i].object);
    EXPECT_EQ(a[i].thread, b[i].thread);
    EXPECT_EQ(a[i].kind, b[i].kind);
    EXPECT_EQ(a[i].mode, b[i].mode);
    if (::testing::Test::HasFailure()) return;  // one bad event is enough to show
  }
}

void expect_same_rows(const std::vector<locklab::CounterRow>& a,
                      const std::vector<locklab::CounterRow>& b) {
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].thread, b[i].thread);
    EXPECT_EQ(a[i].site, b[i].site);
    EXPECT_EQ(a[i].object, b[i].object);
    EXPECT_EQ(a[i].mode, b[i].mode);
    EXPECT_EQ(a[i].count, b[i].count);
    EXPECT_EQ(a[i].total_ns, b[i].total_ns);
    EXPECT_EQ(a[i].max_ns, b[i].max_ns);
    EXPECT_EQ(a[i].wait_class, b[i].wait_class);
  }
}

void expect_same_histogram(const locklab::Histogram& a, const locklab::Histogram& b) {
  EXPECT_EQ(a.count(), b.count());
  EXPECT_EQ(a.sum(), b.sum());
  EXPECT_EQ(a.min(), b.min());
  EXPECT_EQ(a.max(), b.max());
  EXPECT_EQ(a.counts(), b.counts());
}

void expect_same_trace(const Trace& a, const Trace& b) {
  EXPECT_EQ(a.info.bug, b.info.bug);
  EXPECT_EQ(a.info.variant, b.info.variant);
  EXPECT_EQ(a.info.params, b.info.params);
  EXPECT_EQ(a.info.threads, b.info.threads);
  EXPECT_EQ(a.info.duration_ms, b.info.duration_ms);
  EXPECT_EQ(a.info.seed, b.info.seed);
  EXPECT_EQ(a.info.recording, b.info.recording);
  EXPECT_EQ(a.info.started_at, b.info.started_at);
  EXPECT_EQ(a.info.machine, b.info.machine);
  EXPECT_EQ(a.info.ns_per_tick, b.info.ns_per_tick);

  EXPECT_EQ(a.verdict.kind, b.verdict.kind);
  EXPECT_EQ(a.verdict.summary, b.verdict.summary);
  EXPECT_EQ(a.verdict.detail, b.verdict.detail);
  EXPECT_EQ(a.verdict.at_ns, b.verdict.at_ns);
  EXPECT_EQ(a.verdict.threads.size(), b.verdict.threads.size());
  for (std::size_t i = 0; i < std::min(a.verdict.threads.size(), b.verdict.threads.size()); ++i) {
    const auto& x = a.verdict.threads[i];
    const auto& y = b.verdict.threads[i];
    EXPECT_EQ(x.id, y.id);
    EXPECT_EQ(x.name, y.name);
    EXPECT_EQ(x.state, y.state);
    EXPECT_EQ(x.waiting, y.waiting);
    EXPECT_EQ(x.wait_kind, y.wait_kind);
    EXPECT_EQ(x.wait_mode, y.wait_mode);
    EXPECT_EQ(x.wait_object, y.wait_object);
    EXPECT_EQ(x.wait_object_name, y.wait_object_name);
    EXPECT_EQ(x.wait_site, y.wait_site);
    EXPECT_EQ(x.wait_function, y.wait_function);
    EXPECT_EQ(x.wait_where, y.wait_where);
    EXPECT_EQ(x.wait_object_kind, y.wait_object_kind);
    EXPECT_EQ(x.member_of, y.member_of);
    EXPECT_EQ(x.waiting_for_ns, y.waiting_for_ns);
    EXPECT_EQ(x.progress, y.progress);
    ASSERT_EQ(x.held.size(), y.held.size());
    for (std::size_t h = 0; h < x.held.size(); ++h) {
      EXPECT_EQ(x.held[h].object, y.held[h].object);
      EXPECT_EQ(x.held[h].object_name, y.held[h].object_name);
      EXPECT_EQ(x.held[h].mode, y.held[h].mode);
      EXPECT_EQ(x.held[h].site, y.held[h].site);
      EXPECT_EQ(x.held[h].function, y.held[h].function);
      EXPECT_EQ(x.held[h].where, y.held[h].where);
    }
  }

  EXPECT_EQ(a.duration_ns, b.duration_ns);
  ASSERT_EQ(a.threads.size(), b.threads.size());
  for (std::size_t i = 0; i < a.threads.size(); ++i) {
    EXPECT_EQ(a.threads[i].id, b.threads[i].id);
    EXPECT_EQ(a.threads[i].name, b.threads[i].name);
    EXPECT_EQ(a.threads[i].lab_thread, b.threads[i].lab_thread);
    EXPECT_EQ(a.threads[i].start_ns, b.threads[i].start_ns);
    EXPECT_EQ(a.threads[i].end_ns, b.threads[i].end_ns);
    EXPECT_EQ(a.threads[i].events, b.threads[i].events);
    EXPECT_EQ(a.threads[i].dropped, b.threads[i].dropped);
    EXPECT_EQ(a.threads[i].covered_until_ns, b.threads[i].covered_until_ns);
    EXPECT_EQ(a.threads[i].items, b.threads[i].items);
  }
  ASSERT_EQ(a.objects.size(), b.objects.size());
  for (std::size_t i = 0; i < a.objects.size(); ++i) {
    EXPECT_EQ(a.objects[i].id, b.objects[i].id);
    EXPECT_EQ(a.objects[i].kind, b.objects[i].kind);
    EXPECT_EQ(a.objects[i].name, b.objects[i].name);
  }
  EXPECT_EQ(a.sites, b.sites);
  EXPECT_EQ(a.op_names, b.op_names);
  EXPECT_EQ(a.annotations, b.annotations);
  expect_same_rows(a.waits, b.waits);
  expect_same_rows(a.blame, b.blame);
  ASSERT_EQ(a.latencies.size(), b.latencies.size());
  for (std::size_t i = 0; i < a.latencies.size(); ++i) {
    EXPECT_EQ(a.latencies[i].thread, b.latencies[i].thread);
    EXPECT_EQ(a.latencies[i].op, b.latencies[i].op);
    expect_same_histogram(a.latencies[i].histogram, b.latencies[i].histogram);
  }
  EXPECT_EQ(a.gauge_names, b.gauge_names);
  ASSERT_EQ(a.progress.size(), b.progress.size());
  for (std::size_t i = 0; i < a.progress.size(); ++i) {
    EXPECT_EQ(a.progress[i].t_ns, b.progress[i].t_ns);
    EXPECT_EQ(a.progress[i].items, b.progress[i].items);
    EXPECT_EQ(a.progress[i].gauges, b.progress[i].gauges);
  }
  ASSERT_EQ(a.lock_order.size(), b.lock_order.size());
  for (std::size_t i = 0; i < a.lock_order.size(); ++i) {
    const auto &x = a.lock_order[i], &y = b.lock_order[i];
    EXPECT_EQ(std::tie(x.held, x.taken, x.held_mode, x.taken_mode, x.held_site, x.taken_site, x.threads),
              std::tie(y.held, y.taken, y.held_mode, y.taken_mode, y.held_site, y.taken_site, y.threads));
  }
  ASSERT_EQ(a.lockset.size(), b.lockset.size());
  for (std::size_t i = 0; i < a.lockset.size(); ++i) {
    EXPECT_EQ(a.lockset[i].object, b.lockset[i].object);
    for (auto [x, y] : {std::pair{&a.lockset[i].first, &b.lockset[i].first},
                        std::pair{&a.lockset[i].second, &b.lockset[i].second}})
      EXPECT_EQ(std::tie(x->thread, x->site, x->write, x->locks), std::tie(y->thread, y->site, y->write, y->locks));
  }
  ASSERT_EQ(a.dumps.size(), b.dumps.size());
  for (std::size_t i = 0; i < a.dumps.size(); ++i) {
    EXPECT_EQ(a.dumps[i].at_ns, b.dumps[i].at_ns);
    EXPECT_EQ(a.dumps[i].reason, b.dumps[i].reason);
    ASSERT_EQ(a.dumps[i].threads.size(), b.dumps[i].threads.size());
    EXPECT_EQ(format_dump(a.dumps[i].threads), format_dump(b.dumps[i].threads));
  }
  expect_same_events(a.events, b.events);
}

// A file whose META chunk is replaced by `meta` (with a valid crc).
std::string with_meta(const std::string& file, const std::string& meta) {
  const std::vector<ChunkRef> chunks = chunks_of(file);
  EXPECT_EQ(chunks.at(0).type, 1u);
  return file.substr(0, kHeaderBytes) + make_chunk(1, meta) + file.substr(chunks.at(0).end());
}

std::string meta_of(const std::string& file) {
  const ChunkRef meta = chunks_of(file).at(0);
  return file.substr(meta.payload, meta.length);
}

// A fresh directory under the system temp dir, removed afterwards.
class TempDir {
 public:
  TempDir() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("locklab-trace-file-" + std::string(info->name()) + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// ---- round trips -------------------------------------------------------------

TEST(TraceFile, TestCrcMatchesStandardCheckValue) {
  // The helper the other tests forge chunks with must be the standard crc32.
  EXPECT_EQ(test_crc32("123456789"), 0xCBF43926u);
  EXPECT_EQ(test_crc32(""), 0u);
}

TEST(TraceFile, LayoutFollowsTheSpec) {
  const std::string file = locklab::serialize_trace(full_trace());
  ASSERT_GE(file.size(), kHeaderBytes);
  EXPECT_EQ(file.substr(0, 8), "LLTRACE1");
  // A finished trace is written as version 1 (META first), which every
  // locklab reads; version 2 is the streamed layout (trace_stream_test.cpp).
  EXPECT_EQ(get_le<std::uint32_t>(file, 8), 1u);
  EXPECT_LE(1u, locklab::kTraceFormatVersion);
  const std::vector<ChunkRef> chunks = chunks_of(file);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].type, 1u);  // META
  EXPECT_EQ(chunks[1].type, 2u);  // EVENTS
  EXPECT_EQ(chunks[1].length, 8u * 32u);
  EXPECT_EQ(chunks[2].type, 3u);  // END
  EXPECT_EQ(chunks[2].length, 0u);
  EXPECT_EQ(chunks[2].end(), file.size());
  for (const ChunkRef& c : chunks) {
    EXPECT_EQ(c.crc, test_crc32(std::string_view(file).substr(c.payload, c.length)));
  }
  // META is JSON; events are little-endian in the documented layout.
  EXPECT_TRUE(json::accept(meta_of(file)));
  const std::size_t e = chunks[1].payload + 6 * 32;  // the event with extreme values
  EXPECT_EQ(get_le<std::uint64_t>(file, e + 16), 0x0102030405060708ull);
  EXPECT_EQ(static_cast<unsigned char>(file[e + 30]), static_cast<unsigned>(EventKind::kMisuse));
  EXPECT_EQ(static_cast<unsigned char>(file[e + 31]), static_cast<unsigned>(LockMode::kExclusive));
}

TEST(TraceFile, RoundTripKeepsEveryField) {
  const Trace original = full_trace();
  const locklab::TraceReadResult r = locklab::parse_trace(locklab::serialize_trace(original));
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  EXPECT_EQ(r.error, "");
  expect_same_trace(original, *r.trace);
}

TEST(TraceFile, EmptyTraceRoundTrips) {
  const Trace original;
  const std::string file = locklab::serialize_trace(original);
  EXPECT_EQ(chunks_of(file).size(), 2u);  // META and END, no EVENTS
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  expect_same_trace(original, *r.trace);
}

TEST(TraceFile, ManyEventsSpanSeveralChunksAndRoundTrip) {
  Trace original = full_trace();
  original.events = many_events(150000);
  const std::string file = locklab::serialize_trace(original);
  std::vector<std::uint64_t> events_per_chunk;
  for (const ChunkRef& c : chunks_of(file)) {
    if (c.type == 2) events_per_chunk.push_back(c.length / 32);
  }
  EXPECT_EQ(events_per_chunk, (std::vector<std::uint64_t>{65536, 65536, 150000 - 2 * 65536}));
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  expect_same_trace(original, *r.trace);
}

TEST(TraceFile, SaveAndLoadThroughATempDir) {
  const TempDir dir;
  const std::string path = dir.file("run.lltrace");
  Trace original = full_trace();
  original.events = many_events(70000);
  EXPECT_EQ(locklab::save_trace(original, path), "");
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  const locklab::TraceReadResult r = locklab::load_trace(path);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  expect_same_trace(original, *r.trace);

  // Saving again replaces the file.
  EXPECT_EQ(locklab::save_trace(Trace{}, path), "");
  const locklab::TraceReadResult again = locklab::load_trace(path);
  ASSERT_TRUE(again.trace) << again.error;
  EXPECT_TRUE(again.trace->events.empty());
}

TEST(TraceFile, SaveToAMissingDirectoryIsAnError) {
  const TempDir dir;
  const std::string path = dir.file("no/such/dir/run.lltrace");
  const std::string error = locklab::save_trace(full_trace(), path);
  EXPECT_NE(error.find("cannot write " + path), std::string::npos) << error;
}

TEST(TraceFile, LoadOfAMissingFileIsAClearError) {
  const TempDir dir;
  const std::string path = dir.file("missing.lltrace");
  const locklab::TraceReadResult r = locklab::load_trace(path);
  EXPECT_FALSE(r.trace);
  EXPECT_NE(r.error.find("cannot open " + path), std::string::npos) << r.error;
  EXPECT_NE(r.error.find("No such file"), std::string::npos) << r.error;
}

// ---- foreign and damaged files ---------------------------------------------------

TEST(TraceFile, BadMagicIsAnError) {
  std::string file = locklab::serialize_trace(full_trace());
  file[0] = 'X';
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  EXPECT_FALSE(r.trace);
  EXPECT_EQ(r.error, "not a locklab trace (bad magic)");

  const locklab::TraceReadResult text = locklab::parse_trace("{\"traceEvents\": []}");
  EXPECT_FALSE(text.trace);
  EXPECT_EQ(text.error, "not a locklab trace (bad magic)");

  EXPECT_FALSE(locklab::parse_trace("").trace);
}

TEST(TraceFile, FutureVersionIsAnErrorNamingBothVersions) {
  std::string file = locklab::serialize_trace(full_trace());
  std::string version;
  put_le<std::uint32_t>(version, locklab::kTraceFormatVersion + 1);
  file.replace(8, 4, version);
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  EXPECT_FALSE(r.trace);
  const std::string expected = "written by a newer locklab: format version " +
                               std::to_string(locklab::kTraceFormatVersion + 1) +
                               ", this build reads up to " +
                               std::to_string(locklab::kTraceFormatVersion);
  EXPECT_EQ(r.error, expected);
}

TEST(TraceFile, TruncationAtEveryOffsetErrorsOrWarns) {
  const std::string file = locklab::serialize_trace(full_trace());
  const std::size_t meta_end = chunks_of(file).at(0).end();
  for (std::size_t n = 0; n < file.size(); ++n) {
    SCOPED_TRACE("truncated to " + std::to_string(n) + " of " + std::to_string(file.size()) + " bytes");
    const locklab::TraceReadResult r = locklab::parse_trace(file.substr(0, n));
    EXPECT_FALSE(r.complete());
    if (n < meta_end) {
      EXPECT_FALSE(r.trace);
      EXPECT_NE(r.error, "");
    } else {
      // The META chunk is whole: the trace is kept, with a warning.
      ASSERT_TRUE(r.trace) << r.error;
      EXPECT_EQ(r.error, "");
      EXPECT_NE(r.warning, "");
    }
  }
}

TEST(TraceFile, TruncationKeepsTheWholeChunksBeforeIt) {
  Trace original = full_trace();
  original.events = many_events(150000);
  const std::string file = locklab::serialize_trace(original);
  const std::vector<ChunkRef> chunks = chunks_of(file);
  ASSERT_EQ(chunks.size(), 5u);  // META, 3 x EVENTS, END

  // Cut in the middle of the third events chunk.
  const std::size_t cut = chunks[3].payload + 1000;
  const locklab::TraceReadResult r = locklab::parse_trace(file.substr(0, cut));
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_NE(r.warning.find("truncated after 131072 events: the rest of the file is missing"),
            std::string::npos)
      << r.warning;
  EXPECT_NE(r.warning.find("18928 of 150000 events lost"), std::string::npos) << r.warning;
  original.events.resize(131072);
  expect_same_trace(original, *r.trace);

  // Cut just before END: every event is there, but the file is still incomplete.
  const locklab::TraceReadResult no_end = locklab::parse_trace(file.substr(0, chunks[4].start));
  ASSERT_TRUE(no_end.trace) << no_end.error;
  EXPECT_EQ(no_end.trace->events.size(), 150000u);
  EXPECT_NE(no_end.warning, "");
}

TEST(TraceFile, CorruptEventsChunkKeepsEarlierChunksAndWarns) {
  Trace original = full_trace();
  original.events = many_events(150000);
  std::string file = locklab::serialize_trace(original);
  const std::vector<ChunkRef> chunks = chunks_of(file);
  ASSERT_EQ(chunks[2].type, 2u);
  file[chunks[2].payload + 12345] ^= 0x40;  // inside the second events chunk

  const locklab::TraceReadResult r = locklab::parse_trace(file);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_FALSE(r.complete());
  EXPECT_NE(r.warning.find("crc"), std::string::npos) << r.warning;
  EXPECT_NE(r.warning.find("after 65536 events"), std::string::npos) << r.warning;
  EXPECT_NE(r.warning.find("84464 of 150000 events lost"), std::string::npos) << r.warning;
  original.events.resize(65536);
  expect_same_trace(original, *r.trace);
}

TEST(TraceFile, CorruptMetaIsAnError) {
  std::string file = locklab::serialize_trace(full_trace());
  const ChunkRef meta = chunks_of(file).at(0);
  file[meta.payload + meta.length / 2] ^= 0x01;
  const locklab::TraceReadResult r = locklab::parse_trace(file);
  EXPECT_FALSE(r.trace);
  EXPECT_NE(r.error.find("META"), std::string::npos) << r.error;
}

TEST(TraceFile, MissingMetaIsAnError) {
  const std::string file = locklab::serialize_trace(full_trace());
  const ChunkRef meta = chunks_of(file).at(0);
  const std::string without = file.substr(0, kHeaderBytes) + file.substr(meta.end());
  const locklab::TraceReadResult r = locklab::parse_trace(without);
  EXPECT_FALSE(r.trace);
  EXPECT_NE(r.error.find("META"), std::string::npos) << r.error;
}

TEST(TraceFile, MetaWithWrongTypesIsAnErrorNotACrash) {
  const std::string file = locklab::serialize_trace(full_trace());
  const json good = json::parse(meta_of(file));
  struct Case {
    std::string name;
    std::string meta;
  };
  std::vector<Case> cases;
  auto mutated = [&](const std::string& name, auto&& change) {
    json m = good;
    change(m);
    cases.push_back({name, m.dump()});
  };
  cases.push_back({"not json", "{\"info\": "});
  cases.push_back({"an array", "[1, 2, 3]"});
  cases.push_back({"a number", "42"});
  cases.push_back({"invalid utf-8", "{\"op_names\": [\"\xff\"]}"});
  mutated("threads is a string", [](json& m) { m["threads"] = "three"; });
  mutated("thread id negative", [](json& m) { m["threads"][0]["id"] = -1; });
  mutated("thread id too big", [](json& m) { m["threads"][0]["id"] = 70000; });
  mutated("thread name a number", [](json& m) { m["threads"][0]["name"] = 5; });
  mutated("thread is an array", [](json& m) { m["threads"][1] = json::array({1, 2}); });
  mutated("id is a float", [](json& m) { m["objects"][0]["id"] = 1.5; });
  mutated("kind too big", [](json& m) { m["objects"][0]["kind"] = 256; });
  mutated("info is null", [](json& m) { m["info"] = nullptr; });
  mutated("param not a string", [](json& m) { m["info"]["params"]["readers"] = 4; });
  mutated("recording a string", [](json& m) { m["info"]["recording"] = "yes"; });
  mutated("ns_per_tick a string", [](json& m) { m["info"]["ns_per_tick"] = "fast"; });
  mutated("verdict threads an object", [](json& m) { m["verdict"]["threads"] = json::object(); });
  mutated("held entry a string", [](json& m) { m["verdict"]["threads"][0]["held"][0] = "x"; });
  mutated("bucket index out of range", [](json& m) {
    m["latencies"][0]["histogram"]["buckets"][0] = json::array({1000000, 1});
  });
  mutated("bucket not a pair", [](json& m) {
    m["latencies"][0]["histogram"]["buckets"][0] = json::array({1});
  });
  mutated("progress items strings", [](json& m) { m["progress"][0]["items"][0] = "1"; });
  mutated("site line negative", [](json& m) { m["sites"][1]["line"] = -40; });
  mutated("event_count a string", [](json& m) { m["event_count"] = "8"; });

  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    const locklab::TraceReadResult r = locklab::parse_trace(with_meta(file, c.meta));
    EXPECT_FALSE(r.trace);
    EXPECT_NE(r.error.find("bad META chunk"), std::string::npos) << r.error;
  }

  // The messages say where the problem is.
  json m = good;
  m["threads"][2]["name"] = 5;
  const locklab::TraceReadResult r = locklab::parse_trace(with_meta(file, m.dump()));
  EXPECT_NE(r.error.find("threads[2].name should be a string"), std::string::npos) << r.error;
}

TEST(TraceFile, MissingMetaFieldsKeepTheirDefaults) {
  const std::string file = locklab::serialize_trace(full_trace());
  const locklab::TraceReadResult r = locklab::parse_trace(with_meta(file, "{}"));
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;  // no event_count: nothing to compare against
  EXPECT_EQ(r.trace->events.size(), 8u);
  EXPECT_TRUE(r.trace->threads.empty());
  EXPECT_EQ(r.trace->info.ns_per_tick, 1.0);
}

TEST(TraceFile, UnknownChunkTypesAreSkipped) {
  const Trace original = full_trace();
  const std::string file = locklab::serialize_trace(original);
  const std::vector<ChunkRef> chunks = chunks_of(file);
  // One unknown chunk before the events, one with a wrong crc after them.
  std::string odd = make_chunk(99, "payload from a future locklab");
  std::string bad_crc = make_chunk(0x12345678, std::string(100, '\0'));
  bad_crc[12] ^= 0x55;
  const std::string patched = file.substr(0, chunks[1].start) + odd +
                              file.substr(chunks[1].start, chunks[2].start - chunks[1].start) +
                              bad_crc + file.substr(chunks[2].start);
  const locklab::TraceReadResult r = locklab::parse_trace(patched);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_TRUE(r.complete()) << r.warning;
  expect_same_trace(original, *r.trace);
}

TEST(TraceFile, AbsurdChunkLengthReadsAsTruncation) {
  const std::string file = locklab::serialize_trace(full_trace());
  const std::vector<ChunkRef> chunks = chunks_of(file);
  const std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
  for (std::uint64_t length : {max, max / 2, std::uint64_t{file.size()}}) {
    SCOPED_TRACE(length);
    std::string patched = file;
    std::string bytes;
    put_le<std::uint64_t>(bytes, length);
    patched.replace(chunks[1].start + 4, 8, bytes);  // the events chunk's length
    const locklab::TraceReadResult r = locklab::parse_trace(patched);
    ASSERT_TRUE(r.trace) << r.error;
    EXPECT_TRUE(r.trace->events.empty());
    EXPECT_NE(r.warning.find("truncated after 0 events"), std::string::npos) << r.warning;
  }
}

TEST(TraceFile, EverySingleByteCorruptionIsNoticed) {
  // Without crashing, every damaged byte shows up as an error or a warning.
  const std::string file = locklab::serialize_trace(full_trace());
  for (std::size_t i = 0; i < file.size(); ++i) {
    SCOPED_TRACE("byte " + std::to_string(i));
    std::string damaged = file;
    damaged[i] = static_cast<char>(damaged[i] ^ 0xFF);
    const locklab::TraceReadResult r = locklab::parse_trace(damaged);
    EXPECT_FALSE(r.complete());
    EXPECT_TRUE(r.trace ? !r.warning.empty() : !r.error.empty());
  }
}

TEST(TraceFile, EventsWithoutAnEndOrWithAMissingChunkAreReported) {
  Trace original = full_trace();
  original.events = many_events(70000);  // two events chunks
  const std::string file = locklab::serialize_trace(original);
  const std::vector<ChunkRef> chunks = chunks_of(file);
  ASSERT_EQ(chunks.size(), 4u);
  // Drop the first events chunk entirely: the reader sees fewer events than META says.
  const std::string missing = file.substr(0, chunks[1].start) + file.substr(chunks[2].start);
  const locklab::TraceReadResult r = locklab::parse_trace(missing);
  ASSERT_TRUE(r.trace) << r.error;
  EXPECT_EQ(r.trace->events.size(), 70000u - 65536u);
  EXPECT_NE(r.warning.find("65536 of 70000 events lost"), std::string::npos) << r.warning;
}

// ---- Trace's own lookups -----------------------------------------------------------

TEST(TraceLookup, SiteAndObjectText) {
  const Trace t = full_trace();
  EXPECT_EQ(t.site_text(1), "store.cpp:40 (Get)");
  EXPECT_EQ(t.site_text(2), "store.cpp:30 (Sum)");
  EXPECT_EQ(t.site_text(0), "unknown site");
  EXPECT_EQ(t.site_text(3), "unknown site");
  EXPECT_EQ(t.site_text(std::numeric_limits<std::uint32_t>::max()), "unknown site");
  EXPECT_EQ(t.object_text(1), "Store.mu");
  EXPECT_EQ(t.object_text(2), "jobs");
  EXPECT_EQ(t.object_text(0), "object#0");
  EXPECT_EQ(t.object_text(99), "object#99");
}

TEST(TraceLookup, ShortSite) {
  EXPECT_EQ(locklab::short_site({"/a/b/ledger.cpp", 12, "Sum"}), "ledger.cpp:12");
  EXPECT_EQ(locklab::short_site({"ledger.cpp", 7, ""}), "ledger.cpp:7");
  EXPECT_EQ(locklab::short_site({}), "");
  EXPECT_EQ(locklab::short_site({"ledger.cpp", 0, "Sum"}), "");
  EXPECT_EQ(locklab::short_site({"", 12, "Sum"}), "");
}

TEST(TraceLookup, LookupsAndTotals) {
  Trace t = full_trace();
  EXPECT_EQ(t.dropped_events(), 0u + 5u + 10u);
  EXPECT_EQ(t.total_items(), 1000u + 2000u + 3000u);
  ASSERT_NE(t.thread(2), nullptr);
  EXPECT_EQ(t.thread(2)->name, "worker-2");
  EXPECT_EQ(t.thread(3), nullptr);
  ASSERT_NE(t.object(3), nullptr);
  EXPECT_EQ(t.object(3)->name, "Other.mu");
  EXPECT_EQ(t.object(0), nullptr);
  EXPECT_EQ(t.object(4), nullptr);
  // Ids that do not match positions are still found.
  t.objects = {{7, locklab::ObjectKind::kMutex, "seven"}};
  t.threads.resize(1);
  t.threads[0].id = 9;
  EXPECT_EQ(t.object(7)->name, "seven");
  EXPECT_EQ(t.object(1), nullptr);
  EXPECT_EQ(t.thread(9), &t.threads[0]);
  EXPECT_EQ(t.thread(0), nullptr);
  EXPECT_EQ(Trace{}.dropped_events(), 0u);
  EXPECT_EQ(Trace{}.site_text(1), "unknown site");
}

}  // namespace
