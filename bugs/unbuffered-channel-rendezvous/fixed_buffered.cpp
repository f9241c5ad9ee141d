// unbuffered-channel-rendezvous, fixed with a buffer: the channel holds up
// to `capacity` results, so send() returns as soon as there is room.
//
// The producer no longer waits for each save: a burst of results goes into
// the buffer at processing speed, and the one saver works through it
// afterwards. A buffer absorbs bursts; it adds no saving capacity. If
// results keep arriving faster than one saver writes them, the buffer fills
// and the producer waits again, exactly as before (try --threads 2).
#include <utility>

#include "interface.h"
#include "locklab/sync/chan.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {

class BufferedStage final : public SaveStage {
 public:
  BufferedStage(RunContext& ctx, SaveFn save, std::size_t capacity) : results_("results", capacity) {
    ctx.go("saver", [this, save = std::move(save)] {
      for (const Result& r : results_) save(r);
    });
  }

  void hand_off(Result r) override {
    results_.send(r);  // waits only when the buffer is full
  }

  void close() override { results_.close(); }  // the saver still drains the buffer, then ends

 private:
  Chan<Result> results_;
};

}  // namespace

std::unique_ptr<SaveStage> make_fixed_buffered(RunContext& ctx, SaveFn save, std::size_t capacity) {
  return std::make_unique<BufferedStage>(ctx, std::move(save), capacity);
}

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
