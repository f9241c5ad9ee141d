// Select: Go's select rules, recorded. Tests read as its specification;
// anything that could block forever runs under run_workload.
#include "locklab/sync/select.h"

#include <gtest/gtest.h>

#include "lab_threads.h"

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <string>
#include <vector>

#include "locklab/run/runner.h"
#include "locklab/sync/work.h"

namespace locklab {
namespace {

using testing::bounded;
using testing::wait_until;

using namespace std::chrono_literals;

TEST(Select, DefaultRunsWhenNoCaseIsReady) {
  Chan<int> ch("t.empty", 1);
  bool got = false, defaulted = false;
  Select sel;
  sel.recv(ch, [&](int, bool) { got = true; }).default_([&] { defaulted = true; });
  EXPECT_EQ(sel.wait(), 1);
  EXPECT_FALSE(got);
  EXPECT_TRUE(defaulted);
}

TEST(Select, AReadyCaseBeatsTheDefault) {
  Chan<int> ch("t.ready", 1);
  ch.send(5);
  int got = 0;
  Select sel;
  sel.default_().recv(ch, [&](int v) { got = v; });
  EXPECT_EQ(sel.wait(), 1);
  EXPECT_EQ(got, 5);
  EXPECT_EQ(ch.len(), 0u);
}

TEST(Select, ASendCaseWithRoomSendsItsValue) {
  Chan<std::string> ch("t.out", 1);
  bool sent = false;
  Select sel;
  sel.send(ch, "hello", [&] { sent = true; }).default_();
  EXPECT_EQ(sel.wait(), 0);
  EXPECT_TRUE(sent);
  EXPECT_EQ(ch.recv().value, "hello");
}

TEST(Select, ASendCaseThatIsNotChosenSendsNothing) {
  Chan<int> full("t.full", 1), ready("t.ready", 1);
  full.send(1);
  ready.send(2);
  Select sel;
  sel.send(full, 99).recv(ready);
  EXPECT_EQ(sel.wait(), 1);
  EXPECT_EQ(full.len(), 1u);
  EXPECT_EQ(full.recv().value, 1);
}

TEST(Select, AClosedChannelsReceiveCaseIsReadyWithNotOk) {
  Chan<int> ch("t.closed");
  ch.close();
  bool ok = true;
  int value = -1;
  Select sel;
  sel.recv(ch, [&](int v, bool k) {
    value = v;
    ok = k;
  });
  EXPECT_EQ(sel.wait(), 0);
  EXPECT_EQ(value, 0);
  EXPECT_FALSE(ok);
}

TEST(Select, ANilChannelCaseIsNeverReady) {
  Chan<int>* nil = nullptr;
  Chan<int> other("t.other", 1);
  other.send(3);
  Select a;
  a.recv(nil).default_();
  EXPECT_EQ(a.wait(), 1);
  Select b;
  b.send(nil, 1).recv(other);
  EXPECT_EQ(b.wait(), 1);
}

TEST(Select, IsNotBiasedAmongReadyCases) {
  // Go: "If one or more of the communications can proceed, a single one that
  // can proceed is chosen via a uniform pseudo-random selection."
  constexpr int kSelects = 10'000;
  int first = 0, second = 0;
  RunConfig config = bounded();
  config.seed = 20240601;
  const Trace trace = run_workload("fair", [&](RunContext&) {
    Chan<int> a("a", kSelects), b("b", kSelects);
    for (int i = 0; i < kSelects; ++i) {
      a.send(i);
      b.send(i);
    }
    for (int i = 0; i < kSelects; ++i) {
      Select sel;
      sel.recv(a, [&] { ++first; }).recv(b, [&] { ++second; });
      sel.wait();
    }
  }, config);
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(first + second, kSelects);
  EXPECT_GE(first, kSelects * 45 / 100) << first << " of " << kSelects;
  EXPECT_LE(first, kSelects * 55 / 100) << first << " of " << kSelects;
}

TEST(Select, TheSameSeedRepeatsTheSameChoices) {
  auto choices = [](std::uint64_t seed) {
    std::vector<int> out;
    RunConfig config = bounded();
    config.seed = seed;
    const Trace trace = run_workload("repeat", [&](RunContext&) {
      Chan<int> a("a"), b("b"), c("c");
      a.close();
      b.close();
      c.close();
      for (int i = 0; i < 64; ++i) {
        Select sel;
        out.push_back(sel.recv(a).recv(b).recv(c).wait());
      }
    }, config);
    EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
    return out;
  };
  EXPECT_EQ(choices(7), choices(7));
  EXPECT_NE(choices(7), choices(8));
}

TEST(Select, TheTimeoutCaseRunsWhenNothingBecomesReady) {
  Chan<int> ch("t.never");
  bool timed_out = false;
  const auto start = std::chrono::steady_clock::now();
  Select sel;
  sel.recv(ch).timeout(20ms, [&] { timed_out = true; });
  EXPECT_EQ(sel.wait(), 1);
  const auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(timed_out);
  EXPECT_GE(took, 20ms);
  EXPECT_LT(took, 2s);
  EXPECT_EQ(ch.waiting_receivers(), 0u);  // the select left the channel's queue
}

TEST(Select, BlocksUntilOneChannelGetsAValueAndLeavesTheOthers) {
  int got = 0, chosen = -1;
  const Trace trace = run_workload("wait-any", [&](RunContext& ctx) {
    Chan<int> a("a"), b("b");
    ctx.go("selector", [&] {
      Select sel;
      sel.recv(a, [&](int v) { got = -v; }).recv(b, [&](int v) { got = v; });
      chosen = sel.wait();
    });
    wait_until(ctx, [&] { return a.waiting_receivers() == 1 && b.waiting_receivers() == 1; },
               "the select waits on both channels");
    b.send(42);
    ctx.join_all();
    EXPECT_EQ(a.waiting_receivers(), 0u);
    EXPECT_EQ(b.waiting_receivers(), 0u);
    EXPECT_FALSE(a.try_send(1));  // nobody is left waiting on a
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(chosen, 1);
  EXPECT_EQ(got, 42);
}

TEST(Select, ABlockedSendCaseCompletesWhenAReceiverComes) {
  int got = 0;
  const Trace trace = run_workload("send-case", [&](RunContext& ctx) {
    Chan<int> out("out"), quit("quit");
    int chosen = -1;
    ctx.go("selector", [&] {
      Select sel;
      chosen = sel.send(out, 7).recv(quit).wait();
    });
    wait_until(ctx, [&] { return out.waiting_senders() == 1; }, "the send case waits");
    got = out.recv().value;
    ctx.join_all();
    EXPECT_EQ(chosen, 0);
    EXPECT_EQ(quit.waiting_receivers(), 0u);
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(got, 7);
}

TEST(Select, TwoCasesOnOneChannelCompleteOnce) {
  int calls = 0;
  const Trace trace = run_workload("same-channel", [&](RunContext& ctx) {
    Chan<int> ch("ch");
    ctx.go("selector", [&] {
      Select sel;
      sel.recv(ch, [&] { ++calls; }).recv(ch, [&] { ++calls; });
      sel.wait();
    });
    wait_until(ctx, [&] { return ch.waiting_receivers() == 2; }, "both cases wait");
    ch.send(1);
    ctx.join_all();
    EXPECT_EQ(ch.waiting_receivers(), 0u);
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(calls, 1);
}

TEST(Select, ExactlyOneCaseCompletesPerSelectUnderContention) {
  // Selectors wait on two channels while producers send to both and other
  // selectors send too: every value must be received exactly once.
  constexpr int kSelectors = 3, kProducers = 2, kEach = 1500;
  std::atomic<long> sum{0};
  std::atomic<int> received{0};
  const Trace trace = run_workload("select-stress", [&](RunContext& ctx) {
    Chan<int> a("a"), b("b", 2), quit("quit");
    for (int s = 0; s < kSelectors; ++s)
      ctx.go("selector-" + std::to_string(s), [&] {
        for (bool done = false; !done;) {
          Select sel;
          sel.recv(a, [&](int v) { sum += v, ++received; })
              .recv(b, [&](int v) { sum += v, ++received; })
              .recv(quit, [&] { done = true; });
          sel.wait();
        }
      });
    for (int p = 0; p < kProducers; ++p)
      ctx.go("producer-" + std::to_string(p), [&, p] {
        for (int i = 1; i <= kEach; ++i) {
          // Alternate plain sends and selects that send to either channel.
          const int v = p * kEach + i;
          if (i % 2) {
            (i % 4 == 1 ? a : b).send(v);
          } else {
            Select sel;
            sel.send(a, v).send(b, v);
            sel.wait();
          }
        }
      });
    wait_until(ctx, [&] { return received.load() == kProducers * kEach; }, "every value is received");
    quit.close();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  constexpr long kN = long{kProducers} * kEach;
  EXPECT_EQ(received.load(), kN);
  EXPECT_EQ(sum.load(), kN * (kN + 1) / 2);
}

TEST(Select, RecordsTheWaitAndTheChosenCase) {
  std::uint32_t b_id = 0;
  int select_line = 0;
  const Trace trace = run_workload("select-events", [&](RunContext& ctx) {
    Chan<int> a("a"), b("b");
    b_id = b.id();
    ctx.go("sender", [&] {
      io(20ms);
      b.send(1);
    });
    Select sel;
    sel.recv(a).recv(b);
    select_line = __LINE__ + 1;
    sel.wait();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  int waits = 0, chosen = 0;
  for (const Event& e : trace.events) {
    if (e.kind == EventKind::kSelectWait) {
      ++waits;
      EXPECT_EQ(trace.sites[e.site].line, static_cast<std::uint32_t>(select_line));
    }
    if (e.kind == EventKind::kSelectChosen) {
      ++chosen;
      EXPECT_EQ(e.arg, 1u);
      EXPECT_EQ(e.object, b_id);
    }
  }
  EXPECT_EQ(waits, 1);
  EXPECT_EQ(chosen, 1);
  const CounterRow* row = nullptr;
  for (const CounterRow& r : trace.waits)
    if (r.object == b_id) row = &r;
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->count, 1u);
  EXPECT_EQ(trace.sites[row->site].line, static_cast<std::uint32_t>(select_line));
}

TEST(Select, ASendCaseOnAClosedChannelInARunIsAPanicVerdict) {
  const Trace trace = run_workload("select-send-closed", [](RunContext&) {
    Chan<int> out("out", 1);
    out.close();
    Select sel;
    sel.send(out, 1).default_();
    sel.wait();
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: send on closed channel out"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Select, ClosingTheChannelOfAWaitingSendCasePanicsTheSelector) {
  const Trace trace = run_workload("select-send-closed-later", [](RunContext& ctx) {
    Chan<int> out("out"), other("other");
    ctx.go("selector", [&] {
      Select sel;
      sel.send(out, 1).recv(other);
      sel.wait();
    });
    wait_until(ctx, [&] { return out.waiting_senders() == 1; }, "the select waits");
    out.close();
    ctx.join_all();
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: send on closed channel out (in T"), std::string::npos)
      << trace.verdict.summary;
}

TEST(SelectDeathTest, ASendCaseOnAClosedChannelOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Chan<int> out("t.out", 1);
        out.close();
        Select sel;
        sel.send(out, 1);
        sel.wait();
      },
      "locklab: panic: send on closed channel t.out");
}

TEST(SelectDeathTest, DefaultAndTimeoutTogetherAreMisuse) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Select sel;
        sel.default_().timeout(1ms);
      },
      "locklab: select: a default case and a timeout case together");
}

TEST(SelectDeathTest, WaitingTwiceIsMisuse) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Select sel;
        sel.default_();
        sel.wait();
        sel.wait();
      },
      "locklab: select: wait\\(\\) called twice");
}

TEST(Select, ASelectNothingCanCompleteEndsWithADeadlockVerdictNotAHang) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("select-forever", [](RunContext&) {
    Chan<int> jobs("jobs"), quit("quit");
    Select sel;
    sel.recv(jobs).recv(quit);
    sel.wait();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting in a select (first case on jobs) at select_test.cpp:"),
            std::string::npos)
      << trace.verdict.detail;
}

TEST(Select, AWaitWithATimeoutLongerThanTheWatchdogIsNotADeadlock) {
  RunConfig config = bounded();
  config.watchdog_ms = 100;
  int chosen = -1;
  const Trace trace = run_workload("patient", [&](RunContext&) {
    Chan<int> jobs("jobs");
    Select sel;
    sel.recv(jobs).timeout(400ms);
    chosen = sel.wait();
  }, config);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(chosen, 1);
}

TEST(Select, AnEmptySelectBlocksForeverLikeGosSelectBraces) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("select-empty", [](RunContext&) {
    Select sel;  // select {}
    sel.wait();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting in a select with no case that can proceed"), std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
