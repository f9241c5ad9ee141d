#include "locklab/core/wait_queue.h"

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"

namespace locklab::detail {

void WaitQueue::push_back(WaitNode* n) noexcept {
  n->next = nullptr;
  n->prev = tail_;
  if (tail_) tail_->next = n; else head_ = n;
  tail_ = n;
  ++size_;
}

void WaitQueue::push_front(WaitNode* n) noexcept {
  n->prev = nullptr;
  n->next = head_;
  if (head_) head_->prev = n; else tail_ = n;
  head_ = n;
  ++size_;
}

WaitNode* WaitQueue::pop_front() noexcept {
  WaitNode* n = head_;
  if (n) remove(n);
  return n;
}

bool WaitQueue::contains(const WaitNode* n) const noexcept {
  for (const WaitNode* p = head_; p; p = p->next)
    if (p == n) return true;
  return false;
}

void WaitQueue::remove(WaitNode* n) noexcept {
  if (!contains(n)) return;
  if (n->prev) n->prev->next = n->next; else head_ = n->next;
  if (n->next) n->next->prev = n->prev; else tail_ = n->prev;
  n->prev = n->next = nullptr;
  --size_;
}

void charge_holder(ThreadRecord& releaser, WaitNode& n, std::uint32_t object,
                   std::uint64_t holder_site, LockMode holder_mode, std::uint64_t now) {
  const std::uint64_t from = n.charged_until > n.since ? n.charged_until : n.since;
  if (now <= from) return;
  releaser.count_caused(ProfileKey{holder_site, object, holder_mode}, now - from);
  n.charged_until = now;
}

void charge_queue(ThreadRecord& releaser, WaitQueue& q, std::uint32_t object, std::uint64_t holder_site,
                  LockMode holder_mode, std::uint64_t now) {
  q.for_each([&](WaitNode& n) { charge_holder(releaser, n, object, holder_site, holder_mode, now); });
}

void leave_cancelled(ThreadRecord& self, WaitKind kind, std::uint32_t object) {
  // The wait never ended: count it in the profile up to the cancellation
  // (the verdict's moment), marked as open.
  // (A join is not in the profile when it ends either.)
  if (const auto w = self.current_wait(); w && w->kind != WaitKind::kJoin) {
    const std::uint64_t since = self.wait_since_ticks();
    std::uint64_t until = Runtime::cancel_ticks();
    if (until == 0) until = now_ticks();
    self.count_open_wait(ProfileKey{w->site, w->object, w->mode}, until > since ? until - since : 0);
  }
  self.end_wait();
  if (Runtime::recording())
    self.emit(EventKind::kCancelled, object, LockMode::kNone, 0, static_cast<std::uint64_t>(kind), now_ticks());
  throw Cancelled{};
}

void panic(ThreadRecord& self, std::uint32_t object, std::uint64_t site, std::string message) {
  Failure f;
  f.kind = Failure::Kind::kPanic;
  f.message = "panic: " + std::move(message) + " (in " + thread_label(self) + ")";
  f.thread = self.id();
  f.object = object;
  f.site = site;
  if (Runtime::recording()) self.emit(EventKind::kMisuse, object, LockMode::kNone, site, 0, now_ticks());
  Runtime::get().raise(f);  // fatal outside a run
  throw Cancelled{};
}

std::string thread_label(const ThreadRecord& t) {
  return "T" + std::to_string(t.id()) + " (" + t.name() + ")";
}

void self_deadlock(ThreadRecord& self, std::uint32_t object, LockMode wanted, std::uint64_t site,
                   std::uint64_t held_site, LockMode held_mode) {
  const SiteInfo here = Site::describe(site);
  const SiteInfo there = Site::describe(held_site);
  const char* want = wanted == LockMode::kShared ? "read-locks" : "locks";
  const char* hold = held_mode == LockMode::kShared ? "holds for reading" : "already holds";
  std::string msg = "self-deadlock: " + thread_label(self) + " " + want + " " + object_name(object);
  if (here.line) msg += " at " + short_site(here);
  msg += std::string(", which it ") + hold;
  if (there.line) msg += " since " + short_site(there);
  msg += ": it would wait for itself forever";
  Failure f;
  f.kind = Failure::Kind::kSelfDeadlock;
  f.message = std::move(msg);
  f.thread = self.id();
  f.object = object;
  f.site = site;
  f.other_site = held_site;
  Runtime::get().raise(f);  // fatal outside a run
  // Inside a run: block as Go would, until the runner cancels the run.
  self.begin_wait(WaitSpec{WaitKind::kSelfDeadlock, object, wanted, site});
  while (self.park() != WakeReason::kCancelled) {
  }
  leave_cancelled(self, WaitKind::kSelfDeadlock, object);
}

}  // namespace locklab::detail
