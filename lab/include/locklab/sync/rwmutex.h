// RWMutex: a reader/writer lock with Go's sync.RWMutex rules, instrumented.
//
// The rule that matters (why this is not std::shared_mutex): once a writer is
// waiting, readers that arrive after it block until it has been and gone.
// glibc's rwlock lets new readers in ahead of a waiting writer, so on it a
// reader that read-locks twice never deadlocks and a long write never stalls
// every reader; in Go both happen, and so they do here.
//
// In Go's words (src/sync/rwmutex.go): a writer first takes an internal mutex
// (one writer at a time), then announces itself, so later readers block; it
// waits only for the readers already inside. Its unlock releases every blocked
// reader together, before the next writer announces itself.
//
// State table (under guard_):
//                    free   shared(n)        announced-writer(w, n)  exclusive(w)
//   lock_shared      ->s(1) ->s(n+1)         blocks                  blocks
//   unlock_shared    abort  ->s(n-1)/free    ->n-1; at 0 -> excl(w)  abort
//   lock             ->x    ->announced(n)   blocks (writer queue)   blocks
//   unlock           abort  abort            abort                   releases readers, next writer
//
// Misuse aborts: "locklab: unlock of unlocked RWMutex", "locklab: read-unlock
// of RWMutex not read-locked by this thread", "locklab: unlock of RWMutex held
// by another thread". Read-locking an RWMutex you write-hold, or write-locking
// one you read-hold, is a self-deadlock (reported like Mutex's). Read-locking
// one you already read-hold is allowed, and deadlocks exactly when Go's does:
// if a writer announced itself in between.
//
// Works with std::shared_lock / std::unique_lock (sites then name the header;
// prefer ReaderLock / WriterLock from guards.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <string_view>

#include "locklab/core/annotations.h"
#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class LOCKLAB_CAPABILITY("rwmutex") RWMutex {
 public:
  explicit RWMutex(std::string_view name = {});
  RWMutex(const RWMutex&) = delete;
  RWMutex& operator=(const RWMutex&) = delete;

  void lock(Site site = Site::current()) LOCKLAB_ACQUIRE();
  bool try_lock(Site site = Site::current()) LOCKLAB_TRY_ACQUIRE(true);
  void unlock(Site site = Site::current()) LOCKLAB_RELEASE();

  void lock_shared(Site site = Site::current()) LOCKLAB_ACQUIRE_SHARED();
  bool try_lock_shared(Site site = Site::current()) LOCKLAB_TRY_ACQUIRE_SHARED(true);
  void unlock_shared(Site site = Site::current()) LOCKLAB_RELEASE_SHARED();

  std::uint32_t id() const noexcept { return id_; }

  /// A moment's view of the lock, for dumps and the wait-for graph.
  struct View {
    std::uint16_t writer = 0;            // thread holding it exclusively, or 0
    std::uint16_t announced_writer = 0;  // writer that holds the writer slot (pending or active)
    std::uint32_t readers = 0;           // active readers
    std::uint32_t waiting_readers = 0;
    std::uint32_t waiting_writers = 0;   // queued behind the announced writer
  };
  View view() const;

 private:
  // Parks until a releaser grants `node` (it then owns the lock in node.mode).
  // Called with g held; returns with g released. Cancellation throws.
  // Entered with guard_ held and `node` queued; returns with the lock
  // granted and guard_ released (or throws Cancelled, guard_ released).
  void wait_granted(ThreadRecord& self, detail::WaitNode& node) LOCKLAB_RELEASE(guard_);
  // Records an acquisition by `self` (held list, progress, event).
  void acquired(ThreadRecord& self, LockMode mode, std::uint64_t site, std::uint64_t waited, bool blocking = true);
  // Grants node (under guard_): charges its wait to the releaser, marks it.
  static ThreadRecord* grant(detail::WaitNode& node, ThreadRecord& releaser, std::uint32_t object,
                             std::uint64_t holder_site, LockMode holder_mode, std::uint64_t now);

  std::uint32_t id_;
  mutable detail::GuardMutex guard_;
  std::uint16_t writer_ LOCKLAB_GUARDED_BY(guard_) = 0;     // exclusive holder
  std::uint16_t announced_ LOCKLAB_GUARDED_BY(guard_) = 0;  // writer owning the writer slot
  std::uint32_t readers_ LOCKLAB_GUARDED_BY(guard_) = 0;    // active readers
  detail::WaitNode* pending_writer_ LOCKLAB_GUARDED_BY(guard_) = nullptr;  // announced, waiting for readers
  detail::WaitQueue read_waiters_ LOCKLAB_GUARDED_BY(guard_);
  detail::WaitQueue write_waiters_ LOCKLAB_GUARDED_BY(guard_);  // waiting for the writer slot
};

}  // namespace locklab
