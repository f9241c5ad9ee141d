// Select::wait: poll in random order, else queue a node on every channel and
// park; the first completer wins the select's `winner` word (see select.h).
#include "locklab/sync/select.h"
#include "locklab/core/sched_point.h"

#include <algorithm>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "core/thread_random.h"

namespace locklab {

using detail::ChanBase;
using detail::ChanWaiter;
using detail::SelectCase;

namespace {

constexpr int kAbandoned = -2;  // `winner` once the select left by timeout or cancellation

}  // namespace

std::vector<ChanBase*> Select::channels() const {
  std::vector<ChanBase*> chans;
  chans.reserve(cases_.size());
  for (const auto& c : cases_)
    if (c->ch) chans.push_back(c->ch);
  std::sort(chans.begin(), chans.end(), std::less<ChanBase*>());
  chans.erase(std::unique(chans.begin(), chans.end()), chans.end());
  return chans;
}

void Select::lock_all(const std::vector<ChanBase*>& chans) {
  for (ChanBase* c : chans) c->guard_.lock();
}

void Select::unlock_all(const std::vector<ChanBase*>& chans) {
  for (auto it = chans.rbegin(); it != chans.rend(); ++it) (*it)->guard_.unlock();
}

Select& Select::add(std::unique_ptr<SelectCase> c) {
  if (waited_) fatal("select: a case added after wait(); build a new Select for each select");
  const int index = static_cast<int>(cases_.size());
  if (c->kind == SelectCase::Kind::kDefault) {
    if (default_index_ >= 0) fatal("select: two default cases");
    default_index_ = index;
  } else if (c->kind == SelectCase::Kind::kTimeout) {
    if (timeout_index_ >= 0) fatal("select: two timeout cases");
    timeout_index_ = index;
  }
  if (default_index_ >= 0 && timeout_index_ >= 0)
    fatal("select: a default case and a timeout case together (the timeout could never happen)");
  cases_.push_back(std::move(c));
  return *this;
}

int Select::finish(ThreadRecord& self, std::uint64_t site, int index, bool ok, std::size_t len) {
  SelectCase& c = *cases_[static_cast<std::size_t>(index)];
  self.bump_progress();
  if (Runtime::recording()) {
    const std::uint64_t t = now_ticks();
    const std::uint32_t object = c.ch ? c.ch->id() : 0;
    self.emit(EventKind::kSelectChosen, object, LockMode::kNone, site, static_cast<std::uint64_t>(index), t);
    if (c.ch)
      self.emit(c.kind == SelectCase::Kind::kSend ? EventKind::kChanSent : EventKind::kChanReceived, object,
                LockMode::kNone, site, len, t);
  }
  c.run(ok);
  return index;
}

// The analysis cannot follow a set of channel guards known only at run time;
// every access to a channel's guarded state below happens between
// lock_all(chans) and unlock_all(chans).
int Select::wait(Site site) LOCKLAB_NO_THREAD_SAFETY_ANALYSIS {
  detail::sched_point(SchedOp::kSelect, 0, site);
  if (waited_) fatal("select: wait() called twice; build a new Select for each select");
  waited_ = true;
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  const std::uint64_t start = now_ticks();

  // Poll order: the channel cases, shuffled (Fisher-Yates).
  std::vector<int> order;
  order.reserve(cases_.size());
  std::uint32_t first_object = 0;  // the blocked wait's object: the first channel case's channel
  for (std::size_t i = 0; i < cases_.size(); ++i) {
    if (!cases_[i]->ch) continue;
    if (!first_object) first_object = cases_[i]->ch->id();
    cases_[i]->ch->ledger_.note(self.id());
    order.push_back(static_cast<int>(i));
  }
  if (order.size() > 1) {
    detail::ThreadRandom rng = detail::ThreadRandom::of(self);
    for (std::size_t i = order.size() - 1; i > 0; --i)
      std::swap(order[i], order[rng.below(static_cast<std::uint32_t>(i + 1))]);
  }

  const std::vector<ChanBase*> chans = channels();
  lock_all(chans);
  // Under the controlled scheduler, which ready case runs is the strategy's
  // choice (among the ready cases, in case order), not the shuffle's.
  if (order.size() > 1 && detail::controlled()) {
    std::vector<int> ready;
    for (std::size_t i = 0; i < cases_.size(); ++i) {
      const SelectCase& c = *cases_[i];
      if (c.ch && c.ch->ready_locked(c.kind == SelectCase::Kind::kSend)) ready.push_back(static_cast<int>(i));
    }
    if (ready.size() > 1) {
      const int k = detail::sched_choose(ChoiceKind::kSelectCase, static_cast<std::uint32_t>(ready.size()), 0, site);
      if (k >= 0) {
        const int chosen = ready[static_cast<std::size_t>(k)];
        order.erase(std::find(order.begin(), order.end(), chosen));
        order.insert(order.begin(), chosen);
      }
    }
  }
  for (const int i : order) {
    SelectCase& c = *cases_[static_cast<std::size_t>(i)];
    ThreadRecord* wake = nullptr;
    bool ok = true;
    const ChanBase::Try t = c.kind == SelectCase::Kind::kSend ? c.ch->try_send_locked(c.elem(), wake)
                                                              : c.ch->try_recv_locked(c.elem(), ok, wake);
    if (t == ChanBase::Try::kWouldBlock) continue;
    if (t == ChanBase::Try::kClosed) {
      unlock_all(chans);
      c.ch->panic_send_closed(self, key);
    }
    const std::size_t len = c.ch->count_;
    unlock_all(chans);
    if (wake) wake->unpark();
    return finish(self, key, i, ok, len);
  }
  if (default_index_ >= 0) {
    unlock_all(chans);
    return finish(self, key, default_index_, true, 0);
  }

  // Nothing ready: queue a node on every channel case and park.
  detail::SelectSync sync;
  std::vector<ChanWaiter> nodes(cases_.size());
  for (const int i : order) {
    SelectCase& c = *cases_[static_cast<std::size_t>(i)];
    ChanWaiter& n = nodes[static_cast<std::size_t>(i)];
    n.thread = &self;
    n.site = key;
    n.since = start;
    n.elem = c.elem();
    n.select = &sync;
    n.case_index = i;
    (c.kind == SelectCase::Kind::kSend ? c.ch->sendq_ : c.ch->recvq_).push_back(&n);
  }
  self.begin_wait(WaitSpec{WaitKind::kSelect, first_object, LockMode::kNone, key});
  // A wait with a timeout ends by itself, so to the watchdog it is a sleep
  // (progress will come), as a pending timer is to Go's deadlock check; the
  // dump still shows the select it waits in.
  if (timeout_index_ >= 0) self.set_state(ThreadState::kSleeping);
  const std::uint64_t deadline =
      timeout_index_ >= 0
          ? start + TickClock::get().ticks_for_ns(static_cast<std::uint64_t>(std::max<std::int64_t>(0, timeout_.count())))
          : 0;
  unlock_all(chans);

  int chosen = -1;
  bool cancelled = false;
  for (;;) {
    const WakeReason r = self.park(deadline);
    lock_all(chans);
    const int w = sync.winner.load(std::memory_order_acquire);
    if (w >= 0) {
      chosen = w;
      break;
    }
    if (r == WakeReason::kTimeout || r == WakeReason::kCancelled) {
      // Holding every guard, no completer can be inside one of our channels:
      // claiming the word closes the select to them for good.
      sync.winner.store(kAbandoned, std::memory_order_release);
      if (r == WakeReason::kTimeout) chosen = timeout_index_;
      else cancelled = true;
      break;
    }
    unlock_all(chans);
  }
  // Leave every queue still holding one of our nodes (the winner's node was
  // taken by its completer; losers may have been dropped already).
  for (const int i : order) {
    SelectCase& c = *cases_[static_cast<std::size_t>(i)];
    (c.kind == SelectCase::Kind::kSend ? c.ch->sendq_ : c.ch->recvq_).remove(&nodes[static_cast<std::size_t>(i)]);
  }
  unlock_all(chans);
  if (cancelled) detail::leave_cancelled(self, WaitKind::kSelect, first_object);

  const SelectCase& c = *cases_[static_cast<std::size_t>(chosen)];
  const std::uint64_t now = now_ticks();
  self.end_wait();
  self.count_wait(ProfileKey{key, c.ch ? c.ch->id() : first_object, LockMode::kNone}, now - start);
  const ChanWaiter& n = nodes[static_cast<std::size_t>(chosen)];
  if (c.kind == SelectCase::Kind::kSend && !n.ok) c.ch->panic_send_closed(self, key);  // closed while we waited
  return finish(self, key, chosen, c.ch ? n.ok : true, n.len_after);
}

}  // namespace locklab
