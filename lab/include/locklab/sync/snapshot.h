// Snapshot<T>: an immutable value published through an atomically swapped
// pointer (Go's atomic.Pointer[T]), instrumented.
//
//   load()   returns the current value. Takes no lab lock, never parks, never
//            waits on a writer: a reader holds its own reference, so the value
//            it got stays alive and unchanged however long it keeps it.
//   store()  publishes a new value in one step and emits EventKind::kSwap on
//            the calling thread (object = this snapshot, arg = the number of
//            stores so far, starting at 1). Readers that loaded the old value
//            keep it; the old value is freed when its last reader drops it.
//
// The rule that makes it correct: a published value is never modified. To
// change it, build a new T (outside any lock), then store() it. Writing
// through a loaded pointer is the seed-002 bug 13 mistake; the `const` in
// shared_ptr<const T> is there to make that a compile error.
//
// Two stores racing each other both succeed and the last one wins (no
// compare-and-swap here). A writer that must not lose a concurrent update
// serialises its writers with its own Mutex, which readers never touch.
//
// Cost: load() and store() are std::atomic<std::shared_ptr>. libstdc++
// implements it with a spin bit inside the pointer, held for a few
// instructions, so a reader can briefly spin but is never parked and never
// shows up in the contention profile. store() adds a clock read and an event
// when recording is on.
//
// Like every primitive, a Snapshot registers its name ("Config.flags") when
// constructed, so construct it inside the run that uses it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <utility>

#include "locklab/core/clock.h"
#include "locklab/core/sched_point.h"
#include "locklab/core/event.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"

#if defined(__SANITIZE_THREAD__)
#define LOCKLAB_SNAPSHOT_UNDER_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCKLAB_SNAPSHOT_UNDER_TSAN 1
#endif
#endif

#if defined(LOCKLAB_SNAPSHOT_UNDER_TSAN)
extern "C" void __tsan_ignore_thread_begin();
extern "C" void __tsan_ignore_thread_end();
#endif

namespace locklab {

namespace detail {
// libstdc++ 12's atomic<shared_ptr>::load() reads the stored pointer under
// its internal spin bit, then clears the bit with relaxed order. Read to the
// letter of the memory model, nothing then orders that read before the next
// store's write of the pointer, and ThreadSanitizer reports a data race
// inside the standard library (google/sanitizers#1558). On x86-64 a load is
// never reordered after a later store, so the read is over before the bit
// is cleared. Under ThreadSanitizer this guard skips the plain memory
// accesses of the two library calls it wraps; their atomics, and everything
// the snapshot's users do, are still checked. Empty otherwise.
struct QuietLibraryAccesses {
#if defined(LOCKLAB_SNAPSHOT_UNDER_TSAN)
  QuietLibraryAccesses() noexcept { __tsan_ignore_thread_begin(); }
  ~QuietLibraryAccesses() { __tsan_ignore_thread_end(); }
  QuietLibraryAccesses(const QuietLibraryAccesses&) = delete;
  QuietLibraryAccesses& operator=(const QuietLibraryAccesses&) = delete;
#endif
};
}  // namespace detail

template <class T>
class Snapshot {
 public:
  /// `initial` is the value load() returns until the first store() (may be
  /// null, and then load() returns null). Publishing it emits no event.
  explicit Snapshot(std::string_view name, std::shared_ptr<const T> initial = nullptr)
      : id_(register_object(ObjectKind::kSnapshot, name)), value_(std::move(initial)) {}
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  /// The value most recently stored (acquire: everything the storer wrote
  /// before store() is visible through it).
  std::shared_ptr<const T> load() const noexcept {
    [[maybe_unused]] detail::QuietLibraryAccesses quiet;
    return value_.load(std::memory_order_acquire);
  }

  /// Publishes `next` (release). Counts as progress for the runner's watchdog.
  void store(std::shared_ptr<const T> next, Site site = Site::current()) {
    detail::sched_point(SchedOp::kSwap, id_, site);
    std::shared_ptr<const T> old;
    {
      [[maybe_unused]] detail::QuietLibraryAccesses quiet;
      old = value_.exchange(std::move(next), std::memory_order_acq_rel);
    }
    old.reset();  // frees the old value unless a reader still holds it
    const std::uint64_t version = stores_.fetch_add(1, std::memory_order_relaxed) + 1;
    ThreadRecord& self = Runtime::self();
    self.bump_progress();
    if (Runtime::recording())
      self.emit(EventKind::kSwap, id_, LockMode::kNone, site.key(), version, now_ticks());
  }

  std::uint32_t id() const noexcept { return id_; }

 private:
  const std::uint32_t id_;
  std::atomic<std::shared_ptr<const T>> value_;  // the published value
  std::atomic<std::uint64_t> stores_{0};         // stores so far (the kSwap event's arg)
};

}  // namespace locklab
