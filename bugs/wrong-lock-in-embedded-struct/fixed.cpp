// wrong-lock-in-embedded-struct, fixed: each lock guards its own object's
// data, and only that.
//
// broadcast() takes the replica's lock for the replica's log, lets it go,
// then takes each peer's own lock for that peer's counts, the same lock
// ack() takes. The rule the seed ends with: a child's data is guarded by
// the child's lock, never by its parent's.
#include <deque>

#include "interface.h"
#include "locklab/sync/guarded.h"
#include "locklab/sync/guards.h"

namespace locklab::bugs::wrong_lock_in_embedded_struct {
namespace {

class FixedReplica final : public Replica, public Mutex {
 public:
  explicit FixedReplica(std::uint32_t peers) : Mutex("Replica.mu") {
    for (std::uint32_t i = 0; i < peers; ++i) peers_.emplace_back("peer-" + std::to_string(i));
  }

  void broadcast() override {
    {
      MutexLock lock(*this);  // the replica's lock, for the replica's log only
      log_.write() += 1;
    }
    for (Peer& peer : peers_) {
      MutexLock lock(peer);  // each peer's counts under that peer's lock, as in ack()
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
  Guarded<std::uint64_t> log_{"Replica.log"};
  std::deque<Peer> peers_;
};

}  // namespace

std::unique_ptr<Replica> make_fixed(std::uint32_t peers) { return std::make_unique<FixedReplica>(peers); }

}  // namespace locklab::bugs::wrong_lock_in_embedded_struct
