// Chan<T>: Go's channel, instrumented. A typed pipe between threads, with
// Go's rules for blocking, closing and misuse.
//
//   Chan<Job> jobs("jobs");          // unbuffered: every send is a rendezvous
//   Chan<Job> jobs("jobs", 64);      // buffered: up to 64 values wait in it
//
//   send(v)    unbuffered: blocks until a receiver has taken v. Buffered:
//              blocks while the buffer is full. Sending on a closed channel
//              is a Go panic ("send on closed channel <name>"), and so is a
//              close() while the sender is blocked.
//   recv()     blocks until a value is there; returns {value, ok = true}. On
//              a closed channel it first drains the buffer, then returns
//              {T{}, ok = false} at once, forever (Go's zero value and !ok).
//   close()    no more sends. Wakes every blocked receiver (they get T{},
//              false) and every blocked sender (they panic). Closing twice is
//              a Go panic ("close of closed channel <name>").
//   try_send(v) / try_recv()   never block: Go's select with one case and a
//              default (false / nullopt when the operation would block).
//   for (T v : ch) ...        receives until the channel is closed and drained
//              (Go's `for v := range ch`). The loop's line is charged.
//   len(), cap()              a moment's snapshot; cap() is fixed.
//   Destroying a channel while a thread waits on it aborts ("locklab:
//   channel <name> destroyed while ..."): it must outlive its operations.
//
// A Go panic is detail::panic: during a run it ends the run with a kPanic
// verdict and a report; outside a run it is fatal ("locklab: panic: ...").
// Go's nil channel (blocks forever) has no object here: pass a null
// Chan<T>* to a select case (select.h) to disable it, Go's idiom.
//
// Policy (why): waiting senders and receivers queue FIFO, and a value goes
// straight from a sender to a waiting receiver (and from a waiting sender
// into the buffer slot a receiver just freed), as in Go's runtime/chan.go.
// So values leave a channel in the order they were sent, and a blocked
// sender's value is never overtaken by one sent later. Receivers are served
// in arrival order: no receiver starves while others are served.
//
// Blocking goes through ThreadRecord::park (WaitKind kChanSend / kChanRecv
// on this object, site = the caller's line), so waits appear in dumps, the
// wait-for graph and the contention profile (exact count and time per site),
// and the runner's watchdog can cancel them (Cancelled unwinds the thread).
//
// Recording: kChanSendWait / kChanRecvWait when a thread blocks (from
// begin_wait), kChanSent / kChanReceived when an operation completes (arg:
// the buffer's length after it), kChanClose (arg: the length at close).
//
// T must be default-constructible (the zero value) and nothrow-movable: a
// value moves from the sender into the buffer or the receiver under the
// channel's internal lock, which a throwing move would leave half done.
//
// Cost: an operation that does not block takes the channel's internal lock
// once (no lab lock, no event when recording is off); a blocking one parks.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <optional>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "locklab/core/annotations.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/use_ledger.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class Select;

/// What recv() returns: Go's `v, ok := <-ch`. Works with structured
/// bindings: `auto [v, ok] = ch.recv();`.
template <class T>
struct Received {
  T value{};
  bool ok = false;  // false: the channel is closed and drained (value is T{})
};

namespace detail {

/// Shared by the wait nodes of one select: which case won (-1 = none yet).
/// Completers on different channels race for it with a compare-and-swap,
/// so exactly one case of a select completes.
struct SelectSync {
  std::atomic<int> winner{-1};
};

/// A thread parked on a channel, on that thread's stack while it waits.
struct ChanWaiter : WaitNode {
  void* elem = nullptr;          // send: the value to take (T*); recv: where to put it (T*)
  SelectSync* select = nullptr;  // set for a select's case; null for a plain send/recv
  int case_index = -1;           // the select case this node stands for
  bool ok = false;               // set by the completer: recv got a value / send was taken (false: closed)
  std::size_t len_after = 0;     // set by the completer: the buffer's length after the operation
};

/// The untyped part of a channel: queues, closing, the transfer rules. The
/// typed buffer lives in Chan<T>, reached through the element hooks below.
class ChanBase {
 public:
  ChanBase(const ChanBase&) = delete;
  ChanBase& operator=(const ChanBase&) = delete;

  std::uint32_t id() const noexcept { return id_; }
  std::size_t cap() const noexcept { return cap_; }
  std::size_t len() const;
  bool closed() const;
  /// Threads (or select cases) parked in send / recv (a moment's snapshot).
  std::uint32_t waiting_senders() const;
  std::uint32_t waiting_receivers() const;
  /// Who has used this channel (the wait-for graph's "likely" edges).
  UseLedger& ledger() noexcept { return ledger_; }

 protected:
  ChanBase(std::string_view name, std::size_t capacity);
  /// Aborts if a thread is still parked on the channel (its node would
  /// dangle): a channel must outlive every operation on it.
  ~ChanBase();

  // The operations, on type-erased values (T*). out must hold a T.
  void send_erased(void* value, Site site);
  void recv_erased(void* out, bool& ok, Site site);
  bool try_send_erased(void* value, Site site);
  bool try_recv_erased(void* out, bool& ok, Site site);
  void close_erased(Site site);

  // ---- element hooks (Chan<T> implements them; called under guard_) ----
  /// Appends *src (moved) to the buffer. count_ < cap_.
  virtual void buffer_push(void* src) LOCKLAB_REQUIRES(guard_) = 0;
  /// Moves the buffer's head into *dst and frees its slot. count_ > 0.
  virtual void buffer_pop(void* dst) LOCKLAB_REQUIRES(guard_) = 0;
  /// *dst = std::move(*src).
  virtual void move_value(void* dst, void* src) noexcept = 0;
  /// *dst = T{} (the zero value a closed channel yields).
  virtual void zero_value(void* dst) noexcept = 0;

  mutable GuardMutex guard_;
  std::size_t count_ LOCKLAB_GUARDED_BY(guard_) = 0;  // values in the buffer

 private:
  friend class locklab::Select;
  enum class Try : std::uint8_t { kDone, kWouldBlock, kClosed };

  /// Pops the first waiter of `q` that may still complete: a plain
  /// operation, or a select case that wins its select's race. Losers (their
  /// select completed elsewhere) are dropped from the queue.
  ChanWaiter* claim(WaitQueue& q) LOCKLAB_REQUIRES(guard_);
  /// Whether a send (or a receive) would complete now without blocking
  /// (closed counts: a send panics, a receive yields the zero value);
  /// changes nothing. For a select's choice among ready cases.
  bool ready_locked(bool send) const LOCKLAB_REQUIRES(guard_);
  /// One send/receive without blocking. `wake` gets the thread to unpark
  /// after guard_ is released (a waiter the operation completed), if any.
  Try try_send_locked(void* value, ThreadRecord*& wake) LOCKLAB_REQUIRES(guard_);
  Try try_recv_locked(void* out, bool& ok, ThreadRecord*& wake) LOCKLAB_REQUIRES(guard_);
  /// Parks `node` (already queued on `q`) until a completer grants it;
  /// releases guard_ while parked and holds it again on return.
  /// Cancellation removes the node and throws Cancelled with guard_ held (the
  /// caller's GuardLock releases it while unwinding).
  void park_granted(ThreadRecord& self, ChanWaiter& node, WaitQueue& q, WaitKind kind)
      LOCKLAB_REQUIRES(guard_);
  /// A granted wait ends: clears it and counts it for the contention profile.
  void finish_wait(ThreadRecord& self, const ChanWaiter& node);
  /// After a completed operation: progress, the event, the counters.
  void completed(ThreadRecord& self, EventKind kind, std::uint64_t site, std::size_t len);
  [[noreturn]] void panic_send_closed(ThreadRecord& self, std::uint64_t site);

  const std::uint32_t id_;
  const std::size_t cap_;
  bool closed_ LOCKLAB_GUARDED_BY(guard_) = false;
  WaitQueue sendq_ LOCKLAB_GUARDED_BY(guard_);  // blocked senders (ChanWaiter), FIFO
  WaitQueue recvq_ LOCKLAB_GUARDED_BY(guard_);  // blocked receivers (ChanWaiter), FIFO
  UseLedger ledger_;  // every thread that sent, received or closed (lock-free)
};

}  // namespace detail

template <class T>
class Chan final : public detail::ChanBase {
  static_assert(std::is_default_constructible_v<T>, "Chan<T>: T needs a zero value (default constructor)");
  static_assert(std::is_nothrow_move_constructible_v<T> && std::is_nothrow_move_assignable_v<T>,
                "Chan<T>: T must move without throwing");

 public:
  /// `capacity` 0 is unbuffered (Go's make(chan T)).
  explicit Chan(std::string_view name = {}, std::size_t capacity = 0) : ChanBase(name, capacity) {
    ring_.resize(capacity);
  }

  void send(T value, Site site = Site::current()) { send_erased(&value, site); }

  Received<T> recv(Site site = Site::current()) {
    Received<T> r;
    recv_erased(&r.value, r.ok, site);
    return r;
  }

  /// Sends if that completes at once (a receiver waits, or the buffer has
  /// room); else returns false and `value` is dropped. Panics if closed.
  bool try_send(T value, Site site = Site::current()) { return try_send_erased(&value, site); }

  /// Receives if a value (or the closed state) is there at once.
  std::optional<Received<T>> try_recv(Site site = Site::current()) {
    Received<T> r;
    if (!try_recv_erased(&r.value, r.ok, site)) return std::nullopt;
    return r;
  }

  void close(Site site = Site::current()) { close_erased(site); }

  // ---- range-for: for (T v : ch) -------------------------------------
  class Iterator {
   public:
    using value_type = T;
    using difference_type = std::ptrdiff_t;
    Iterator(Chan* ch, Site site) : ch_(ch), site_(site) { advance(); }
    T& operator*() noexcept { return current_.value; }
    Iterator& operator++() {
      advance();
      return *this;
    }
    void operator++(int) { advance(); }
    friend bool operator==(const Iterator& it, std::default_sentinel_t) noexcept { return !it.current_.ok; }

   private:
    void advance() { current_ = ch_->recv(site_); }
    Chan* ch_;
    Site site_;
    Received<T> current_;
  };
  /// Receives the first value (the range-for's line is the site).
  Iterator begin(Site site = Site::current()) { return Iterator(this, site); }
  std::default_sentinel_t end() const noexcept { return {}; }

 private:
  void buffer_push(void* src) override LOCKLAB_REQUIRES(guard_) {
    ring_[(head_ + count_) % cap()] = std::move(*static_cast<T*>(src));
  }
  void buffer_pop(void* dst) override LOCKLAB_REQUIRES(guard_) {
    *static_cast<T*>(dst) = std::move(ring_[head_]);
    ring_[head_] = T{};  // release what the slot held now, not when it is overwritten
    head_ = head_ + 1 == cap() ? 0 : head_ + 1;
  }
  void move_value(void* dst, void* src) noexcept override {
    *static_cast<T*>(dst) = std::move(*static_cast<T*>(src));
  }
  void zero_value(void* dst) noexcept override { *static_cast<T*>(dst) = T{}; }

  std::vector<T> ring_ LOCKLAB_GUARDED_BY(guard_);  // the buffer: count_ values from head_, circular
  std::size_t head_ LOCKLAB_GUARDED_BY(guard_) = 0;
};

}  // namespace locklab
