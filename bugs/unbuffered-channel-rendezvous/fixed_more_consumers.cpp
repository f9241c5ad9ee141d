// unbuffered-channel-rendezvous, fixed with more consumers: several savers
// receive from the same unbuffered channel.
//
// The channel is still a rendezvous, but now a saver is almost always
// parked in its receive when the producer sends, so the hand-off takes
// microseconds. It takes save time / process time savers (5 by default) to
// keep up with one producer; the default runs 6, one spare for a noisy
// machine. Unlike a buffer, this adds capacity: it also keeps up with a
// producer that never pauses.
#include <string>
#include <utility>

#include "interface.h"
#include "locklab/sync/chan.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {

class ManySaversStage final : public SaveStage {
 public:
  ManySaversStage(RunContext& ctx, const SaveFn& save, std::uint32_t savers) {
    for (std::uint32_t i = 0; i < savers; ++i) {
      ctx.go("saver-" + std::to_string(i), [this, save] {
        for (const Result& r : results_) save(r);
      });
    }
  }

  void hand_off(Result r) override {
    results_.send(r);  // a saver is usually already waiting to receive
  }

  void close() override { results_.close(); }  // ends every saver's loop

 private:
  Chan<Result> results_{"results"};  // still unbuffered
};

}  // namespace

std::unique_ptr<SaveStage> make_fixed_more_consumers(RunContext& ctx, SaveFn save, std::uint32_t savers) {
  return std::make_unique<ManySaversStage>(ctx, save, savers);
}

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
