// UseLedger: which threads have used an object (a channel, a cond), so the
// wait-for graph can say who could still end a wait on it.
//
// A lock wait has a definite answer (its holders); a receive on a channel
// does not: any thread could still send. The ledger gives the usual answer:
// the threads that have sent, received, closed, signalled or waited on the
// object so far. It is a judgement, and every word built on it says
// "likely" (wait_graph.h). Bounded: it remembers kSlots threads; past that
// (a channel every worker uses) it says `many`, and the graph then treats a
// wait on the object as one that anyone may end.
//
// note() is lock-free and cheap on the hot path: a thread that is already
// in the ledger reads one or two atomics. Objects fed from outside the lab
// threads (a Timer's channel, fed by the timer service) are marked
// `external`: a wait on them is never judged stuck.
//
// The object registry maps an object id to its ledger while the object
// lives (attach in the constructor, detach in the destructor), so a thread
// dump can read it by id.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <optional>
#include <vector>

namespace locklab {

/// What a ledger knows at one moment.
struct ObjectUsers {
  std::vector<std::uint16_t> threads;  // thread ids, in first-use order
  bool many = false;                   // more users than the ledger keeps
  bool external = false;               // fed from outside the lab threads
  std::uint32_t related = 0;           // a Cond's mutex: whoever takes it may signal
  // A WaitGroup's round (the time since its counter last left zero):
  bool wait_group = false;
  std::int64_t counter = 0;            // the counter now
  std::vector<std::uint16_t> done_by;  // threads that called done() this round
  bool done_by_many = false;
  std::uint64_t round_start_ticks = 0; // when the counter last left zero
};

/// What the registry keeps per object: anything that can say its users.
class LedgerView {
 public:
  virtual ObjectUsers users() const = 0;

 protected:
  ~LedgerView() = default;
};

class UseLedger final : public LedgerView {
 public:
  static constexpr std::size_t kSlots = 8;

  /// Records that thread `id` (>= 1) used the object. Never blocks.
  void note(std::uint16_t id) noexcept {
    for (auto& s : slots_) {
      std::uint16_t v = s.load(std::memory_order_relaxed);
      if (v == id) return;
      if (v == 0) {
        if (s.compare_exchange_strong(v, id, std::memory_order_relaxed)) return;
        if (v == id) return;
      }
    }
    many_.store(true, std::memory_order_relaxed);
  }
  void set_external() noexcept { external_.store(true, std::memory_order_relaxed); }
  /// A Cond's ledger names its mutex (set once, before any use).
  void set_related(std::uint32_t object) noexcept { related_.store(object, std::memory_order_relaxed); }
  /// Forgets every user (a new run reuses an object made before it).
  void clear() noexcept {
    for (auto& s : slots_) s.store(0, std::memory_order_relaxed);
    many_.store(false, std::memory_order_relaxed);
  }
  /// The users so far, in first-use order; `many` if some were not kept.
  void fill(std::vector<std::uint16_t>& threads, bool& many) const {
    for (const auto& s : slots_)
      if (const std::uint16_t v = s.load(std::memory_order_relaxed)) threads.push_back(v);
    many = many_.load(std::memory_order_relaxed);
  }
  ObjectUsers users() const override {
    ObjectUsers u;
    fill(u.threads, u.many);
    u.external = external_.load(std::memory_order_relaxed);
    u.related = related_.load(std::memory_order_relaxed);
    return u;
  }

 private:
  std::array<std::atomic<std::uint16_t>, kSlots> slots_{};
  std::atomic<bool> many_{false};
  std::atomic<bool> external_{false};
  std::atomic<std::uint32_t> related_{0};
};

namespace detail {
/// The registry's map from object id to ledger (objects.cpp). attach in the
/// owner's constructor, detach in its destructor.
void attach_ledger(std::uint32_t object, const LedgerView* ledger);
/// Only if `object` still maps to `ledger` (ids restart with every run).
void detach_ledger(std::uint32_t object, const LedgerView* ledger);
}  // namespace detail

/// The users of `object` now; nullopt if it keeps no ledger (or is gone).
std::optional<ObjectUsers> object_users(std::uint32_t object);

}  // namespace locklab
