// wrong-lock-in-embedded-struct: what every variant works with.
//
// A replica of a replicated log (the seed's state machine) leads a few
// peers. broadcast() appends one entry to the replica's log and sends it to
// every peer; each peer's thread acknowledges entries with ack(). For every
// peer the replica tracks how many entries it sent, how many came back
// acknowledged, and how many are in flight (sent - acked, kept as its own
// count because flow control reads it). The variants differ only in which
// lock guards a peer's counts when broadcast() updates them: buggy.cpp,
// fixed.cpp.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "locklab/sync/guarded.h"
#include "locklab/sync/mutex.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {

/// One peer's counts. Invariant: in_flight == sent - acked. Atomics only so
/// that a lost update stays a lost update rather than undefined behaviour:
/// every change is a read and a write back (add()), safe only if one lock
/// covers every change.
struct Progress {
  std::atomic<std::uint64_t> sent{0};
  std::atomic<std::uint64_t> acked{0};
  std::atomic<std::uint64_t> in_flight{0};
};

/// Adds `delta` to `count` in two steps (read, then write back).
inline void add(std::atomic<std::uint64_t>& count, std::int64_t delta) {
  count.store(count.load(std::memory_order_relaxed) + static_cast<std::uint64_t>(delta), std::memory_order_relaxed);
}

/// A peer is lockable itself: it derives from Mutex, as a Go struct embeds
/// sync.Mutex, and its lock ("peer-<i>.mu") guards its progress.
struct Peer : Mutex {
  explicit Peer(const std::string& name) : Mutex(name + ".mu"), progress(name + ".progress") {}
  Guarded<Progress> progress;
};

/// One peer's counts as read under its lock.
struct PeerCounts {
  std::uint64_t sent = 0, acked = 0, in_flight = 0;
};

class Replica {
 public:
  virtual ~Replica() = default;
  /// Appends one entry to the log and sends it to every peer.
  virtual void broadcast() = 0;
  /// Peer `peer` acknowledges its oldest entry in flight; false if it had
  /// none.
  virtual bool ack(std::uint32_t peer) = 0;
  /// Peer `peer`'s counts, read under the peer's lock.
  virtual PeerCounts counts(std::uint32_t peer) = 0;
  /// Entries appended so far.
  virtual std::uint64_t log_length() = 0;
};

// The variants. `peers` is how many peers the replica leads.
std::unique_ptr<Replica> make_buggy(std::uint32_t peers);  // buggy.cpp
std::unique_ptr<Replica> make_fixed(std::uint32_t peers);  // fixed.cpp

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
