// The untyped half of Chan<T>: Go's transfer rules (runtime/chan.go) on
// type-erased values, the wait queues, closing, and the park loop.
#include "locklab/sync/chan.h"
#include "locklab/core/sched_point.h"

#include <string>
#include <vector>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab::detail {

ChanBase::ChanBase(std::string_view name, std::size_t capacity)
    : id_(register_object(ObjectKind::kChan, name)), cap_(capacity) {
  detail::attach_ledger(id_, &ledger_);
}

ChanBase::~ChanBase() {
  detail::detach_ledger(id_, &ledger_);
  GuardLock g(guard_);
  if (!sendq_.empty() || !recvq_.empty())
    fatal("channel " + object_name(id_) + " destroyed while " +
          std::to_string(sendq_.size() + recvq_.size()) + " thread(s) wait on it");
}

std::size_t ChanBase::len() const {
  GuardLock g(guard_);
  return count_;
}

bool ChanBase::closed() const {
  GuardLock g(guard_);
  return closed_;
}

std::uint32_t ChanBase::waiting_senders() const {
  GuardLock g(guard_);
  return sendq_.size();
}

std::uint32_t ChanBase::waiting_receivers() const {
  GuardLock g(guard_);
  return recvq_.size();
}

ChanWaiter* ChanBase::claim(WaitQueue& q) {
  while (WaitNode* n = q.pop_front()) {
    auto* w = static_cast<ChanWaiter*>(n);
    if (!w->select) return w;
    int none = -1;
    if (w->select->winner.compare_exchange_strong(none, w->case_index, std::memory_order_acq_rel)) return w;
    // Its select already completed through another case: drop the node.
  }
  return nullptr;
}

bool ChanBase::ready_locked(bool send) const {
  bool claimable = false;
  (send ? recvq_ : sendq_).for_each([&](const WaitNode& n) {
    const auto& w = static_cast<const ChanWaiter&>(n);
    if (!w.select || w.select->winner.load(std::memory_order_acquire) == -1) claimable = true;
  });
  if (send) return closed_ || claimable || count_ < cap_;
  return claimable || count_ > 0 || closed_;
}

ChanBase::Try ChanBase::try_send_locked(void* value, ThreadRecord*& wake) {
  if (closed_) return Try::kClosed;
  if (ChanWaiter* r = claim(recvq_)) {
    // A receiver waits, so the buffer is empty: hand the value over directly.
    move_value(r->elem, value);
    r->ok = true;
    r->len_after = count_;
    r->granted = true;
    wake = r->thread;
    return Try::kDone;
  }
  if (count_ < cap_) {
    buffer_push(value);
    ++count_;
    return Try::kDone;
  }
  return Try::kWouldBlock;
}

ChanBase::Try ChanBase::try_recv_locked(void* out, bool& ok, ThreadRecord*& wake) {
  if (ChanWaiter* s = claim(sendq_)) {
    if (cap_ == 0) {
      move_value(out, s->elem);  // rendezvous: straight from the sender
    } else {
      // A sender waits, so the buffer is full: take its head, and the
      // sender's value takes the freed slot at the tail (FIFO kept).
      buffer_pop(out);
      --count_;
      buffer_push(s->elem);
      ++count_;
    }
    s->ok = true;
    s->len_after = count_;
    s->granted = true;
    wake = s->thread;
    ok = true;
    return Try::kDone;
  }
  if (count_ > 0) {
    buffer_pop(out);
    --count_;
    ok = true;
    return Try::kDone;
  }
  if (closed_) {
    zero_value(out);
    ok = false;
    return Try::kDone;
  }
  return Try::kWouldBlock;
}

void ChanBase::park_granted(ThreadRecord& self, ChanWaiter& node, WaitQueue& q, WaitKind kind) {
  self.begin_wait(WaitSpec{kind, id_, LockMode::kNone, node.site});
  for (;;) {
    guard_.unlock();
    const WakeReason r = self.park();
    guard_.lock();
    if (node.granted) return;  // a completer took us off the queue
    if (r == WakeReason::kCancelled) {
      q.remove(&node);
      leave_cancelled(self, kind, id_);  // throws; the caller's GuardLock releases guard_
    }
  }
}

void ChanBase::finish_wait(ThreadRecord& self, const ChanWaiter& node) {
  const std::uint64_t now = now_ticks();
  self.end_wait();
  self.count_wait(ProfileKey{node.site, id_, LockMode::kNone}, now > node.since ? now - node.since : 0);
}

void ChanBase::completed(ThreadRecord& self, EventKind kind, std::uint64_t site, std::size_t len) {
  self.bump_progress();
  if (Runtime::recording()) self.emit(kind, id_, LockMode::kNone, site, len, now_ticks());
}

void ChanBase::panic_send_closed(ThreadRecord& self, std::uint64_t site) {
  panic(self, id_, site, "send on closed channel " + object_name(id_));
}

void ChanBase::send_erased(void* value, Site site) {
  detail::sched_point_cancellable(SchedOp::kSend, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  ThreadRecord* wake = nullptr;
  GuardLock g(guard_);
  const Try t = try_send_locked(value, wake);
  if (t == Try::kClosed) {
    g.unlock();
    panic_send_closed(self, key);
  }
  if (t == Try::kDone) {
    const std::size_t len = count_;
    g.unlock();
    completed(self, EventKind::kChanSent, key, len);
    if (wake) wake->unpark();
    return;
  }
  ChanWaiter node;
  node.thread = &self;
  node.site = key;
  node.since = now_ticks();
  node.elem = value;
  sendq_.push_back(&node);
  park_granted(self, node, sendq_, WaitKind::kChanSend);
  g.unlock();
  finish_wait(self, node);
  if (!node.ok) panic_send_closed(self, key);  // closed while we waited: Go panics the sender
  completed(self, EventKind::kChanSent, key, node.len_after);
}

void ChanBase::recv_erased(void* out, bool& ok, Site site) {
  detail::sched_point_cancellable(SchedOp::kRecv, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  ThreadRecord* wake = nullptr;
  GuardLock g(guard_);
  if (try_recv_locked(out, ok, wake) == Try::kDone) {
    const std::size_t len = count_;
    g.unlock();
    completed(self, EventKind::kChanReceived, key, len);
    if (wake) wake->unpark();
    return;
  }
  ChanWaiter node;
  node.thread = &self;
  node.site = key;
  node.since = now_ticks();
  node.elem = out;
  recvq_.push_back(&node);
  park_granted(self, node, recvq_, WaitKind::kChanRecv);
  g.unlock();
  finish_wait(self, node);
  ok = node.ok;  // false: woken by close(), *out is the zero value
  completed(self, EventKind::kChanReceived, key, node.len_after);
}

bool ChanBase::try_send_erased(void* value, Site site) {
  detail::sched_point(SchedOp::kTrySend, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  ThreadRecord* wake = nullptr;
  GuardLock g(guard_);
  const Try t = try_send_locked(value, wake);
  if (t == Try::kClosed) {
    g.unlock();
    panic_send_closed(self, key);
  }
  if (t == Try::kWouldBlock) return false;
  const std::size_t len = count_;
  g.unlock();
  completed(self, EventKind::kChanSent, key, len);
  if (wake) wake->unpark();
  return true;
}

bool ChanBase::try_recv_erased(void* out, bool& ok, Site site) {
  detail::sched_point(SchedOp::kTryRecv, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  ThreadRecord* wake = nullptr;
  GuardLock g(guard_);
  if (try_recv_locked(out, ok, wake) == Try::kWouldBlock) return false;
  const std::size_t len = count_;
  g.unlock();
  completed(self, EventKind::kChanReceived, key, len);
  if (wake) wake->unpark();
  return true;
}

void ChanBase::close_erased(Site site) {
  detail::sched_point(SchedOp::kClose, id_, site);
  ThreadRecord& self = Runtime::self();
  ledger_.note(self.id());
  const std::uint64_t key = site.key();
  std::vector<ThreadRecord*> wake;
  std::size_t len = 0;
  {
    GuardLock g(guard_);
    if (closed_) {
      g.unlock();
      panic(self, id_, key, "close of closed channel " + object_name(id_));
    }
    closed_ = true;
    // Receivers waiting means the buffer is empty: they all get the zero
    // value and !ok. Senders waiting will panic (Go: send on closed channel).
    while (ChanWaiter* r = claim(recvq_)) {
      zero_value(r->elem);
      r->ok = false;
      r->len_after = count_;
      r->granted = true;
      wake.push_back(r->thread);
    }
    while (ChanWaiter* s = claim(sendq_)) {
      s->ok = false;
      s->len_after = count_;
      s->granted = true;
      wake.push_back(s->thread);
    }
    len = count_;
  }
  completed(self, EventKind::kChanClose, key, len);
  for (ThreadRecord* t : wake) t->unpark();
}

}  // namespace locklab::detail
