// rlock-held-across-blocking-submit, buggy: broadcast() submits to the pool
// while it still holds the hub's read lock, and the pool's tasks need that
// read lock too.
//
// Alone, each piece is fine: readers share the lock, and a full pool only
// makes submit() wait for a worker. Together with a subscriber that wants
// the write lock they close a circle:
//   - broadcast() holds Hub.mu for reading and waits in submit() for a worker;
//   - subscribe() waits for that read lock to go, and, being a waiting writer,
//     stops every new reader (Go's RWMutex rule);
//   - the workers' next tasks are new readers, so no worker ever frees up.
// Every thread of the hub stops, and stays stopped.
#include <map>
#include <set>
#include <string>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/worker_pool.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
namespace {

class BuggyHub final : public Hub {
 public:
  BuggyHub(RunContext& ctx, const HubConfig& config)
      : write_time_(config.write_time), pool_(ctx, "Hub.pool", config.workers, config.queue) {}

  void subscribe(Client& client, const std::string& stream) override {
    WriterLock lock(mu_);  // <- waits for the broadcaster's read lock; new readers now wait for this
    clients_[client.id] = &client;
    streams_[stream].insert(client.id);
  }

  void unsubscribe(Client& client, const std::string& stream) override {
    WriterLock lock(mu_);
    streams_[stream].erase(client.id);
  }

  void broadcast(const std::string& stream, std::uint64_t message) override {
    ReaderLock lock(mu_);  // held until return (Go's `defer h.mu.RUnlock()`)...
    if (!streams_.contains(stream)) return;
    pool_.submit([this, stream, message] { deliver(stream, message); });  // <- ...so this may block under it
  }

 private:
  // Runs on a pool worker.
  void deliver(const std::string& stream, std::uint64_t message) {
    ReaderLock lock(mu_);  // <- a new reader: waits behind a waiting writer
    const auto it = streams_.find(stream);
    if (it == streams_.end()) return;
    for (const std::uint32_t id : it->second) {
      const auto client = clients_.find(id);
      if (client != clients_.end()) client->second->deliver(message, write_time_);
    }
  }

  const std::chrono::nanoseconds write_time_;
  RWMutex mu_{"Hub.mu"};
  std::map<std::uint32_t, Client*> clients_ LOCKLAB_GUARDED_BY(mu_);
  std::map<std::string, std::set<std::uint32_t>> streams_ LOCKLAB_GUARDED_BY(mu_);
  WorkerPool pool_;  // last: shut down (and its tasks finished) before the maps go
};

}  // namespace

std::unique_ptr<Hub> make_buggy(RunContext& ctx, const HubConfig& config) {
  return std::make_unique<BuggyHub>(ctx, config);
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
