// Select: Go's select statement over channel operations, instrumented.
//
//   Select sel;
//   sel.recv(jobs, [&](Job j, bool ok) { ... });   // case j, ok := <-jobs
//   sel.send(results, r, [&] { ... });             // case results <- r
//   sel.timeout(50ms, [&] { ... });                // case <-time.After(50ms)
//   const int chosen = sel.wait();                 // the case's index (0, 1, 2)
//
// Cases are numbered in the order they are added (default and timeout
// included). wait() runs one case and returns its index:
//   - if one or more channel cases can proceed at once, it picks one of
//     them uniformly at random (Go's rule: no case is favoured, so a busy
//     channel cannot starve another), performs it and runs its handler;
//   - else, with a default case, it runs the default at once;
//   - else it blocks until one channel case can proceed, or the timeout
//     case's duration (measured from wait()) has passed.
// A recv handler may take (T value, bool ok), (T value) or nothing; ok is
// false when the channel was closed (value is then T{}). A send or
// default/timeout handler takes nothing. Every handler is optional.
//
// Go's rules carried over: a null Chan<T>* is Go's nil channel, a case that
// is never ready (the idiom for switching a case off); a select with no case
// that can ever proceed and no default blocks forever (Go's `select {}`),
// which here means until the runner cancels the run; a send case on a closed
// channel is a Go panic ("send on closed channel <name>") when it is the
// case examined, or when the channel is closed while the select waits on it.
//
// Misuse (fatal): two default cases, a default and a timeout together
// (the timeout could never happen), adding a case after wait(), calling
// wait() twice. A Select is one select statement: build a new one each time
// (in a loop, inside the loop body).
//
// How it blocks (the classic hard part, done as Go's runtime/select.go does):
// wait() locks every case's channel (in address order, so two selects never
// deadlock on each other), polls the cases in a random order, and if none
// can proceed queues one wait node per case on its channel, all pointing to
// the one parked thread and one shared `winner` word, then unlocks and
// parks. The first operation to complete a case wins a compare-and-swap on
// `winner` and does the transfer; operations on the other channels find the
// word taken and skip those nodes. On waking, the thread locks every
// channel again and removes its remaining nodes. Timeouts and cancellation
// claim `winner` themselves under those locks, so a case can never complete
// after the select has left.
//
// Randomness: the choice among ready cases comes from the calling thread's
// generator, seeded from the run's seed (RunConfig::seed) and the thread's
// id, so a run repeats its choices.
//
// Recording: a blocked select is WaitKind::kSelect (kSelectWait; the wait's
// object is the first channel case's channel) and is counted at wait()'s
// site in the contention profile. With a timeout case the thread's state is
// kSleeping rather than kWaiting while it waits: it will wake by itself, so
// the watchdog does not count it as blocked (Go's deadlock check likewise
// ignores goroutines a pending timer will wake). kSelectChosen (object: the
// chosen channel, 0 for default/timeout; arg: the case index) ends every
// select; a channel case also records its kChanSent / kChanReceived.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <type_traits>
#include <utility>
#include <vector>

#include "locklab/core/annotations.h"
#include "locklab/sync/chan.h"
#include "locklab/core/site.h"

namespace locklab {

namespace detail {

/// A handler that does nothing (the default for every case).
struct Ignore {
  template <class... A>
  void operator()(A&&...) const noexcept {}
};

/// One case of a select. The typed parts (the value, the handler) live in
/// the subclasses below; Select sees them through elem() and run().
struct SelectCase {
  enum class Kind : std::uint8_t { kSend, kRecv, kDefault, kTimeout };
  SelectCase(Kind k, ChanBase* c) noexcept : kind(k), ch(c) {}
  virtual ~SelectCase() = default;
  /// send: the value to send (T*); recv: where the received value lands.
  virtual void* elem() noexcept { return nullptr; }
  /// Runs the handler. `ok`: recv got a value (false: closed).
  virtual void run(bool ok) = 0;

  const Kind kind;
  ChanBase* const ch;  // the channel; null for default/timeout and for a nil channel
};

template <class T, class F>
struct RecvCase final : SelectCase {
  RecvCase(ChanBase* c, F f, std::shared_ptr<void> keep)
      : SelectCase(Kind::kRecv, c), handler(std::move(f)), keep_alive(std::move(keep)) {}
  void* elem() noexcept override { return &value; }
  void run(bool ok) override {
    if constexpr (std::is_invocable_v<F&, T&&, bool>) handler(std::move(value), ok);
    else if constexpr (std::is_invocable_v<F&, T&&>) handler(std::move(value));
    else handler();
  }
  T value{};
  F handler;
  std::shared_ptr<void> keep_alive;  // a channel held by shared_ptr (after()) stays alive
};

template <class T, class F>
struct SendCase final : SelectCase {
  SendCase(ChanBase* c, T v, F f) : SelectCase(Kind::kSend, c), value(std::move(v)), handler(std::move(f)) {}
  void* elem() noexcept override { return &value; }
  void run(bool) override { handler(); }
  T value;
  F handler;
};

template <class F>
struct PlainCase final : SelectCase {
  PlainCase(Kind k, F f) : SelectCase(k, nullptr), handler(std::move(f)) {}
  void run(bool) override { handler(); }
  F handler;
};

}  // namespace detail

class Select {
 public:
  Select() = default;
  Select(const Select&) = delete;
  Select& operator=(const Select&) = delete;

  // ---- receive cases ---------------------------------------------------
  template <class T, class F = detail::Ignore>
  Select& recv(Chan<T>& ch, F on_recv = {}) {
    return add(std::make_unique<detail::RecvCase<T, F>>(&ch, std::move(on_recv), nullptr));
  }
  /// A null `ch` is a nil channel: the case is never ready.
  template <class T, class F = detail::Ignore>
  Select& recv(Chan<T>* ch, F on_recv = {}) {
    return add(std::make_unique<detail::RecvCase<T, F>>(ch, std::move(on_recv), nullptr));
  }
  /// Keeps the channel alive for the select (after()'s channel).
  template <class T, class F = detail::Ignore>
  Select& recv(const std::shared_ptr<Chan<T>>& ch, F on_recv = {}) {
    return add(std::make_unique<detail::RecvCase<T, F>>(ch.get(), std::move(on_recv), ch));
  }

  // ---- send cases: `value` is sent only if this case is chosen -----------
  template <class T, class F = detail::Ignore>
  Select& send(Chan<T>& ch, std::type_identity_t<T> value, F on_sent = {}) {
    return add(std::make_unique<detail::SendCase<T, F>>(&ch, std::move(value), std::move(on_sent)));
  }
  template <class T, class F = detail::Ignore>
  Select& send(Chan<T>* ch, std::type_identity_t<T> value, F on_sent = {}) {
    return add(std::make_unique<detail::SendCase<T, F>>(ch, std::move(value), std::move(on_sent)));
  }

  // ---- default and timeout -----------------------------------------------
  /// Runs when no channel case can proceed at once (Go's `default:`).
  template <class F = detail::Ignore>
  Select& default_(F on_default = {}) {
    return add(std::make_unique<detail::PlainCase<F>>(detail::SelectCase::Kind::kDefault, std::move(on_default)));
  }
  /// Runs when no channel case could proceed within `d` of wait()'s start.
  template <class F = detail::Ignore>
  Select& timeout(std::chrono::nanoseconds d, F on_timeout = {}) {
    timeout_ = d;
    return add(std::make_unique<detail::PlainCase<F>>(detail::SelectCase::Kind::kTimeout, std::move(on_timeout)));
  }

  /// Runs one case (see the top of this file); returns its index. May throw
  /// Cancelled (the run is ending) and whatever the chosen handler throws.
  int wait(Site site = Site::current());

  std::size_t size() const noexcept { return cases_.size(); }

 private:
  Select& add(std::unique_ptr<detail::SelectCase> c);
  // The cases' channels, each once, in address order: the one order every
  // select locks them in, so two selects never deadlock on each other.
  std::vector<detail::ChanBase*> channels() const;
  // Lock set of run-time size: beyond the analysis, so these two are the
  // only places it is taken and released.
  static void lock_all(const std::vector<detail::ChanBase*>& chans) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS;
  static void unlock_all(const std::vector<detail::ChanBase*>& chans) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS;
  // Performs the chosen case's bookkeeping and handler; returns `index`.
  int finish(ThreadRecord& self, std::uint64_t site, int index, bool ok, std::size_t len);

  std::vector<std::unique_ptr<detail::SelectCase>> cases_;  // in the order added
  int default_index_ = -1;
  int timeout_index_ = -1;
  std::chrono::nanoseconds timeout_{0};
  bool waited_ = false;
};

}  // namespace locklab
