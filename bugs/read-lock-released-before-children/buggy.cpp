// read-lock-released-before-children, buggy: broadcast() releases the
// replica's read lock as soon as it has started the children, while they are
// still to read the state.
//
// The children do not lock Replica.mu themselves: they rely on the broadcast
// holding it for them (taking it again would be the recursive read lock of
// recursive-rlock). But broadcast()'s lock ends at its closing brace, right
// after the threads are started. An apply() that was waiting for the lock,
// or that arrives a moment later, changes the state while the children are
// encoding, so peers get messages built from different versions of the
// state, and not the version in the broadcast's header.
#include <memory>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::read_lock_released_before_children {
namespace {

class BuggyReplica final : public Replica {
 public:
  BuggyReplica(StartThread start, const ReplicaConfig& config)
      : start_(std::move(start)), config_(config), peers_(config.peers) {}

  void apply() override {
    WriterLock lock(mu_);
    compute(config_.apply_time);
    version_.store(version_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

  void broadcast(std::shared_ptr<Broadcast> broadcast) override {
    ReaderLock lock(mu_);
    broadcast->header(version_.load(std::memory_order_relaxed));
    for (std::uint32_t p = 0; p < config_.peers; ++p) {
      start_([this, broadcast, p] { send_to_peer(*broadcast, p); });
    }
  }  // <- the read lock ends here, while the children are still to read the state

 private:
  // Runs on a child thread.
  void send_to_peer(Broadcast& broadcast, std::uint32_t p) {
    Peer& peer = peers_[p];
    MutexLock lock(peer.mu);      // the peer's own state (its sub-lock)
    compute(config_.encode_time);  // encoding what this peer still lacks
    peer.last_sent = version_.load(std::memory_order_relaxed);  // <- Replica.mu is no longer held
    broadcast.sent(p, peer.last_sent);
  }

  struct Peer {
    Mutex mu{"Peer.mu"};
    std::uint64_t last_sent LOCKLAB_GUARDED_BY(mu) = 0;
  };

  const StartThread start_;
  const ReplicaConfig config_;
  RWMutex mu_{"Replica.mu"};
  // The state. Written under mu_ held for writing; read under mu_ held for
  // reading, by broadcast() or on its behalf by its children. Atomic so that
  // this variant's unprotected read is a stale value, not a data race.
  std::atomic<std::uint64_t> version_{1};
  std::vector<Peer> peers_;
};

}  // namespace

std::unique_ptr<Replica> make_buggy(StartThread start, const ReplicaConfig& config) {
  return std::make_unique<BuggyReplica>(std::move(start), config);
}

}  // namespace locklab::bugs::read_lock_released_before_children
