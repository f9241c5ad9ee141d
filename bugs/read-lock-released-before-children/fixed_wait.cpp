// read-lock-released-before-children, fixed by waiting: broadcast() keeps
// the replica's read lock until every child it started is done.
//
// The children still read the state on the broadcast's behalf, but now the
// read lock really is held for them: broadcast() waits on a WaitGroup of its
// children before its lock ends, so an apply() waits until the last message
// is encoded, and every peer gets the version in the header. The cost: the
// writer waits for the slowest child, and broadcast() returns only when all
// are done.
#include <memory>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/wait_group.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::read_lock_released_before_children {
namespace {

class WaitingReplica final : public Replica {
 public:
  WaitingReplica(StartThread start, const ReplicaConfig& config)
      : start_(std::move(start)), config_(config), peers_(config.peers) {}

  void apply() override {
    WriterLock lock(mu_);
    compute(config_.apply_time);
    version_.store(version_.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

  void broadcast(std::shared_ptr<Broadcast> broadcast) override {
    ReaderLock lock(mu_);
    broadcast->header(version_.load(std::memory_order_relaxed));
    // Shared with the children, so that one still unwinding after a
    // cancelled run never touches a group that is gone.
    auto children = std::make_shared<WaitGroup>("Broadcast.children");
    children->add(static_cast<int>(config_.peers));
    for (std::uint32_t p = 0; p < config_.peers; ++p) {
      start_([this, broadcast, children, p] {
        send_to_peer(*broadcast, p);
        children->done();
      });
    }
    children->wait();  // the children read the state under this read lock
  }  // released only now

 private:
  // Runs on a child thread, while broadcast() holds mu_ for reading.
  void send_to_peer(Broadcast& broadcast, std::uint32_t p) {
    Peer& peer = peers_[p];
    MutexLock lock(peer.mu);
    compute(config_.encode_time);
    peer.last_sent = version_.load(std::memory_order_relaxed);  // protected by the broadcast's read lock
    broadcast.sent(p, peer.last_sent);
  }

  struct Peer {
    Mutex mu{"Peer.mu"};
    std::uint64_t last_sent LOCKLAB_GUARDED_BY(mu) = 0;
  };

  const StartThread start_;
  const ReplicaConfig config_;
  RWMutex mu_{"Replica.mu"};
  std::atomic<std::uint64_t> version_{1};  // as in the buggy variant
  std::vector<Peer> peers_;
};

}  // namespace

std::unique_ptr<Replica> make_fixed_wait(StartThread start, const ReplicaConfig& config) {
  return std::make_unique<WaitingReplica>(std::move(start), config);
}

}  // namespace locklab::bugs::read_lock_released_before_children
