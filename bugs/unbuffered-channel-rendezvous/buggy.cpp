// unbuffered-channel-rendezvous, buggy: one saver behind an unbuffered
// channel.
//
// An unbuffered send completes only when a receiver takes the value. The
// saver comes back to the channel once per 5 ms save, so the producer, who
// has a new result every 1 ms, spends about 4 ms of every 5 parked in
// send(): the two stages run in lock step at the speed of the slower one,
// although each has a core of its own.
#include <utility>

#include "interface.h"
#include "locklab/sync/chan.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {

class UnbufferedStage final : public SaveStage {
 public:
  UnbufferedStage(RunContext& ctx, SaveFn save) {
    ctx.go("saver", [this, save = std::move(save)] {
      for (const Result& r : results_) save(r);  // Go's `for r := range results`
    });
  }

  void hand_off(Result r) override {
    results_.send(r);  // <- waits here until the saver has finished its last save
  }

  void close() override { results_.close(); }

 private:
  Chan<Result> results_{"results"};  // capacity 0: every send is a rendezvous
};

}  // namespace

std::unique_ptr<SaveStage> make_buggy(RunContext& ctx, SaveFn save) {
  return std::make_unique<UnbufferedStage>(ctx, std::move(save));
}

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
