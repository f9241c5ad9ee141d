// A call that reaches a lab primitive through the standard library is
// charged to the user's line, not to the library header's: a Mutex locked by
// std::unique_lock or std::scoped_lock, a Timer built by std::make_unique
// (core/user_site.h). This file is built with line tables (-g1), as the
// bug modules and exercises are.
#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/core/run_context.h"
#include "locklab/run/runner.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/timer.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using namespace std::chrono_literals;

RunConfig config() {
  RunConfig c;
  c.threads = 2;
  c.duration_ms = 2000;
  return c;
}

bool in_this_file(const SiteInfo& s) {
  return s.file.size() >= 18 && s.file.compare(s.file.size() - 18, 18, "user_site_test.cpp") == 0;
}

int g_waiter_line = 0;  // the line of the waiter's std::unique_lock
int g_holder_line = 0;  // the line of the holder's std::scoped_lock

void two_lockers(RunContext& ctx) {
  Mutex mu("mu");
  Chan<int> holding("holding", 1);
  ctx.go("holder", [&] {
    g_holder_line = __LINE__ + 1;
    std::scoped_lock hold(mu);
    holding.send(1);
    sleep_for(50ms);  // long enough that the waiter surely comes while it is held, even under TSan
  });
  ctx.go("waiter", [&] {
    (void)holding.recv();  // the holder has the lock: this one waits
    g_waiter_line = __LINE__ + 1;
    std::unique_lock<Mutex> wait(mu);
  });
  ctx.join_all();
}

TEST(UserSite, ALockTakenThroughStdUniqueLockIsChargedToTheUsersLine) {
  const Trace t = run_workload("user-site", two_lockers, config());
  const ContentionProfile p = contention(t);
  ASSERT_FALSE(p.by_waiter.empty());
  const SiteInfo waited = t.sites.at(p.by_waiter.front().site);
  EXPECT_TRUE(in_this_file(waited)) << site_text(waited);
  EXPECT_EQ(waited.line, static_cast<std::uint32_t>(g_waiter_line)) << site_text(waited);
  ASSERT_FALSE(p.by_holder.empty());
  const SiteInfo held = t.sites.at(p.by_holder.front().site);
  EXPECT_TRUE(in_this_file(held)) << site_text(held);
  EXPECT_EQ(held.line, static_cast<std::uint32_t>(g_holder_line)) << site_text(held);
  for (const SiteInfo& s : t.sites)
    EXPECT_EQ(s.file.find("unique_lock.h"), std::string::npos) << "a site in the library: " << site_text(s);
}

int g_both_line = 0;

TEST(UserSite, AWaitInsideStdLockIsChargedToTheScopedLocksLine) {
  // std::scoped_lock(a, b) runs std::lock, a function of its own even at
  // -O2: the wait inside it is found by walking up to the user's frame.
  const Trace t = run_workload(
      "user-site-both",
      [](RunContext& ctx) {
        Mutex a("a"), b("b");
        Chan<int> holding("holding", 1);
        ctx.go("holder", [&] {
          std::lock_guard<Mutex> hold(b);
          holding.send(1);
          sleep_for(50ms);  // long enough that the waiter surely comes while it is held, even under TSan
        });
        ctx.go("both", [&] {
          (void)holding.recv();
          g_both_line = __LINE__ + 1;
          std::scoped_lock both(a, b);
        });
        ctx.join_all();
      },
      config());
  const ContentionProfile p = contention(t);
  ASSERT_FALSE(p.by_waiter.empty());
  const SiteInfo waited = t.sites.at(p.by_waiter.front().site);
  EXPECT_TRUE(in_this_file(waited)) << site_text(waited);
  EXPECT_EQ(waited.line, static_cast<std::uint32_t>(g_both_line)) << site_text(waited);
  // std::lock's own try_lock back-off keeps the library's line: the user
  // asked for both locks, not for the tries.
  for (const Event& e : t.events)
    if (e.kind == EventKind::kLockTryFail) {
      EXPECT_FALSE(in_this_file(t.sites.at(e.site))) << site_text(t.sites.at(e.site));
    }
}

int g_timer_line = 0;

TEST(UserSite, ATimerMadeByStdMakeUniqueIsChargedToTheUsersLine) {
  const Trace t = run_workload(
      "user-site-timer",
      [](RunContext&) {
        g_timer_line = __LINE__ + 1;
        auto timer = std::make_unique<Timer>(1ms, "t");
        (void)timer->C().recv();
      },
      config());
  bool found = false;
  for (const Event& e : t.events)
    if (e.kind == EventKind::kTimerCreate) {
      const SiteInfo& s = t.sites.at(e.site);
      EXPECT_TRUE(in_this_file(s)) << site_text(s);
      EXPECT_EQ(s.line, static_cast<std::uint32_t>(g_timer_line)) << site_text(s);
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST(UserSite, ADirectCallKeepsItsOwnSiteAndTwoLibraryCallersStayApart) {
  // Two std::lock_guard lines in one function: each keeps its own line.
  int first = 0, second = 0;
  const Trace t = run_workload(
      "user-site-two",
      [&](RunContext&) {
        Mutex mu("mu");
        first = __LINE__ + 1;
        { std::lock_guard<Mutex> a(mu); }
        second = __LINE__ + 1;
        { std::lock_guard<Mutex> b(mu); }
        mu.lock();  // a direct call: its own source_location, as always
        mu.unlock();
      },
      config());
  std::set<std::uint32_t> lines;
  for (const Event& e : t.events)
    if (e.kind == EventKind::kLockAcquire) lines.insert(t.sites.at(e.site).line);
  EXPECT_TRUE(lines.count(static_cast<std::uint32_t>(first))) << "first lock_guard's line";
  EXPECT_TRUE(lines.count(static_cast<std::uint32_t>(second))) << "second lock_guard's line";
  EXPECT_EQ(lines.size(), 3u);
}

}  // namespace
}  // namespace locklab
