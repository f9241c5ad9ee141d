// healthy-select-wait, fixed (the original code, which was never broken):
// idle workers park in a select on two channels.
//
// A block profile that counts every wait puts this select at its top: the
// workers spend nearly all their time in it. That is what an idle worker
// should do. Parked, it uses no CPU and holds nothing anyone else needs;
// when a job is sent, the channel hands it straight to a parked worker.
// locklab files these waits as idle (nothing to do yet), not contended
// (someone has what the waiter needs), so its contention profile is empty.
#include "interface.h"
#include "locklab/sync/chan.h"
#include "locklab/sync/select.h"

namespace locklab::bugs::healthy_select_wait {
namespace {

class SelectDispatcher final : public Dispatcher {
 public:
  void submit(Job job) override { (job.urgent ? urgent_ : jobs_).send(job); }

  void close() override {
    jobs_.close();
    urgent_.close();
  }

  std::uint64_t work(const std::function<void(const Job&)>& handle) override {
    std::uint64_t looks = 0;
    // Go's idiom: a channel found closed is set to null, which switches its
    // case off; the worker is done when both are.
    Chan<Job>* jobs = &jobs_;
    Chan<Job>* urgent = &urgent_;
    while (jobs || urgent) {
      Job job;
      bool got = false;
      Select sel;
      // Each handler keeps the job (handled below, after the select) or
      // notes that its channel is closed.
      sel.recv(urgent, [&](Job j, bool ok) {
        if (!ok) {
          urgent = nullptr;
          return;
        }
        job = j;
        got = true;
      });
      sel.recv(jobs, [&](Job j, bool ok) {
        if (!ok) {
          jobs = nullptr;
          return;
        }
        job = j;
        got = true;
      });
      ++looks;
      sel.wait();  // parks until either channel has a job (or is closed): an idle wait
      if (got) handle(job);
    }
    return looks;
  }

 private:
  // Buffered, so that submit() never waits for a worker to come round.
  Chan<Job> jobs_{"jobs", 64};
  Chan<Job> urgent_{"urgent", 8};
};

}  // namespace

std::unique_ptr<Dispatcher> make_fixed(bool /*yield*/) { return std::make_unique<SelectDispatcher>(); }

}  // namespace locklab::bugs::healthy_select_wait
