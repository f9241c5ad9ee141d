// read-lock-released-before-children, fixed with a snapshot: broadcast()
// copies what the children need under the read lock and hands them the copy.
//
// The copy is immutable (shared_ptr<const View>) and owned by the children
// together, so they never read the live state and need no lock for it; the
// read lock covers the copy only, and apply() can run while the messages
// are being encoded. Every peer gets the version of the copy, which is the
// header's. In a real replica the view is what the messages are made of
// (term, commit index, the entries a peer lacks), not the whole state.
#include <memory>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/mutex.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::read_lock_released_before_children {
namespace {

class SnapshotReplica final : public Replica {
 public:
  SnapshotReplica(StartThread start, const ReplicaConfig& config)
      : start_(std::move(start)), config_(config), peers_(config.peers) {}

  void apply() override {
    WriterLock lock(mu_);
    compute(config_.apply_time);
    ++version_;
  }

  void broadcast(std::shared_ptr<Broadcast> broadcast) override {
    std::shared_ptr<const View> view;
    {
      ReaderLock lock(mu_);
      view = std::make_shared<const View>(View{version_});  // the copy, under the lock
    }  // released: the children never read the live state
    broadcast->header(view->version);
    for (std::uint32_t p = 0; p < config_.peers; ++p) {
      start_([this, broadcast, view, p] { send_to_peer(*broadcast, *view, p); });
    }
  }

 private:
  // What a message is built from: a copy, never changed once made.
  struct View {
    std::uint64_t version = 0;
  };

  // Runs on a child thread; reads only its own copy of the state.
  void send_to_peer(Broadcast& broadcast, const View& view, std::uint32_t p) {
    Peer& peer = peers_[p];
    MutexLock lock(peer.mu);
    compute(config_.encode_time);
    peer.last_sent = view.version;
    broadcast.sent(p, peer.last_sent);
  }

  struct Peer {
    Mutex mu{"Peer.mu"};
    std::uint64_t last_sent LOCKLAB_GUARDED_BY(mu) = 0;
  };

  const StartThread start_;
  const ReplicaConfig config_;
  RWMutex mu_{"Replica.mu"};
  std::uint64_t version_ LOCKLAB_GUARDED_BY(mu_) = 1;  // a plain field: only read under the lock
  std::vector<Peer> peers_;
};

}  // namespace

std::unique_ptr<Replica> make_fixed_snapshot(StartThread start, const ReplicaConfig& config) {
  return std::make_unique<SnapshotReplica>(std::move(start), config);
}

}  // namespace locklab::bugs::read_lock_released_before_children
