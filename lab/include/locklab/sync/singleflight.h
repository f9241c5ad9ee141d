// Singleflight<K, V>: golang.org/x/sync/singleflight.Group, instrumented.
// Duplicate suppression: the fix for the thundering herd, where a hundred
// callers that miss the same cache key all run the same expensive load.
//
//   run(key, fn)  (Go's Do; `do` is a C++ keyword) if no call for `key` is in
//                 flight, runs fn() on the calling thread (this caller is the
//                 leader) and returns its value. If one is in flight, blocks
//                 until it completes and returns a copy of the same value, or
//                 rethrows the same exception (std::exception_ptr: every
//                 caller sees the one object fn threw). Cancellable: a waiting
//                 caller throws Cancelled when the runner cancels the run.
//                 Result::shared is Go's `shared`: the value was given to more
//                 than one caller, so it is true for the leader too when
//                 anyone joined. Result::leader says whether this caller ran fn.
//   forget(key)   later calls for key run fn again even if a call is still
//                 in flight (its callers still get its result), as Go's Forget.
//   waiting(key)  callers blocked on key's call in flight (a moment's view).
//
// When the call completes, the key is forgotten: the next run(key) runs fn
// again. Singleflight shares one call; it is not a cache.
//
// Requirements: K is hashable with Hash and comparable with KeyEq (defaults
// std::hash / std::equal_to); V is copy-constructible (each caller gets its
// own copy; use V = std::shared_ptr<const T> to share one object); fn() is
// callable with no arguments and returns something V is constructible from.
//
// Misuse: run(key) from inside the fn of key's own call waits for itself
// forever (Go deadlocks); it is reported as a self-deadlock (both sites;
// fatal outside a run). A different key from inside fn is fine.
//
// Recording: a blocked caller is WaitKind::kWaitGroup on this object (Go's
// waiters block on the call's sync.WaitGroup), with kWaitBegin / kWaitEnd
// events, counted at its run() site in the contention profile and charged to
// the leader's run() site (the blame side). A call starting and completing
// emits EventKind::kLevel (arg: calls in flight after).
//
// Cost: a call with nobody to share with takes the internal lock twice,
// allocates the shared call record, and inserts and erases one map entry
// (see tests/bench/singleflight_bench.cpp).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "locklab/core/internal_lock.h"
#include "locklab/core/sched_point.h"
#include "locklab/core/runtime.h"
#include "locklab/core/site.h"
#include "locklab/core/wait_queue.h"

namespace locklab {

namespace detail {

/// One call in flight, apart from its value. Guarded by the owning group's
/// guard_, except `error`, which the leader writes before it sets `done`
/// under guard_ and nobody writes after.
struct FlightCall {
  std::uint16_t leader = 0;       // lab thread running fn
  std::uint64_t leader_site = 0;  // its run() site (Site::key())
  std::uint32_t dups = 0;         // callers that joined (Go's c.dups)
  bool done = false;              // fn returned or threw; the result is final
  WaitQueue waiters;              // callers parked until done
  std::exception_ptr error;       // what fn threw, if it threw
};

/// The non-template part of Singleflight: the object, its lock, the waits.
class SingleflightCore {
 public:
  std::uint32_t id() const noexcept { return id_; }

 protected:
  explicit SingleflightCore(std::string_view name);
  ~SingleflightCore() = default;
  SingleflightCore(const SingleflightCore&) = delete;
  SingleflightCore& operator=(const SingleflightCore&) = delete;

  /// The caller starts leading `call`; emits the level.
  void lead_locked(FlightCall& call, ThreadRecord& self, std::uint64_t site, std::size_t in_flight)
      LOCKLAB_REQUIRES(guard_);
  /// The caller (not its leader) joins `call`: counts it, queues `node`,
  /// publishes the wait.
  void join_locked(FlightCall& call, WaitNode& node, ThreadRecord& self, std::uint64_t site)
      LOCKLAB_REQUIRES(guard_);
  /// Parks the joined caller until `call` is done. Cancellable.
  void wait_done(FlightCall& call, WaitNode& node, ThreadRecord& self) LOCKLAB_EXCLUDES(guard_);
  /// The leader finished: marks `call` done, grants its waiters; returns the
  /// threads to wake, for finished().
  std::vector<ThreadRecord*> finish_locked(FlightCall& call, ThreadRecord& self) LOCKLAB_REQUIRES(guard_);
  /// Wakes the waiters and records the completion.
  void finished(ThreadRecord& self, const std::vector<ThreadRecord*>& wake, std::uint64_t site,
                std::size_t in_flight) LOCKLAB_EXCLUDES(guard_);

  mutable GuardMutex guard_;

 private:
  const std::uint32_t id_;
};

}  // namespace detail

template <class K, class V, class Hash = std::hash<K>, class KeyEq = std::equal_to<K>>
class Singleflight : public detail::SingleflightCore {
 public:
  struct Result {
    V value;
    bool shared = false;  // the value went to more than one caller (Go's shared)
    bool leader = false;  // this caller ran fn
  };

  explicit Singleflight(std::string_view name = {}) : SingleflightCore(name) {}

  template <class F>
  Result run(const K& key, F&& fn, Site site = Site::current()) {
    detail::sched_point(SchedOp::kSingleflight, id(), site);
    ThreadRecord& self = Runtime::self();
    const std::uint64_t at = site.key();
    detail::GuardLock g(guard_);
    if (const auto it = calls_.find(key); it != calls_.end()) {
      const std::shared_ptr<Call> call = it->second;  // keeps the result alive for us
      if (call->leader == self.id()) {  // inside key's own fn: it would wait for itself
        const std::uint64_t held_site = call->leader_site;
        g.unlock();
        detail::self_deadlock(self, id(), LockMode::kExclusive, at, held_site, LockMode::kExclusive);
      }
      detail::WaitNode node;
      join_locked(*call, node, self, at);
      g.unlock();
      wait_done(*call, node, self);
      if (call->error) std::rethrow_exception(call->error);
      return Result{*call->value, true, false};
    }
    const auto call = std::make_shared<Call>();
    calls_.emplace(key, call);
    lead_locked(*call, self, at, calls_.size());
    g.unlock();
    try {
      call->value.emplace(std::invoke(std::forward<F>(fn)));
    } catch (...) {
      call->error = std::current_exception();  // shared with every waiter, as Go shares a panic
    }
    g.lock();
    if (const auto it = calls_.find(key); it != calls_.end() && it->second == call) calls_.erase(it);
    const bool shared = call->dups > 0;
    const std::vector<ThreadRecord*> wake = finish_locked(*call, self);
    const std::size_t in_flight = calls_.size();
    g.unlock();
    finished(self, wake, at, in_flight);
    if (call->error) std::rethrow_exception(call->error);
    return Result{*call->value, shared, true};
  }

  void forget(const K& key) {
    detail::GuardLock g(guard_);
    calls_.erase(key);
  }

  std::uint32_t waiting(const K& key) const {
    detail::GuardLock g(guard_);
    const auto it = calls_.find(key);
    return it == calls_.end() ? 0 : it->second->waiters.size();
  }

 private:
  struct Call : detail::FlightCall {
    std::optional<V> value;  // written by the leader before done, read-only after
  };
  std::unordered_map<K, std::shared_ptr<Call>, Hash, KeyEq> calls_ LOCKLAB_GUARDED_BY(guard_);  // in flight
};

}  // namespace locklab
