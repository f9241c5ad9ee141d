// expect: pass
// A real fix of exercise rlock-held-across-blocking-submit, written as a learner would: the subscribers copied under the read lock, the lock released, then submit() with no lock held. It uses locklab's header-inline primitives (their own inlined lock-prefixed instructions must not count as the learner's atomics).
// The grader must accept it.
// rlock-held-across-blocking-submit, fixed: broadcast() copies the
// recipients under the read lock, releases it, and only then submits.
//
// The only call that can block for long (submit() on a full pool) now runs
// with no lock held, and the task delivers to the copied list without
// touching Hub.mu. A full pool still slows broadcasters down (that is its
// job: back-pressure), but a waiting subscriber can always get the write
// lock, and the workers never need it. What the copy gives up: a client
// that unsubscribes after the copy still gets that one message, which a
// client must tolerate anyway (the message may already be on the wire).
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
    std::vector<Client*> recipients;
    {
      ReaderLock lock(mu_);
      const auto it = streams_.find(stream);
      if (it == streams_.end()) return;
      for (const std::uint32_t id : it->second) recipients.push_back(clients_.at(id));
    }  // released here, before anything that can block
    pool_.submit([this, recipients = std::move(recipients), message] {
      for (Client* client : recipients) client->deliver(message, write_time_);
    });
  }

 private:
  const std::chrono::nanoseconds write_time_;
  RWMutex mu_{"Hub.mu"};
  std::map<std::uint32_t, Client*> clients_ LOCKLAB_GUARDED_BY(mu_);
  std::map<std::string, std::set<std::uint32_t>> streams_ LOCKLAB_GUARDED_BY(mu_);
  WorkerPool pool_;  // last: shut down (and its tasks finished) before the rest goes
};

}  // namespace

std::unique_ptr<Hub> make_exercise(RunContext& ctx, const HubConfig& config) {
  return std::make_unique<ExerciseHub>(ctx, config);
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
