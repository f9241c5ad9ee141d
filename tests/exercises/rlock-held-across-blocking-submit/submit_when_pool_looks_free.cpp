// expect: explored
// A plausible wrong fix of exercise rlock-held-across-blocking-submit: broadcast() keeps the read lock across submit() only when the pool has an idle worker ("then submit cannot block"), and lets go of it first otherwise.
// The grader must reject it for the property above.
//
// Why it is wrong: "the pool has an idle worker" is checked, then acted on,
// with other broadcasters running in between. If they fill the pool in that
// gap, submit() blocks under the read lock after all, and the old circle
// closes (a waiting subscriber stops the task's read lock). The gap is a few
// instructions wide: real runs almost never hit it (every real-run property
// passes this file, seeds 1-15 tried), while the controlled scheduler's
// random walk, on a hub with no pauses and no queue (the exercise's
// explored settings), finds it within a couple of schedules.
#include <map>
#include <set>
#include <string>
#include <vector>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/worker_pool.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
namespace {

class ExerciseHub final : public Hub {
 public:
  ExerciseHub(RunContext& ctx, const HubConfig& config)
      : write_time_(config.write_time), pool_(ctx, "Hub.pool", config.workers, config.queue) {}

  void subscribe(Client& client, const std::string& stream) override {
    WriterLock lock(mu_);
    clients_[client.id] = &client;
    streams_[stream].insert(client.id);
  }

  void unsubscribe(Client& client, const std::string& stream) override {
    WriterLock lock(mu_);
    streams_[stream].erase(client.id);
  }

  void broadcast(const std::string& stream, std::uint64_t message) override {
    mu_.lock_shared();
    if (!streams_.contains(stream)) {
      mu_.unlock_shared();
      return;
    }
    if (pool_.view().idle_workers > 0) {
      // "A worker is idle, so this cannot block": true when checked...
      pool_.submit([this, stream, message] { deliver(stream, message); });
      mu_.unlock_shared();
      return;
    }
    mu_.unlock_shared();
    pool_.submit([this, stream, message] { deliver(stream, message); });
  }

 private:
  // Runs on a pool worker: copies the recipients under the read lock, then
  // writes with no lock held.
  void deliver(const std::string& stream, std::uint64_t message) {
    std::vector<Client*> recipients;
    {
      ReaderLock lock(mu_);
      const auto it = streams_.find(stream);
      if (it == streams_.end()) return;
      for (const std::uint32_t id : it->second) recipients.push_back(clients_.at(id));
    }
    for (Client* client : recipients) client->deliver(message, write_time_);
  }

  const std::chrono::nanoseconds write_time_;
  RWMutex mu_{"Hub.mu"};
  std::map<std::uint32_t, Client*> clients_ LOCKLAB_GUARDED_BY(mu_);
  std::map<std::string, std::set<std::uint32_t>> streams_ LOCKLAB_GUARDED_BY(mu_);
  WorkerPool pool_;
};

}  // namespace

std::unique_ptr<Hub> make_exercise(RunContext& ctx, const HubConfig& config) {
  return std::make_unique<ExerciseHub>(ctx, config);
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
