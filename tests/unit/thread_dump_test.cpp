// Thread dumps: grouped like goroutine-inspect's dedup, filterable, taken at
// set times and on request during a run.
#include "locklab/analysis/thread_dump.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>
#include <vector>

#include "lab_threads.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/run/runner.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/rwmutex.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ThreadDump, AThousandThreadsBlockedAtOneSiteAreOneGroup) {
  // Real threads, outside a run: 1,000 of them queue for one write lock
  // that this thread holds for reading.
  RuntimeOptions options;
  options.events_per_thread = 64;  // 1,000 small buffers
  Runtime::get().begin_run(options);
  RWMutex hub("Hub.mu");
  hub.lock_shared();
  std::vector<std::thread> clients;
  for (int i = 0; i < 1000; ++i)
    clients.emplace_back([&] {
      hub.lock();  // one site for all of them
      hub.unlock();
    });
  auto waiting = [&] {
    int n = 0;
    for (const ThreadSnapshot& t : snapshot_threads())
      if (t.waiting && t.wait_object == hub.id()) ++n;
    return n;
  };
  const auto give_up = std::chrono::steady_clock::now() + 30s;
  while (waiting() < 1000 && std::chrono::steady_clock::now() < give_up) std::this_thread::sleep_for(5ms);
  const std::vector<ThreadSnapshot> dump = snapshot_threads();
  hub.unlock_shared();
  for (std::thread& t : clients) t.join();
  Runtime::get().end_run();

  const std::vector<DumpGroup> groups = group_dump(dump);
  ASSERT_EQ(groups.size(), 2u) << format_dump(dump);  // the clients, and this thread holding the read lock
  const DumpGroup& clients_group = groups[0].threads.size() == 1000 ? groups[0] : groups[1];
  EXPECT_EQ(clients_group.threads.size(), 1000u);
  EXPECT_TRUE(has(clients_group.heading, "waiting to write-lock Hub.mu at thread_dump_test.cpp:")) << clients_group.heading;
  const std::string text = format_dump(dump);
  EXPECT_TRUE(has(text, "1000 threads: waiting to write-lock Hub.mu")) << text;
  EXPECT_TRUE(has(text, "and 997 more")) << text;
  EXPECT_TRUE(has(text, "holds Hub.mu for reading")) << text;
}

ThreadSnapshot waiter(std::uint16_t id, const char* name, const char* object, const char* site) {
  ThreadSnapshot t;
  t.id = id;
  t.name = name;
  t.state = ThreadState::kWaiting;
  t.waiting = true;
  t.wait_kind = WaitKind::kLock;
  t.wait_mode = LockMode::kExclusive;
  t.wait_object_name = object;
  t.wait_site = site;
  return t;
}

TEST(DumpFilter, TermsMatchTheirFieldsAndAllMustMatch) {
  ThreadSnapshot a = waiter(1, "saver-0", "Store.mu", "store.cpp:20 (save)");
  ThreadSnapshot b = waiter(2, "loader-0", "Cache.mu", "cache.cpp:9 (get)");
  b.held.push_back({5, "Store.mu", LockMode::kShared, "store.cpp:11 (load)", "load", "store.cpp:11"});
  ThreadSnapshot c;
  c.id = 3;
  c.name = "io";
  c.state = ThreadState::kIo;
  const std::vector<ThreadSnapshot> all{a, b, c};
  auto ids = [&](const char* expr) {
    std::vector<std::uint16_t> out;
    for (const ThreadSnapshot& t : filter_dump(all, DumpFilter::parse(expr))) out.push_back(t.id);
    return out;
  };
  EXPECT_EQ(ids(""), (std::vector<std::uint16_t>{1, 2, 3}));
  EXPECT_EQ(ids("object:store.mu"), (std::vector<std::uint16_t>{1}));
  EXPECT_EQ(ids("holds:Store.mu"), (std::vector<std::uint16_t>{2}));
  EXPECT_EQ(ids("state:waiting site:cache.cpp"), (std::vector<std::uint16_t>{2}));
  EXPECT_EQ(ids("-state:waiting"), (std::vector<std::uint16_t>{3}));
  EXPECT_EQ(ids("store.mu"), (std::vector<std::uint16_t>{1, 2}));  // bare text: anywhere
  EXPECT_EQ(ids("name:loader"), (std::vector<std::uint16_t>{2}));
}

TEST(DumpFilter, BadExpressionsSayWhatIsWrong) {
  try {
    DumpFilter::parse("colour:red");
    FAIL() << "accepted an unknown field";
  } catch (const FilterError& e) {
    EXPECT_TRUE(has(e.what(), "unknown field 'colour'")) << e.what();
    EXPECT_TRUE(has(e.what(), "state, site, object")) << e.what();
  }
  EXPECT_THROW(DumpFilter::parse("state:"), FilterError);
}

TEST(ThreadDump, ARunTakesDumpsAtSetTimesAndOnRequest) {
  RunConfig c = testing::bounded(1);
  c.dump_at_ms = {30};
  std::vector<std::string> seen;
  c.on_dump = [&](const DumpRecord& d) { seen.push_back(d.reason); };
  const Trace t = run_workload("dumps", [](RunContext& ctx) {
    Mutex mu("Store.mu");
    ctx.go("holder", [&] {
      MutexLock l(mu);
      sleep_for(120ms);
    });
    sleep_for(60ms);
    request_dump();  // as the CLI's SIGQUIT handler does
    sleep_for(40ms);
    ctx.join_all();
  }, c);
  ASSERT_EQ(t.verdict.kind, VerdictKind::kCompleted);
  ASSERT_EQ(t.dumps.size(), 2u);
  EXPECT_EQ(t.dumps[0].reason, "at 30 ms");
  EXPECT_EQ(t.dumps[1].reason, "on request (SIGQUIT)");
  EXPECT_EQ(seen.size(), 2u);
  const std::string text = format_dump(t.dumps[0].threads);
  EXPECT_TRUE(has(text, "holds Store.mu")) << text;
  EXPECT_TRUE(has(text, "sleeping")) << text;
}

}  // namespace
}  // namespace locklab
