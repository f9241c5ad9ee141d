// Atomic<T>: std::atomic<T>, instrumented. The lost update of two threads
// that increment one counter happens between a load and a store; with a
// plain std::atomic no scheduler can put a switch there, with this one every
// operation is a scheduling point and an event.
//
//   Atomic<std::uint64_t> hits("Stats.hits");   // name, then the initial value (0)
//   const auto seen = hits.load();     // "T3 atomic load Stats.hits"
//   hits.store(seen + 1);              // another thread may run in between
//   hits.fetch_add(1);                 // one step: nothing in between
//
// Operations: load, store, exchange, compare_exchange_weak/strong, and for
// integral T fetch_add, fetch_sub, fetch_and, fetch_or, fetch_xor; each
// takes the std::memory_order arguments std::atomic takes (default
// seq_cst) and a Site. None blocks, none is misuse.
//
// What is modelled, and what is not:
//   - Each operation is one scheduling point, before it runs: the controlled
//     scheduler may switch threads there, chaos mode may yield there. A
//     read-modify-write (fetch_add, exchange, a compare-exchange) is one
//     indivisible step, as on the hardware.
//   - Controlled runs explore sequential consistency: one fiber runs at a
//     time, so every thread sees every operation in the one order the
//     schedule made. The memory orders are passed on to the real
//     std::atomic in real runs, where the hardware decides.
//   - Not modelled: the reorderings a relaxed or acquire/release order
//     allows on a weak memory model (a store buffer, a load moved ahead of
//     an earlier store). A bug that needs one of those stays invisible to
//     the scheduler; that is a weak-memory model checker's job (CDSChecker,
//     GenMC).
//
// Recording: kAtomicLoad (arg: the value read) and kAtomicStore (arg: the
// value written; for a read-modify-write the value after it, and for a
// failed compare-exchange a kAtomicLoad of the value found). Values are
// recorded for integral, enum and pointer T (as 64 bits); other T record 0.
// A store or a successful read-modify-write counts as progress for the
// watchdog.
//
// Cost: with no scheduler and recording off, the std::atomic operation and
// one relaxed load of the scheduling mode; recording adds a clock read and
// a 32-byte event.
#pragma once

#include <atomic>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <type_traits>

#include "locklab/core/clock.h"
#include "locklab/core/objects.h"
#include "locklab/core/runtime.h"
#include "locklab/core/sched_point.h"
#include "locklab/core/site.h"

namespace locklab {

template <class T>
class Atomic {
  static_assert(std::is_trivially_copyable_v<T>, "Atomic<T>: T must be trivially copyable, as for std::atomic");

 public:
  /// The name comes first, as for every primitive (and so Atomic<bool>
  /// ("ready") cannot mistake the name for an initial value of true).
  explicit Atomic(std::string_view name = {}, T initial = T{})
      : id_(register_object(ObjectKind::kAtomic, name)), value_(initial) {}
  Atomic(const Atomic&) = delete;
  Atomic& operator=(const Atomic&) = delete;

  std::uint32_t id() const noexcept { return id_; }

  T load(std::memory_order order = std::memory_order_seq_cst, Site site = Site::current()) const {
    detail::sched_point(SchedOp::kAtomicLoad, id_, site);
    const T v = value_.load(order);
    record(EventKind::kAtomicLoad, v, site, false);
    return v;
  }

  void store(T v, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current()) {
    detail::sched_point(SchedOp::kAtomicStore, id_, site);
    value_.store(v, order);
    record(EventKind::kAtomicStore, v, site, true);
  }

  T exchange(T v, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current()) {
    detail::sched_point(SchedOp::kAtomicRmw, id_, site);
    const T old = value_.exchange(v, order);
    record(EventKind::kAtomicStore, v, site, true);
    return old;
  }

  bool compare_exchange_strong(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst,
                               Site site = Site::current()) {
    detail::sched_point(SchedOp::kAtomicRmw, id_, site);
    const bool ok = value_.compare_exchange_strong(expected, desired, order);
    if (ok) record(EventKind::kAtomicStore, desired, site, true);
    else record(EventKind::kAtomicLoad, expected, site, false);
    return ok;
  }

  /// May fail spuriously on real hardware, as std::atomic's does.
  bool compare_exchange_weak(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst,
                             Site site = Site::current()) {
    detail::sched_point(SchedOp::kAtomicRmw, id_, site);
    const bool ok = value_.compare_exchange_weak(expected, desired, order);
    if (ok) record(EventKind::kAtomicStore, desired, site, true);
    else record(EventKind::kAtomicLoad, expected, site, false);
    return ok;
  }

  T fetch_add(T d, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current())
    requires std::is_integral_v<T>
  {
    return rmw([&] { return value_.fetch_add(d, order); }, [&](T old) { return static_cast<T>(old + d); }, site);
  }
  T fetch_sub(T d, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current())
    requires std::is_integral_v<T>
  {
    return rmw([&] { return value_.fetch_sub(d, order); }, [&](T old) { return static_cast<T>(old - d); }, site);
  }
  T fetch_and(T m, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current())
    requires std::is_integral_v<T>
  {
    return rmw([&] { return value_.fetch_and(m, order); }, [&](T old) { return static_cast<T>(old & m); }, site);
  }
  T fetch_or(T m, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current())
    requires std::is_integral_v<T>
  {
    return rmw([&] { return value_.fetch_or(m, order); }, [&](T old) { return static_cast<T>(old | m); }, site);
  }
  T fetch_xor(T m, std::memory_order order = std::memory_order_seq_cst, Site site = Site::current())
    requires std::is_integral_v<T>
  {
    return rmw([&] { return value_.fetch_xor(m, order); }, [&](T old) { return static_cast<T>(old ^ m); }, site);
  }

 private:
  template <class Op, class After>
  T rmw(Op op, After after, Site site) {
    detail::sched_point(SchedOp::kAtomicRmw, id_, site);
    const T old = op();
    record(EventKind::kAtomicStore, after(old), site, true);
    return old;
  }

  static std::uint64_t as_arg(T v) noexcept {
    if constexpr (std::is_integral_v<T> || std::is_enum_v<T>) {
      return static_cast<std::uint64_t>(v);
    } else if constexpr (std::is_pointer_v<T>) {
      return reinterpret_cast<std::uintptr_t>(v);
    } else {
      return 0;
    }
  }

  void record(EventKind kind, T v, Site site, bool wrote) const {
    if (!wrote && !Runtime::recording()) return;
    ThreadRecord& self = Runtime::self();
    if (wrote) self.bump_progress();
    if (Runtime::recording()) self.emit(kind, id_, LockMode::kNone, site.key(), as_arg(v), now_ticks());
  }

  const std::uint32_t id_;
  std::atomic<T> value_;
};

}  // namespace locklab
