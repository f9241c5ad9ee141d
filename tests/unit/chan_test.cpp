// Chan<T>: Go's channel rules, recorded. Tests read as its specification;
// anything that could block forever runs under run_workload.
#include "locklab/sync/chan.h"

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

TEST(Chan, UnbufferedSendBlocksUntilAReceiverTakesTheValue) {
  std::atomic<bool> sent{false};
  int got = 0;
  const Trace trace = run_workload("rendezvous", [&](RunContext& ctx) {
    Chan<int> ch("jobs");
    ctx.go("sender", [&] {
      ch.send(42);
      sent = true;
    });
    wait_until(ctx, [&] { return ch.waiting_senders() == 1; }, "the sender is parked");
    sleep_for(5ms);
    EXPECT_FALSE(sent.load()) << "an unbuffered send returned before anyone received";
    EXPECT_EQ(ch.len(), 0u);  // the value waits with its sender, not in a buffer
    const auto [v, ok] = ch.recv();
    got = v;
    EXPECT_TRUE(ok);
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(got, 42);
  EXPECT_TRUE(sent.load());
}

TEST(Chan, UnbufferedReceiveBlocksUntilASenderComes) {
  std::atomic<bool> received{false};
  const Trace trace = run_workload("receiver-first", [&](RunContext& ctx) {
    Chan<std::string> ch("names");
    ctx.go("receiver", [&] {
      const auto r = ch.recv();
      EXPECT_EQ(r.value, "gopher");
      EXPECT_TRUE(r.ok);
      received = true;
    });
    wait_until(ctx, [&] { return ch.waiting_receivers() == 1; }, "the receiver is parked");
    EXPECT_FALSE(received.load());
    ch.send("gopher");  // a receiver waits: completes at once
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_TRUE(received.load());
}

TEST(Chan, BufferedChannelOfCapacityNAcceptsNSendsWithoutAReceiver) {
  Chan<int> ch("t.buf", 3);
  EXPECT_EQ(ch.cap(), 3u);
  ch.send(1);
  ch.send(2);
  ch.send(3);
  EXPECT_EQ(ch.len(), 3u);
  EXPECT_FALSE(ch.try_send(4));  // full: a send would block
  EXPECT_EQ(ch.recv().value, 1);
  EXPECT_TRUE(ch.try_send(4));
  EXPECT_EQ(ch.recv().value, 2);
  EXPECT_EQ(ch.recv().value, 3);
  EXPECT_EQ(ch.recv().value, 4);
  EXPECT_FALSE(ch.try_recv().has_value());  // empty, open: a receive would block
}

TEST(Chan, ASendOnAFullBufferBlocksUntilAReceiveFreesASlot) {
  std::atomic<bool> fourth_sent{false};
  std::vector<int> order;
  const Trace trace = run_workload("full-buffer", [&](RunContext& ctx) {
    Chan<int> ch("queue", 3);
    ctx.go("producer", [&] {
      for (int i = 1; i <= 3; ++i) ch.send(i);
      ch.send(4);  // blocks: the buffer is full
      fourth_sent = true;
    });
    wait_until(ctx, [&] { return ch.waiting_senders() == 1; }, "the fourth send is parked");
    EXPECT_EQ(ch.len(), 3u);
    EXPECT_FALSE(fourth_sent.load());
    order.push_back(ch.recv().value);  // frees a slot: the blocked value moves in behind 2 and 3
    ctx.join_all();
    EXPECT_TRUE(fourth_sent.load());
    for (int i = 0; i < 3; ++i) order.push_back(ch.recv().value);
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3, 4}));
}

TEST(Chan, AClosedChannelDrainsItsBufferThenYieldsTheZeroValueAndNotOk) {
  Chan<std::string> ch("t.words", 3);
  ch.send("a");
  ch.send("b");
  ch.close();
  EXPECT_TRUE(ch.closed());
  auto r = ch.recv();
  EXPECT_EQ(r.value, "a");
  EXPECT_TRUE(r.ok);
  r = ch.recv();
  EXPECT_EQ(r.value, "b");
  EXPECT_TRUE(r.ok);
  for (int i = 0; i < 3; ++i) {  // at once, forever
    r = ch.recv();
    EXPECT_EQ(r.value, "");
    EXPECT_FALSE(r.ok);
  }
  const auto t = ch.try_recv();
  ASSERT_TRUE(t.has_value());
  EXPECT_FALSE(t->ok);
}

TEST(Chan, CloseWakesEveryBlockedReceiverWithTheZeroValue) {
  std::atomic<int> not_ok{0};
  const Trace trace = run_workload("close-wakes", [&](RunContext& ctx) {
    Chan<int> done("done");
    for (int i = 0; i < 3; ++i)
      ctx.go("waiter-" + std::to_string(i), [&] {
        const auto [v, ok] = done.recv();
        if (!ok && v == 0) not_ok.fetch_add(1);
      });
    wait_until(ctx, [&] { return done.waiting_receivers() == 3; }, "three receivers are parked");
    done.close();  // Go's broadcast idiom
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(not_ok.load(), 3);
}

TEST(Chan, RangeReceivesUntilClosedAndDrainedAndChargesTheLoopsLine) {
  int sum = 0, count = 0, loop_line = 0;
  std::uint32_t chan_id = 0;
  const Trace trace = run_workload("range", [&](RunContext& ctx) {
    Chan<int> ch("numbers", 2);
    chan_id = ch.id();
    ctx.go("producer", [&] {
      for (int i = 1; i <= 10; ++i) ch.send(i);
      ch.close();
    });
    loop_line = __LINE__ + 1;
    for (int v : ch) {
      sum += v;
      ++count;
    }
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  EXPECT_EQ(count, 10);
  EXPECT_EQ(sum, 55);
  int receives = 0;
  for (const Event& e : trace.events) {
    if (e.kind != EventKind::kChanReceived || e.object != chan_id) continue;
    ++receives;
    EXPECT_EQ(trace.sites[e.site].line, static_cast<std::uint32_t>(loop_line));
  }
  EXPECT_EQ(receives, 11);  // ten values and the final !ok
}

TEST(Chan, ManyProducersAndConsumersLoseAndDuplicateNothing) {
  for (const std::size_t capacity : {std::size_t{0}, std::size_t{1}, std::size_t{16}}) {
    constexpr int kProducers = 3, kConsumers = 3, kEach = 2000;
    std::atomic<long> sum{0};
    std::atomic<int> count{0};
    const Trace trace = run_workload("mpmc", [&](RunContext& ctx) {
      Chan<int> ch("work", capacity);
      Chan<int> finished("finished", kProducers);
      for (int p = 0; p < kProducers; ++p)
        ctx.go("producer-" + std::to_string(p), [&, p] {
          for (int i = 0; i < kEach; ++i) ch.send(p * kEach + i + 1);
          finished.send(p);
        });
      for (int c = 0; c < kConsumers; ++c)
        ctx.go("consumer-" + std::to_string(c), [&] {
          for (int v : ch) {
            sum.fetch_add(v, std::memory_order_relaxed);
            count.fetch_add(1, std::memory_order_relaxed);
          }
        });
      for (int p = 0; p < kProducers; ++p) finished.recv();
      ch.close();
      ctx.join_all();
    }, bounded());
    ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << "capacity " << capacity << ": "
                                                           << trace.verdict.summary;
    constexpr long kN = long{kProducers} * kEach;
    EXPECT_EQ(count.load(), kN) << "capacity " << capacity;
    EXPECT_EQ(sum.load(), kN * (kN + 1) / 2) << "capacity " << capacity;
  }
}

TEST(Chan, OneSendersValuesArriveInOrder) {
  std::vector<int> got;
  const Trace trace = run_workload("fifo", [&](RunContext& ctx) {
    Chan<int> ch("ordered", 4);
    ctx.go("producer", [&] {
      for (int i = 0; i < 1000; ++i) ch.send(i);
      ch.close();
    });
    for (int v : ch) got.push_back(v);
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  ASSERT_EQ(got.size(), 1000u);
  for (int i = 0; i < 1000; ++i) ASSERT_EQ(got[static_cast<std::size_t>(i)], i);
}

TEST(Chan, ABlockedReceiveIsRecordedAndProfiledAtItsLine) {
  std::uint32_t chan_id = 0;
  int recv_line = 0;
  const Trace trace = run_workload("profile", [&](RunContext& ctx) {
    Chan<int> ch("results");
    chan_id = ch.id();
    ctx.go("slow-sender", [&] {
      io(30ms);
      ch.send(7);
    });
    recv_line = __LINE__ + 1;
    EXPECT_EQ(ch.recv().value, 7);
    ch.close();
    ctx.join_all();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  const CounterRow* row = nullptr;
  for (const CounterRow& r : trace.waits)
    if (r.object == chan_id) row = &r;
  ASSERT_NE(row, nullptr) << "the receive's wait is not in the contention profile";
  EXPECT_EQ(trace.sites[row->site].line, static_cast<std::uint32_t>(recv_line));
  EXPECT_EQ(row->count, 1u);
  EXPECT_EQ(row->mode, LockMode::kNone);
  EXPECT_GT(row->total_ns, 10'000'000u);  // most of the sender's 30 ms
  int recv_waits = 0, received = 0, sent = 0, closes = 0;
  for (const Event& e : trace.events) {
    if (e.object != chan_id) continue;
    recv_waits += e.kind == EventKind::kChanRecvWait;
    received += e.kind == EventKind::kChanReceived;
    sent += e.kind == EventKind::kChanSent;
    closes += e.kind == EventKind::kChanClose;
  }
  EXPECT_EQ(recv_waits, 1);
  EXPECT_EQ(received, 1);
  EXPECT_EQ(sent, 1);
  EXPECT_EQ(closes, 1);
}

TEST(Chan, EventsCarryTheBufferLengthAfterTheOperation) {
  std::uint32_t chan_id = 0;
  const Trace trace = run_workload("lengths", [&](RunContext&) {
    Chan<int> ch("queue", 4);
    chan_id = ch.id();
    ch.send(1);
    ch.send(2);
    ch.recv();
    ch.close();
  }, bounded());
  ASSERT_EQ(trace.verdict.kind, VerdictKind::kCompleted) << trace.verdict.summary;
  std::vector<std::uint64_t> args;
  for (const Event& e : trace.events)
    if (e.object == chan_id) args.push_back(e.arg);
  EXPECT_EQ(args, (std::vector<std::uint64_t>{1, 2, 1, 1}));  // sent, sent, received, close
}

TEST(Chan, SendOnAClosedChannelInARunIsAPanicVerdict) {
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("send-after-close", [](RunContext&) {
    Chan<int> ch("jobs", 1);
    ch.close();
    ch.send(1);
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: send on closed channel jobs"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Chan, CloseOfAClosedChannelInARunIsAPanicVerdict) {
  const Trace trace = run_workload("double-close", [](RunContext&) {
    Chan<int> ch("done");
    ch.close();
    ch.close();
    ADD_FAILURE() << "a panic unwinds the thread";
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: close of closed channel done"), std::string::npos)
      << trace.verdict.summary;
}

TEST(Chan, ClosingUnderABlockedSenderPanicsTheSender) {
  const Trace trace = run_workload("close-under-sender", [](RunContext& ctx) {
    Chan<int> ch("results");
    ctx.go("sender", [&] { ch.send(1); });
    wait_until(ctx, [&] { return ch.waiting_senders() == 1; }, "the sender is parked");
    ch.close();
    ctx.join_all();
  }, bounded());
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kPanic) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("panic: send on closed channel results"), std::string::npos)
      << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("(sender)"), std::string::npos) << trace.verdict.summary;
}

TEST(ChanDeathTest, SendOnAClosedChannelOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Chan<int> ch("t.ch", 1);
        ch.close();
        ch.send(1);
      },
      "locklab: panic: send on closed channel t.ch .*chan_test.cpp:[0-9]+");
}

TEST(ChanDeathTest, CloseOfAClosedChannelOutsideARunIsFatal) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Chan<int> ch("t.ch");
        ch.close();
        ch.close();
      },
      "locklab: panic: close of closed channel t.ch");
}

TEST(Chan, AReceiveNobodySendsToEndsWithADeadlockVerdictNotAHang) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("no-sender", [](RunContext& ctx) {
    Chan<int> jobs("jobs");
    ctx.go("worker", [&] { jobs.recv(); });
    // Join only once the worker is parked: a thread the OS has not run yet
    // is not blocked (the watchdog would say "no progress").
    wait_until(ctx, [&] { return jobs.waiting_receivers() == 1; }, "the worker is parked");
    ctx.join_all();
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("all threads are asleep - deadlock! (2 threads blocked"), std::string::npos) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting to receive from jobs at chan_test.cpp:"),
            std::string::npos)
      << trace.verdict.detail;
}

TEST(Chan, ASendNobodyReceivesEndsWithADeadlockVerdictNotAHang) {
  RunConfig config = bounded();
  config.watchdog_ms = 300;
  const auto start = std::chrono::steady_clock::now();
  const Trace trace = run_workload("no-receiver", [](RunContext&) {
    Chan<int> results("results");
    results.send(1);  // main blocks: nobody will ever receive
  }, config);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 5s);
  EXPECT_EQ(trace.verdict.kind, VerdictKind::kDeadlock) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.summary.find("all threads are asleep - deadlock! (1 thread blocked"), std::string::npos) << trace.verdict.summary;
  EXPECT_NE(trace.verdict.detail.find("waiting to send on results at chan_test.cpp:"), std::string::npos)
      << trace.verdict.detail;
}

}  // namespace
}  // namespace locklab
