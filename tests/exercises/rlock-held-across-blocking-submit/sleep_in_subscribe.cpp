// expect: no-added-sleep
// A plausible wrong fix of exercise rlock-held-across-blocking-submit: subscribe() sleeps first, "to give broadcasts time to finish".
// The grader must reject it for the property above.
#include <map>
#include <set>
#include <string>

#include "interface.h"
#include "locklab/sync/guards.h"
#include "locklab/sync/work.h"
#include "locklab/sync/rwmutex.h"
#include "locklab/sync/worker_pool.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
namespace {

class ExerciseHub final : public Hub {
 public:
  ExerciseHub(RunContext& ctx, const HubConfig& config)
      : write_time_(config.write_time), pool_(ctx, "Hub.pool", config.workers, config.queue) {}

  void subscribe(Client& client, const std::string& stream) override {
    sleep_for(std::chrono::milliseconds(1));
    WriterLock lock(mu_);
    clients_[client.id] = &client;
    streams_[stream].insert(client.id);
  }

  void unsubscribe(Client& client, const std::string& stream) override {
    WriterLock lock(mu_);
    streams_[stream].erase(client.id);
  }

  void broadcast(const std::string& stream, std::uint64_t message) override {
    ReaderLock lock(mu_);
    if (!streams_.contains(stream)) return;
    pool_.submit([this, stream, message] { deliver(stream, message); });
  }

 private:
  // Runs on a pool worker.
  void deliver(const std::string& stream, std::uint64_t message) {
    ReaderLock lock(mu_);
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

std::unique_ptr<Hub> make_exercise(RunContext& ctx, const HubConfig& config) {
  return std::make_unique<ExerciseHub>(ctx, config);
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
