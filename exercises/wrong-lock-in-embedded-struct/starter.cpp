// Exercise wrong-lock-in-embedded-struct: the learner's file. Yours to change.
//
// A replica that sends its log to peers: broadcast() appends an entry and
// counts one more message sent and in flight to every peer; each peer's
// ack() counts a message acknowledged. A Peer has its own lock, and so does
// the Replica (both are Mutexes by inheritance, Go's embedded sync.Mutex).
// Read README.md for what its users see, then make it right.
//
// Keep make_exercise's name and signature: the grader builds your variant
// through it.
#include <deque>

#include "interface.h"
#include "locklab/sync/guarded.h"
#include "locklab/sync/guards.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

class ExerciseReplica final : public Replica, public Mutex {
 public:
  explicit ExerciseReplica(std::uint32_t peers) : Mutex("Replica.mu") {
    for (std::uint32_t i = 0; i < peers; ++i) peers_.emplace_back("peer-" + std::to_string(i));
  }

  void broadcast() override {
    MutexLock lock(*this);
    log_.write() += 1;
    for (Peer& peer : peers_) {
      Progress& p = peer.progress.write();
      add(p.sent, +1);
      add(p.in_flight, +1);
    }
  }

  bool ack(std::uint32_t i) override {
    Peer& peer = peers_[i];
    MutexLock lock(peer);
    Progress& p = peer.progress.write();
    if (p.acked.load(std::memory_order_relaxed) >= p.sent.load(std::memory_order_relaxed)) return false;
    add(p.acked, +1);
    add(p.in_flight, -1);
    return true;
  }

  PeerCounts counts(std::uint32_t i) override {
    Peer& peer = peers_[i];
    MutexLock lock(peer);
    const Progress& p = peer.progress.read();
    return {p.sent.load(std::memory_order_relaxed), p.acked.load(std::memory_order_relaxed),
            p.in_flight.load(std::memory_order_relaxed)};
  }

  std::uint64_t log_length() override {
    MutexLock lock(*this);
    return log_.read();
  }

 private:
  Guarded<std::uint64_t> log_{"Replica.log"};  // entries appended; guarded by the replica's lock
  std::deque<Peer> peers_;                     // fixed at construction (a deque: Peer cannot move)
};

}  // namespace

std::unique_ptr<Replica> make_exercise(std::uint32_t peers) { return std::make_unique<ExerciseReplica>(peers); }

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
