#include "locklab/core/thread_record.h"

#include <sys/mman.h>

#include <algorithm>

#include "futex.h"
#include "locklab/core/clock.h"
#include "locklab/core/runtime.h"
#include "core/sched_hooks.h"

namespace locklab {
namespace {

EventKind wait_event_for(WaitKind kind) noexcept {
  switch (kind) {
    case WaitKind::kLock:
    case WaitKind::kSelfDeadlock: return EventKind::kLockWait;
    case WaitKind::kCond: return EventKind::kCondWait;
    case WaitKind::kChanSend: return EventKind::kChanSendWait;
    case WaitKind::kChanRecv: return EventKind::kChanRecvWait;
    case WaitKind::kSelect: return EventKind::kSelectWait;
    default: return EventKind::kWaitBegin;  // waits without an event kind of their own
  }
}

std::unique_ptr<Event, ThreadRecord::Unmap> map_events(std::size_t capacity) {
  const std::size_t bytes = capacity * sizeof(Event);
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (p == MAP_FAILED) fatal("cannot reserve " + std::to_string(bytes >> 20) + " MiB for a thread's event buffer");
  return std::unique_ptr<Event, ThreadRecord::Unmap>(static_cast<Event*>(p), ThreadRecord::Unmap{bytes});
}

}  // namespace

void ThreadRecord::Unmap::operator()(Event* p) const noexcept {
  if (p) munmap(p, bytes);
}

ThreadRecord::ThreadRecord(std::uint16_t id, std::string name, bool lab_thread,
                           std::size_t event_capacity)
    : id_(id),
      name_(std::move(name)),
      lab_thread_(lab_thread),
      events_(map_events(event_capacity)),
      capacity_(static_cast<std::uint32_t>(event_capacity)) {}

ThreadRecord::HeldSlot& ThreadRecord::held_slot(int i) noexcept {
  if (i < kInlineHeld) return held_[i];
  HeldSlot* more = held_overflow_.load(std::memory_order_acquire);
  if (!more) {  // owner only: the first time this thread holds more than kInlineHeld
    more = new HeldSlot[kMaxHeld - kInlineHeld];
    held_overflow_.store(more, std::memory_order_release);
  }
  return more[i - kInlineHeld];
}

const ThreadRecord::HeldSlot* ThreadRecord::held_slot_if(int i) const noexcept {
  if (i < kInlineHeld) return &held_[i];
  const HeldSlot* more = held_overflow_.load(std::memory_order_acquire);
  return more ? &more[i - kInlineHeld] : nullptr;
}

void ThreadRecord::push_held(std::uint32_t object, LockMode mode, std::uint64_t site,
                             std::uint64_t since_ticks, bool blocking) noexcept {
  const int n = held_count_.load(std::memory_order_relaxed);
  if (n > 0 && blocking) [[unlikely]] note_lock_order(n, object, mode, site);
  if (n >= kMaxHeld) [[unlikely]]
    fatal("thread " + name_ + " takes more than " + std::to_string(kMaxHeld) +
          " locks at once (ThreadRecord::kMaxHeld, the most locklab tracks for one thread)");
  HeldSlot& s = held_slot(n);
  s.object.store(object, std::memory_order_relaxed);
  s.mode.store(mode, std::memory_order_relaxed);
  s.site.store(site, std::memory_order_relaxed);
  s.since.store(since_ticks, std::memory_order_relaxed);
  held_count_.store(n + 1, std::memory_order_release);
}

void ThreadRecord::note_lock_order(int held_count, std::uint32_t object, LockMode mode, std::uint64_t site) {
  for (int i = 0; i < held_count; ++i) {
    const HeldSlot& slot = held_slot(i);
    const std::uint32_t held = slot.object.load(std::memory_order_relaxed);
    if (held == object) continue;  // the same lock again is reentrancy, not an order
    const std::uint64_t pair = (std::uint64_t{held} << 32) | object;
    if (std::find(order_seen_.begin(), order_seen_.end(), pair) != order_seen_.end()) continue;
    order_seen_.push_back(pair);
    Runtime::get().note_lock_order(LockOrderNote{held, object, slot.mode.load(std::memory_order_relaxed), mode,
                                                 slot.site.load(std::memory_order_relaxed), site, id_});
  }
}

std::optional<HeldLock> ThreadRecord::pop_held(std::uint32_t object, LockMode mode) noexcept {
  const int n = held_count_.load(std::memory_order_relaxed);
  for (int i = n - 1; i >= 0; --i) {
    HeldSlot& s = held_slot(i);
    if (s.object.load(std::memory_order_relaxed) != object) continue;
    const LockMode m = s.mode.load(std::memory_order_relaxed);
    if (mode != LockMode::kNone && m != mode) continue;
    HeldLock out{object, m, s.site.load(std::memory_order_relaxed),
                 s.since.load(std::memory_order_relaxed)};
    // Close the gap (locks are usually released in reverse order: i == n-1).
    for (int j = i; j + 1 < n; ++j) {
      HeldSlot& to = held_slot(j);
      HeldSlot& from = held_slot(j + 1);
      to.object.store(from.object.load(std::memory_order_relaxed), std::memory_order_relaxed);
      to.mode.store(from.mode.load(std::memory_order_relaxed), std::memory_order_relaxed);
      to.site.store(from.site.load(std::memory_order_relaxed), std::memory_order_relaxed);
      to.since.store(from.since.load(std::memory_order_relaxed), std::memory_order_relaxed);
    }
    held_count_.store(n - 1, std::memory_order_release);
    return out;
  }
  return std::nullopt;
}

std::optional<HeldLock> ThreadRecord::find_held(std::uint32_t object, LockMode mode) const noexcept {
  const int n = held_count_.load(std::memory_order_acquire);
  for (int i = n - 1; i >= 0; --i) {
    const HeldSlot* slot = held_slot_if(i);
    if (!slot) continue;
    const HeldSlot& s = *slot;
    if (s.object.load(std::memory_order_relaxed) != object) continue;
    const LockMode m = s.mode.load(std::memory_order_relaxed);
    if (mode != LockMode::kNone && m != mode) continue;
    return HeldLock{object, m, s.site.load(std::memory_order_relaxed), s.since.load(std::memory_order_relaxed)};
  }
  return std::nullopt;
}

std::vector<HeldLock> ThreadRecord::held_snapshot() const {
  std::vector<HeldLock> out;
  const int n = held_count_.load(std::memory_order_acquire);
  for (int i = 0; i < n; ++i) {
    const HeldSlot* slot = held_slot_if(i);
    if (!slot) break;
    const HeldSlot& s = *slot;
    out.push_back(HeldLock{s.object.load(std::memory_order_relaxed), s.mode.load(std::memory_order_relaxed),
                           s.site.load(std::memory_order_relaxed), s.since.load(std::memory_order_relaxed)});
  }
  return out;
}

void ThreadRecord::begin_wait(const WaitSpec& spec) noexcept {
  const std::uint64_t now = now_ticks();
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    wait_ = spec;
    wait_since_ = now;
  }
  last_wait_kind_ = spec.kind;
  set_state(ThreadState::kWaiting);
  const EventKind kind = wait_event_for(spec.kind);
  // Generic waits say which kind they are in arg (the wait end says how long).
  const std::uint64_t arg = kind == EventKind::kWaitBegin ? static_cast<std::uint64_t>(spec.kind) : 0;
  if (Runtime::recording()) emit(kind, spec.object, spec.mode, spec.site, arg, now);
}

WakeReason ThreadRecord::park(std::uint64_t deadline_ticks) noexcept {
  if (detail::controlled()) [[unlikely]] {
    // A fiber of a controlled run: blocking hands the OS thread to the
    // scheduler, which resumes us once unpark() made us runnable or virtual
    // time reached the deadline.
    for (;;) {
      if (permit_.exchange(0, std::memory_order_acquire) == 1) return WakeReason::kWoken;
      if (Runtime::cancelled()) return WakeReason::kCancelled;
      if (deadline_ticks != 0 && now_ticks() >= deadline_ticks) return WakeReason::kTimeout;
      detail::sched_hooks().block_current(*this, deadline_ticks);
    }
  }
  for (;;) {
    if (permit_.exchange(0, std::memory_order_acquire) == 1) return WakeReason::kWoken;
    if (Runtime::cancelled()) return WakeReason::kCancelled;
    if (deadline_ticks == 0) {
      detail::futex_wait(&permit_, 0, nullptr);
    } else {
      const std::uint64_t now = now_ticks();
      if (now >= deadline_ticks) return WakeReason::kTimeout;
      const auto ns = static_cast<std::uint64_t>(
          static_cast<double>(deadline_ticks - now) * TickClock::get().ns_per_tick());
      timespec ts{static_cast<time_t>(ns / 1'000'000'000ull), static_cast<long>(ns % 1'000'000'000ull)};
      detail::futex_wait(&permit_, 0, &ts);
    }
  }
}

void ThreadRecord::end_wait() noexcept {
  std::optional<WaitSpec> ended;
  std::uint64_t since = 0;
  {
    std::lock_guard<std::mutex> lock(wait_mu_);
    ended = wait_;
    since = wait_since_;
    wait_.reset();
  }
  set_state(ThreadState::kRunning);
  // Waits with an event kind of their own end with that primitive's event
  // (kLockAcquire, kChanReceived, ...); generic ones end here.
  if (ended && wait_event_for(ended->kind) == EventKind::kWaitBegin && Runtime::recording()) {
    const std::uint64_t now = now_ticks();
    emit(EventKind::kWaitEnd, ended->object, ended->mode, ended->site, now > since ? now - since : 0, now);
  }
}

void ThreadRecord::unpark() noexcept {
  permit_.store(1, std::memory_order_release);
  if (detail::controlled()) [[unlikely]] {
    detail::sched_hooks().wake(*this);
    return;
  }
  detail::futex_wake_one(&permit_);
}

std::optional<WaitSpec> ThreadRecord::current_wait() const {
  std::lock_guard<std::mutex> lock(wait_mu_);
  return wait_;
}

std::uint64_t ThreadRecord::wait_since_ticks() const {
  std::lock_guard<std::mutex> lock(wait_mu_);
  return wait_since_;
}

void ThreadRecord::record_latency(std::uint32_t op, std::uint64_t ns) {
  if (op >= latency_.size()) latency_.resize(op + 1);
  latency_[op].add(ns);
}

}  // namespace locklab
