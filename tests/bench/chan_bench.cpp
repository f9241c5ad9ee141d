// What a lab channel costs: values per second between two threads through
// Chan<T> (unbuffered and buffered, recording on and off) against a plain
// std::mutex + std::condition_variable queue of the same capacity; and the
// cost of one select over two ready channels.
//
// Each transfer benchmark runs a producer thread that sends exactly as many
// values as the benchmark thread receives, so items/s is values moved.
#include <benchmark/benchmark.h>

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>

#include "locklab/sync/chan.h"
#include "locklab/core/runtime.h"
#include "locklab/sync/select.h"

namespace {

using locklab::Runtime;

void begin(bool record) {
  locklab::RuntimeOptions options;
  options.record = record;
  options.events_per_thread = std::size_t{1} << 20;
  Runtime::get().begin_run(options);
}

// Recording into a buffer that never fills: each thread rewinds its own
// buffer now and then (cheap, per-thread, no pause needed).
struct Rewinder {
  bool on;
  std::int64_t n = 0;
  void tick() {
    if (on && ++n >= (1 << 18)) {
      Runtime::self().reset_events();
      n = 0;
    }
  }
};

// The baseline: a bounded FIFO on std::mutex + std::condition_variable.
// Capacity 0 is a rendezvous like an unbuffered channel: the sender waits
// until its value has been taken.
class StdQueue {
 public:
  explicit StdQueue(std::size_t capacity) : cap_(capacity) {}
  void send(int v) {
    std::unique_lock<std::mutex> l(mu_);
    const std::size_t limit = cap_ == 0 ? 1 : cap_;
    not_full_.wait(l, [&] { return q_.size() < limit; });
    q_.push_back(v);
    const std::uint64_t ticket = ++pushed_;
    not_empty_.notify_one();
    if (cap_ == 0) taken_cv_.wait(l, [&] { return taken_ >= ticket; });
  }
  int recv() {
    std::unique_lock<std::mutex> l(mu_);
    not_empty_.wait(l, [&] { return !q_.empty(); });
    const int v = q_.front();
    q_.pop_front();
    ++taken_;
    not_full_.notify_one();
    if (cap_ == 0) taken_cv_.notify_one();
    return v;
  }

 private:
  const std::size_t cap_;
  std::mutex mu_;
  std::condition_variable not_full_, not_empty_, taken_cv_;
  std::deque<int> q_;
  std::uint64_t pushed_ = 0, taken_ = 0;
};

void BM_StdQueueTransfer(benchmark::State& state) {
  const auto capacity = static_cast<std::size_t>(state.range(0));
  StdQueue q(capacity);
  const std::int64_t n = static_cast<std::int64_t>(state.max_iterations);
  std::thread producer([&] {
    for (std::int64_t i = 0; i < n; ++i) q.send(static_cast<int>(i));
  });
  for (auto _ : state) benchmark::DoNotOptimize(q.recv());
  producer.join();
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(capacity ? "capacity " + std::to_string(capacity) : "rendezvous");
}
BENCHMARK(BM_StdQueueTransfer)->Arg(0)->Arg(64)->UseRealTime();

void BM_LabChanTransfer(benchmark::State& state) {
  const auto capacity = static_cast<std::size_t>(state.range(0));
  const bool record = state.range(1) != 0;
  begin(record);
  locklab::Chan<int> ch("bench.ch", capacity);
  const std::int64_t n = static_cast<std::int64_t>(state.max_iterations);
  std::thread producer([&] {
    Rewinder rw{record};
    for (std::int64_t i = 0; i < n; ++i) {
      ch.send(static_cast<int>(i));
      rw.tick();
    }
  });
  Rewinder rw{record};
  for (auto _ : state) {
    benchmark::DoNotOptimize(ch.recv().value);
    rw.tick();
  }
  producer.join();
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(std::string(capacity ? "capacity " + std::to_string(capacity) : "unbuffered") +
                 (record ? ", recording on" : ", recording off"));
}
BENCHMARK(BM_LabChanTransfer)
    ->ArgNames({"cap", "record"})
    ->Args({0, 0})
    ->Args({0, 1})
    ->Args({64, 0})
    ->Args({64, 1})
    ->UseRealTime();

// One thread, no waiting: the cost of the channel operation itself.
void BM_LabChanSendRecvOneThread(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  begin(record);
  locklab::Chan<int> ch("bench.ch", 1);
  Rewinder rw{record};
  for (auto _ : state) {
    ch.send(1);
    benchmark::DoNotOptimize(ch.recv().value);
    rw.tick();
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabChanSendRecvOneThread)->Arg(0)->Arg(1);

// select over two always-ready channels (both closed: a receive on either
// completes at once), so the figure is select's own cost: building the
// cases, the random pick, locking both channels.
void BM_LabSelectTwoReady(benchmark::State& state) {
  const bool record = state.range(0) != 0;
  begin(record);
  locklab::Chan<int> a("bench.a"), b("bench.b");
  a.close();
  b.close();
  Rewinder rw{record};
  std::int64_t first = 0;
  for (auto _ : state) {
    locklab::Select sel;
    sel.recv(a).recv(b);
    first += sel.wait() == 0;
    rw.tick();
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["first_share"] = static_cast<double>(first) / static_cast<double>(state.iterations());
  state.SetLabel(record ? "recording on" : "recording off");
}
BENCHMARK(BM_LabSelectTwoReady)->Arg(0)->Arg(1);

// The same receive without select, for scale.
void BM_LabRecvClosed(benchmark::State& state) {
  begin(false);
  locklab::Chan<int> a("bench.a");
  a.close();
  for (auto _ : state) benchmark::DoNotOptimize(a.recv().ok);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LabRecvClosed);

}  // namespace
