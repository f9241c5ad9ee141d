// Once: Go's sync.Once, instrumented. Runs an initialisation exactly once.
//
//   call(fn)  the first call runs fn() on the calling thread. Calls that
//             arrive while it runs block until it has finished (cancellable:
//             they throw Cancelled when the runner cancels the run); calls
//             after that return at once without running anything.
//   done()    true once fn has finished (a moment's snapshot).
//
// When fn throws (Go: when f panics), the Once still counts as done, as in
// Go ("if f panics, Do considers it to have returned; future calls of Do
// return without calling f"). The exception goes to the one caller that ran
// fn; the callers that waited for it return normally, as if fn had
// succeeded. Why Go's rule and not std::call_once's (which retries after an
// exception): the catalogue's Once bugs are Go's, where a failed
// initialisation is never retried and everyone after it sees a half-built
// value. Wrap fn yourself (record the error beside the value) if the callers
// must know.
//
// Misuse: calling call() on the same Once from inside fn would wait for
// itself forever (Go deadlocks): it is reported as a self-deadlock (the
// verdict names both sites; fatal outside a run).
//
// Recording: while fn runs, the running thread holds this Once (as Go's
// doSlow holds the Once's mutex), so dumps and the wait-for graph show who
// the others wait for. Blocked callers are WaitKind::kOnce (kWaitBegin /
// kWaitEnd events), counted at their site in the contention profile and
// charged to the running call's site (the blame side, like a mutex's
// holder). Finishing emits EventKind::kLevel with arg 1.
//
// Cost: a call after fn finished is one acquire load, no event.
#pragma once

#include <atomic>
#include <cstdint>
#include <string_view>
#include <functional>

#include "locklab/core/internal_lock.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

class Once {
 public:
  explicit Once(std::string_view name = {});
  Once(const Once&) = delete;
  Once& operator=(const Once&) = delete;

  template <class F>
  void call(F&& fn, Site site = Site::current()) {
    if (done_.load(std::memory_order_acquire)) [[likely]] return;
    auto run = [&fn] { std::invoke(fn); };
    call_slow([](void* r) { (*static_cast<decltype(run)*>(r))(); }, &run, site);
  }

  bool done() const noexcept { return done_.load(std::memory_order_acquire); }
  std::uint32_t id() const noexcept { return id_; }

 private:
  void call_slow(void (*invoke)(void*), void* fn, Site site);
  // Parks `node` (queued under guard_) until the running call finishes.
  void wait_done(ThreadRecord& self, detail::WaitNode& node) LOCKLAB_EXCLUDES(guard_);

  const std::uint32_t id_;
  std::atomic<bool> done_{false};  // set (release) once fn has finished; never cleared
  detail::GuardMutex guard_;
  bool running_ LOCKLAB_GUARDED_BY(guard_) = false;        // fn is running now
  std::uint16_t runner_ LOCKLAB_GUARDED_BY(guard_) = 0;    // the thread running fn
  std::uint64_t run_site_ LOCKLAB_GUARDED_BY(guard_) = 0;  // the call() that runs fn
  detail::WaitQueue waiters_ LOCKLAB_GUARDED_BY(guard_);   // callers waiting for fn
};

}  // namespace locklab
