// parse_go_dump on small hand-written dumps in the formats of several Go
// versions: headers with minutes and "locked to thread", Go 1.21's
// "created by F in goroutine N", elided frames and arguments, fp/sp/pc
// suffixes of a SIGQUIT dump, a goroutine whose stack is unavailable.
#include <string>

#include <gtest/gtest.h>

#include "locklab/present/go_dump.h"
#include "locklab/present/go_dump_groups.h"
#include "locklab/present/go_dump_patterns.h"
#include "locklab/present/go_dump_waits.h"

namespace locklab::present {
namespace {

// A Go 1.21-style dump of the recursive read lock: states name the lock,
// frames carry their creators' goroutine.
constexpr const char* kModern = R"(goroutine 1 [sync.RWMutex.RLock, 2 minutes]:
sync.runtime_SemacquireRWMutexR(0xc000012345?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:82 +0x25
sync.(*RWMutex).RLock(...)
	/usr/local/go/src/sync/rwmutex.go:71
example.com/ledger.(*Ledger).sumDebits(0xc000010000)
	/src/ledger/ledger.go:21 +0x59
example.com/ledger.(*Ledger).net(0xc000010000, {0x4b2c10, 0x3})
	/src/ledger/ledger.go:40 +0xd1
main.main()
	/src/main.go:12 +0x134

goroutine 7 [sync.RWMutex.Lock, 2 minutes, locked to thread]:
sync.runtime_SemacquireRWMutex(0xc000012340?, 0x0?, 0x0?)
	/usr/local/go/src/runtime/sema.go:87 +0x25
sync.(*RWMutex).Lock(0xc000010000)
	/usr/local/go/src/sync/rwmutex.go:152 +0x71
example.com/ledger.(*Ledger).post(0xc000010000, 0x7)
	/src/ledger/ledger.go:45 +0x3a
created by main.main in goroutine 1
	/src/main.go:10 +0x125

goroutine 8 [chan receive (nil chan)]:
main.stuck(...)
	/src/main.go:30
...additional frames elided...
created by main.main in goroutine 1
	/src/main.go:11 +0x99

goroutine 9 [running]:
	goroutine running on other thread; stack unavailable
created by main.main in goroutine 1
	/src/main.go:12 +0x99
)";

TEST(GoDumpParse, ModernHeadersFramesAndCreators) {
  const GoDump d = parse_go_dump(kModern);
  ASSERT_EQ(d.goroutines.size(), 4u);
  EXPECT_TRUE(d.skipped.empty()) << d.skipped.front();
  EXPECT_FALSE(d.truncated);
  const GoGoroutine& g1 = d.goroutines[0];
  EXPECT_EQ(g1.id, 1u);
  EXPECT_EQ(g1.state, "sync.RWMutex.RLock");
  EXPECT_EQ(g1.minutes, 2u);
  ASSERT_EQ(g1.frames.size(), 5u);
  EXPECT_EQ(g1.frames[2].func, "example.com/ledger.(*Ledger).sumDebits");
  EXPECT_EQ(g1.frames[2].package(), "example.com/ledger");
  EXPECT_EQ(g1.frames[2].receiver_type(), "Ledger");
  EXPECT_EQ(g1.frames[2].receiver_value(), "0xc000010000");
  EXPECT_EQ(g1.frames[3].args, (std::vector<std::string>{"0xc000010000", "{0x4b2c10, 0x3}"}));
  EXPECT_EQ(g1.frames[1].args, std::vector<std::string>{"..."});
  EXPECT_EQ(g1.frames[1].where(), "/usr/local/go/src/sync/rwmutex.go:71");
  const GoGoroutine& g7 = d.goroutines[1];
  EXPECT_TRUE(g7.locked_to_thread);
  ASSERT_TRUE(g7.created_by.has_value());
  EXPECT_EQ(g7.created_by->func, "main.main");
  EXPECT_EQ(g7.created_in, 1u);
  EXPECT_EQ(g7.created_by->line, 10);
  EXPECT_TRUE(d.goroutines[2].frames_elided);
  EXPECT_TRUE(d.goroutines[3].stack_unavailable);
}

TEST(GoDumpWaits, ReadFromStatesAndFrames) {
  const GoDump d = parse_go_dump(kModern);
  EXPECT_EQ(go_wait_of(d.goroutines[0]).kind, GoWaitKind::rwmutex_rlock);
  const GoWait w = go_wait_of(d.goroutines[1]);
  EXPECT_EQ(w.kind, GoWaitKind::rwmutex_lock);
  EXPECT_EQ(w.object, "0xc000010000");
  const GoWait nil = go_wait_of(d.goroutines[2]);
  EXPECT_EQ(nil.kind, GoWaitKind::chan_receive);
  EXPECT_TRUE(nil.nil_channel);
  EXPECT_NE(describe_go_wait(d.goroutines[2], nil).find("nil channel"), std::string::npos);
  EXPECT_EQ(go_wait_of(d.goroutines[3]).kind, GoWaitKind::none);
}

TEST(GoDumpPatterns, RecursiveRLockInModernFormatIsCertain) {
  const std::vector<GoFinding> f = find_go_patterns(parse_go_dump(kModern));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].bug, "recursive-rlock");
  EXPECT_FALSE(f[0].likely);
  EXPECT_EQ(f[0].goroutines, (std::vector<std::uint64_t>{1, 7}));
}

TEST(GoDumpPatterns, NoRecursiveRLockOnADifferentReceiver) {
  std::string text = kModern;
  const std::string outer = "(*Ledger).net(0xc000010000";
  text.replace(text.find(outer), outer.size(), "(*Ledger).net(0xc000020000");
  EXPECT_TRUE(find_go_patterns(parse_go_dump(text)).empty());
}

TEST(GoDumpPatterns, RecursiveRLockThroughAnInlinedFrameIsLikely) {
  std::string text = kModern;
  const std::string outer = "(*Ledger).net(0xc000010000, {0x4b2c10, 0x3})";
  text.replace(text.find(outer), outer.size(), "(*Ledger).net(...)");
  const std::vector<GoFinding> f = find_go_patterns(parse_go_dump(text));
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].bug, "recursive-rlock");
  EXPECT_TRUE(f[0].likely);
  EXPECT_NE(f[0].text.find("inlined"), std::string::npos) << f[0].text;
}

TEST(GoDumpPatterns, NoRecursiveRLockWithoutAWaitingWriter) {
  std::string text = kModern;
  text.erase(text.find("goroutine 7 "), text.find("goroutine 8 ") - text.find("goroutine 7 "));
  EXPECT_TRUE(find_go_patterns(parse_go_dump(text)).empty());
}

TEST(GoDumpGroups, SameStackDifferentArgumentsShareAGroup) {
  const std::string g = R"(goroutine ID [chan send, M minutes]:
main.report(ARG, 0x1)
	./main.go:22 +0x33
created by main.main
	./main.go:40 +0x6d

)";
  std::string text;
  for (int i = 0; i < 3; ++i) {
    std::string one = g;
    one.replace(one.find("ID"), 2, std::to_string(10 + i));
    one.replace(one.find("M"), 1, std::to_string(1 + i));
    one.replace(one.find("ARG"), 3, "0xc00000" + std::to_string(i));
    text += one;
  }
  text += "goroutine 20 [chan send]:\nmain.report(0x0, 0x1)\n\t./main.go:23 +0x33\n";
  const GoDump d = parse_go_dump(text);
  const std::vector<GoGroup> groups = group_go_dump(d);
  ASSERT_EQ(groups.size(), 2u);
  EXPECT_EQ(groups[0].members.size(), 3u);
  EXPECT_EQ(groups[0].min_minutes, 1u);
  EXPECT_EQ(groups[0].max_minutes, 3u);
  EXPECT_EQ(groups[1].members.size(), 1u);
}

GoDumpFilter by(std::string GoDumpFilter::*field, const char* value) {
  GoDumpFilter f;
  f.*field = value;
  return f;
}

TEST(GoDumpFilters, StateFuncPackageAndGrep) {
  const GoDump d = parse_go_dump(kModern);
  const auto count = [&](const GoDumpFilter& f) {
    std::size_t n = 0;
    for (const GoGroup& g : group_go_dump(d, f)) n += g.members.size();
    return n;
  };
  EXPECT_EQ(count(by(&GoDumpFilter::state, "rwmutex")), 2u);
  EXPECT_EQ(count(by(&GoDumpFilter::func, "sumDebits")), 1u);
  EXPECT_EQ(count(by(&GoDumpFilter::package, "ledger")), 2u);     // a path's last element
  EXPECT_EQ(count(by(&GoDumpFilter::package, "example.com/ledger")), 2u);
  EXPECT_EQ(count(by(&GoDumpFilter::package, "dger")), 0u);       // not a substring
  EXPECT_EQ(count(by(&GoDumpFilter::grep, "main.go:11")), 1u);    // a creator's line
  GoDumpFilter both;
  both.state = "rwmutex";
  both.func = "post";
  EXPECT_EQ(count(both), 1u);
}

TEST(GoDumpParse, GoRunsExitStatusAndRegistersAreNotSkippedFrames) {
  const GoDump d = parse_go_dump(
      "fatal error: all goroutines are asleep - deadlock!\n\ngoroutine 1 [chan receive]:\nmain.main()\n"
      "\t./main.go:5 +0x1d\nexit status 2\n");
  ASSERT_EQ(d.goroutines.size(), 1u);
  EXPECT_TRUE(d.skipped.empty()) << d.skipped.front();
  const GoDump r = parse_go_dump("goroutine 1 [running]:\nmain.main()\n\t./main.go:5 +0x1d\nrax    0x0\nrbx    0x2d96\n");
  EXPECT_TRUE(r.skipped.empty()) << r.skipped.front();
  // Anything else after a frame is said.
  const GoDump g = parse_go_dump("goroutine 1 [running]:\nmain.main()\n\t./main.go:5 +0x1d\nhello world\n");
  ASSERT_EQ(g.skipped.size(), 1u);
  EXPECT_NE(g.skipped[0].find("line 4: 'hello world' (not a frame, in goroutine 1)"), std::string::npos) << g.skipped[0];
}

TEST(GoDumpParse, PprofDebug1HeadingIsNotAGoroutine) {
  const GoDump d = parse_go_dump("goroutine profile: total 1\ngoroutine 3 [select]:\nmain.f()\n\t./a.go:3 +0x1\n");
  EXPECT_EQ(d.reason, "goroutine profile: total 1");
  ASSERT_EQ(d.goroutines.size(), 1u);
  EXPECT_TRUE(d.skipped.empty());
}

TEST(GoDumpParse, GenericsAndClosuresInNames) {
  const GoDump d = parse_go_dump(
      "goroutine 5 [select]:\nmain.Map[...].Get(0xc0001, {0x1, 0x2})\n\t./m.go:9 +0x1\nmain.main.func1()\n\t./m.go:3\n");
  ASSERT_EQ(d.goroutines[0].frames.size(), 2u);
  EXPECT_EQ(d.goroutines[0].frames[0].func, "main.Map[...].Get");
  EXPECT_EQ(d.goroutines[0].frames[1].func, "main.main.func1");
}

}  // namespace
}  // namespace locklab::present

namespace locklab::present {
namespace {

// A stuck service: 20,000 readers blocked the same recursive way behind one
// writer, and 20,000 goroutines queued on one Mutex. One group each, one
// finding for all the readers, and the patterns stay linear.
TEST(GoDumpScale, TwentyThousandReadersAreOneGroupAndOneFinding) {
  std::string text;
  for (int i = 0; i < 20000; ++i) {
    text += "goroutine " + std::to_string(100 + i) + " [sync.RWMutex.RLock, " + std::to_string(i % 7) +
            " minutes]:\nsync.(*RWMutex).RLock(...)\n\tsync/rwmutex.go:71\n"
            "main.(*Ledger).sumDebits(0xc000010000)\n\t./main.go:21 +0x59\n"
            "main.(*Ledger).net(0xc000010000)\n\t./main.go:40 +0xd1\n\n";
    text += "goroutine " + std::to_string(100000 + i) +
            " [sync.Mutex.Lock]:\nsync.(*Mutex).lockSlow(0xc0000180b0)\n\tsync/mutex.go:171 +0x165\n"
            "main.count(0xc0000180b0, 0x" + std::to_string(i) + ")\n\t./main.go:9 +0x1\n\n";
  }
  text += "goroutine 7 [sync.RWMutex.Lock]:\nsync.(*RWMutex).Lock(0xc000010000)\n\tsync/rwmutex.go:152 +0x71\n"
          "main.(*Ledger).post(0xc000010000, 0x7)\n\t./main.go:45 +0x3a\n";
  const GoDump d = parse_go_dump(text);
  ASSERT_EQ(d.goroutines.size(), 40001u);
  const std::vector<GoGroup> groups = group_go_dump(d);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0].members.size(), 20000u);
  EXPECT_EQ(groups[0].max_minutes, 6u);
  const std::vector<GoFinding> f = find_go_patterns(d);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0].bug, "recursive-rlock");
  EXPECT_EQ(f[0].goroutines.size(), 20001u);
  EXPECT_EQ(f[0].goroutines.back(), 7u);  // the writer last
  EXPECT_NE(f[0].text.find("; 19999 more goroutines wait the same way: 101, 102"), std::string::npos);
  EXPECT_NE(f[0].text.find(", 112, ... (19987 more)"), std::string::npos) << f[0].text.substr(0, 800);
  EXPECT_LT(f[0].text.size(), 1000u);
}

}  // namespace
}  // namespace locklab::present
