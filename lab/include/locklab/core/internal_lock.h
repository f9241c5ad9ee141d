// Internal to the primitives: the short-held lock that guards a primitive's
// own state (its counter, its wait queue), annotated so that clang's
// -Wthread-safety checks every LOCKLAB_GUARDED_BY field against it.
//
// libstdc++'s std::mutex carries no capability annotations, so a field
// "guarded by" a plain std::mutex can only say so in a comment; wrapping it
// makes the rule checkable. It is never held while a thread parks, never
// recorded, and never shown in dumps: it is not a lab lock.
//
// Also here: the end of a granted wait for the primitives whose WaitKind has
// no event kind of its own (WaitGroup, Once, Semaphore, pool submit,
// Singleflight).
#pragma once

#include <mutex>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "locklab/core/annotations.h"
#include "locklab/core/clock.h"
#include "locklab/core/runtime.h"
#include "locklab/core/thread_record.h"

namespace locklab::detail {

/// One spin-wait hint to the CPU (x86's pause; nothing elsewhere), for the
/// bounded spins before a primitive parks or while simulated compute runs.
inline void spin_pause() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#endif
}

class LOCKLAB_CAPABILITY("mutex") GuardMutex {
 public:
  void lock() LOCKLAB_ACQUIRE() { mu_.lock(); }
  void unlock() LOCKLAB_RELEASE() { mu_.unlock(); }

 private:
  std::mutex mu_;
};

/// A scoped hold of a GuardMutex that can be released and taken again (the
/// park loop: check, unlock, park, lock, check). Usable as a BasicLockable
/// (std::condition_variable_any).
class LOCKLAB_SCOPED_CAPABILITY GuardLock {
 public:
  explicit GuardLock(GuardMutex& mu) LOCKLAB_ACQUIRE(mu) : mu_(mu) { mu_.lock(); }
  ~GuardLock() LOCKLAB_RELEASE() {
    if (held_) mu_.unlock();
  }
  GuardLock(const GuardLock&) = delete;
  GuardLock& operator=(const GuardLock&) = delete;

  void lock() LOCKLAB_ACQUIRE() {
    mu_.lock();
    held_ = true;
  }
  void unlock() LOCKLAB_RELEASE() {
    held_ = false;
    mu_.unlock();
  }

 private:
  GuardMutex& mu_;
  bool held_ = true;
};

/// Ends a wait that was granted: end_wait() (which records kWaitEnd for
/// generic waits), the exact wait counter for the contention profile, and
/// progress. Returns the ticks waited.
inline std::uint64_t end_sync_wait(ThreadRecord& self, std::uint32_t object, std::uint64_t site,
                                   std::uint64_t since) {
  const std::uint64_t now = now_ticks();
  const std::uint64_t waited = now > since ? now - since : 0;
  self.end_wait();
  self.count_wait(ProfileKey{site, object, LockMode::kNone}, waited);
  self.bump_progress();
  return waited;
}

// ---- the recording side of every lab lock --------------------------------
// Mutex, RWMutex and Once's running call share these, so a lock's held list
// (dumps, the lock-order graph) and its events are written one way.

/// A lock `object` was taken in `mode` at `site` after `waited` ticks: it
/// joins the thread's held locks (with lock-order edges when `blocking`;
/// a try_lock adds none) and, while recording, kLockAcquire is emitted.
inline void record_lock_acquired(ThreadRecord& self, std::uint32_t object, LockMode mode, std::uint64_t site,
                                 std::uint64_t waited, bool blocking = true) noexcept {
  if (Runtime::recording()) {
    const std::uint64_t t = now_ticks();
    self.push_held(object, mode, site, t, blocking);
    self.emit(EventKind::kLockAcquire, object, mode, site, waited, t);
  } else {
    self.push_held(object, mode, site, 0, blocking);
  }
}

/// A lock was released at `site` (the caller already took it off the held
/// list, to know where it was taken): kLockRelease while recording.
inline void record_lock_released(ThreadRecord& self, std::uint32_t object, LockMode mode,
                                 std::uint64_t site) noexcept {
  if (Runtime::recording()) self.emit(EventKind::kLockRelease, object, mode, site, 0, now_ticks());
}

/// A try_lock / try_lock_shared found the lock taken: kLockTryFail.
inline void record_lock_try_failed(ThreadRecord& self, std::uint32_t object, LockMode mode,
                                   std::uint64_t site) noexcept {
  if (Runtime::recording()) self.emit(EventKind::kLockTryFail, object, mode, site, 0, now_ticks());
}

/// EventKind::kLevel: `object`'s level after an operation (a WaitGroup's
/// counter, a Semaphore's weight in use, ...).
inline void emit_level(ThreadRecord& self, std::uint32_t object, std::uint64_t site, std::uint64_t level) noexcept {
  if (Runtime::recording()) self.emit(EventKind::kLevel, object, LockMode::kNone, site, level, now_ticks());
}

}  // namespace locklab::detail
