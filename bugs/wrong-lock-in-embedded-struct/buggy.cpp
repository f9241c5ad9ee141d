// wrong-lock-in-embedded-struct, buggy: broadcast() guards the peers' counts
// with the replica's own lock.
//
// The replica is lockable (it derives from Mutex, Go's embedded sync.Mutex),
// and so is each of its peers. Inside a Replica method, MutexLock(*this) is
// the lock at hand, and the peers' counts are members of members, so they
// look like the replica's own data. But ack() updates the same counts under
// the peer's lock. Two locks for one datum exclude nobody: the leader's
// update of in_flight and a peer's can interleave, and one is lost.
#include <deque>

#include "interface.h"
#include "locklab/sync/guarded.h"
#include "locklab/sync/guards.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

class BuggyReplica final : public Replica, public Mutex {
 public:
  explicit BuggyReplica(std::uint32_t peers) : Mutex("Replica.mu") {
    for (std::uint32_t i = 0; i < peers; ++i) peers_.emplace_back("peer-" + std::to_string(i));
  }

  void broadcast() override {
    MutexLock lock(*this);  // the replica's lock...
    log_.write() += 1;      // ...right for the replica's log
    for (Peer& peer : peers_) {
      Progress& p = peer.progress.write();  // <- ...wrong for a peer's counts: ack() uses the peer's lock
      add(p.sent, +1);
      add(p.in_flight, +1);
    }
  }

  bool ack(std::uint32_t i) override {
    Peer& peer = peers_[i];
    MutexLock lock(peer);  // the peer's lock
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

std::unique_ptr<Replica> make_buggy(std::uint32_t peers) { return std::make_unique<BuggyReplica>(peers); }

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
