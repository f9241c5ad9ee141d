#include "locklab/sync/semaphore.h"
#include "locklab/core/sched_point.h"

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"

namespace locklab {

using detail::GuardLock;

Semaphore::Semaphore(std::string_view name, std::int64_t capacity)
    : id_(register_object(ObjectKind::kSemaphore, name)), size_(capacity) {
  if (capacity < 0) fatal("semaphore " + object_name(id_) + " with negative capacity " + std::to_string(capacity));
}

void Semaphore::misuse(ThreadRecord& self, std::uint64_t site, std::string message) {
  detail::panic(self, id_, site, std::move(message));
}

void Semaphore::check_weight(ThreadRecord& self, std::int64_t n, std::uint64_t site, const char* op) {
  if (n < 0) [[unlikely]]
    misuse(self, site, std::string(op) + " of negative weight " + std::to_string(n) + " on semaphore " +
                           object_name(id_));
}

void Semaphore::grant_from_head(std::vector<ThreadRecord*>& wake) {
  // Only the head: a waiter that would fit further back stays queued behind
  // it (see the policy in the header).
  while (detail::WaitNode* head = waiters_.front()) {
    auto* w = static_cast<Waiter*>(head);
    if (size_ - cur_ < w->n) break;
    cur_ += w->n;
    waiters_.pop_front();
    w->granted = true;
    wake.push_back(w->thread);
  }
}

void Semaphore::acquire(std::int64_t n, Site site) {
  detail::sched_point(SchedOp::kAcquire, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  check_weight(self, n, key, "acquire");
  if (n > size_) [[unlikely]]
    misuse(self, key, "acquire of " + std::to_string(n) + " on semaphore " + object_name(id_) + " of capacity " +
                          std::to_string(size_) + " can never succeed");
  Waiter node;
  {
    GuardLock g(guard_);
    if (size_ - cur_ >= n && waiters_.empty()) {
      cur_ += n;
      const std::int64_t level = cur_;
      g.unlock();
      self.bump_progress();
      detail::emit_level(self, id_, key, static_cast<std::uint64_t>(level));
      return;
    }
    node.thread = &self;
    node.site = key;
    node.since = now_ticks();
    node.n = n;
    waiters_.push_back(&node);
    self.begin_wait(WaitSpec{WaitKind::kSemaphore, id_, LockMode::kNone, key});
  }
  std::int64_t level = 0;
  for (;;) {
    const WakeReason r = self.park();
    GuardLock g(guard_);
    if (node.granted) {
      level = cur_;
      break;
    }
    if (r == WakeReason::kCancelled) {
      // As x/sync: a head that leaves may unblock the waiters behind it.
      const bool was_head = waiters_.front() == &node;
      waiters_.remove(&node);
      std::vector<ThreadRecord*> wake;
      if (was_head) grant_from_head(wake);
      g.unlock();
      for (ThreadRecord* t : wake) t->unpark();
      detail::leave_cancelled(self, WaitKind::kSemaphore, id_);
    }
  }
  detail::end_sync_wait(self, id_, key, node.since);
  detail::emit_level(self, id_, key, static_cast<std::uint64_t>(level));
}

bool Semaphore::try_acquire(std::int64_t n, Site site) {
  detail::sched_point(SchedOp::kTryAcquire, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  check_weight(self, n, key, "try_acquire");
  std::int64_t level = 0;
  {
    GuardLock g(guard_);
    if (size_ - cur_ < n || !waiters_.empty()) return false;
    cur_ += n;
    level = cur_;
  }
  self.bump_progress();
  detail::emit_level(self, id_, key, static_cast<std::uint64_t>(level));
  return true;
}

void Semaphore::release(std::int64_t n, Site site) {
  detail::sched_point(SchedOp::kRelease, id_, site);
  ThreadRecord& self = Runtime::self();
  const std::uint64_t key = site.key();
  if (n < 0) [[unlikely]]
    misuse(self, key, "release of negative weight " + std::to_string(n) + " on semaphore " + object_name(id_));
  std::vector<ThreadRecord*> wake;
  std::int64_t level = 0;
  {
    GuardLock g(guard_);
    if (n > cur_) [[unlikely]] {
      const std::int64_t in_use = cur_;
      g.unlock();
      misuse(self, key, "semaphore " + object_name(id_) + ": released more than held (release " +
                            std::to_string(n) + ", in use " + std::to_string(in_use) + ")");
    }
    cur_ -= n;
    grant_from_head(wake);
    level = cur_;
  }
  self.bump_progress();
  detail::emit_level(self, id_, key, static_cast<std::uint64_t>(level));
  for (ThreadRecord* t : wake) t->unpark();
}

Semaphore::View Semaphore::view() const {
  GuardLock g(guard_);
  return View{cur_, waiters_.size()};
}

}  // namespace locklab
