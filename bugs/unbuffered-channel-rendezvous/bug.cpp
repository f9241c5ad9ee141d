// unbuffered-channel-rendezvous: the catalogue entry.
#include <utility>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "workload.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {
namespace {

BugInfo make_info() {
  BugInfo bug;
  bug.id = "unbuffered-channel-rendezvous";
  bug.title = "An unbuffered channel ties a fast stage to a slow one";
  bug.family = "channel misuse";
  bug.blocking = Blocking::kNonBlocking;
  bug.sharing = Sharing::kMessagePassing;
  bug.seed = "002 bug 4";
  bug.symptom =
      "the producers spend at least 30% of their process stage parked in the send on `results`, waiting for "
      "the saver to finish its last save; with a buffer or more savers the send hardly ever waits";
  bug.default_threads = 1;
  bug.default_duration_ms = 1000;
  bug.params = {
      {"process_ms", "milliseconds of CPU one item's processing takes", 1, 0.1, 100, false},
      {"save_ms", "milliseconds one save (a disk write) takes", 5, 0.1, 1000, false},
      {"burst", "items that arrive together in each burst, per producer", 8, 1, 10000, true},
      {"burst_every_ms", "milliseconds between the starts of two bursts", 100, 1, 10000, true},
      {"buffer", "capacity of the channel in fixed-buffered", 32, 1, 100000, true},
      {"savers", "saver threads in fixed-more-consumers", 6, 1, 200, true},
  };
  bug.variants = {
      {"buggy", "one saver receives from an unbuffered channel: every send waits for the last save", true,
       {"buggy.cpp"}, [](RunContext& ctx) { run(ctx, &make_buggy); }},
      {"fixed-buffered", "one saver, but the channel buffers `buffer` results: a burst fits in it", false,
       {"fixed_buffered.cpp"},
       [](RunContext& ctx) {
         run(ctx, [](RunContext& c, SaveFn save) {
           return make_fixed_buffered(c, std::move(save), static_cast<std::size_t>(c.param_int("buffer")));
         });
       }},
      {"fixed-more-consumers", "`savers` savers receive from the same unbuffered channel", false,
       {"fixed_more_consumers.cpp"},
       [](RunContext& ctx) {
         run(ctx, [](RunContext& c, SaveFn save) {
           return make_fixed_more_consumers(c, std::move(save), static_cast<std::uint32_t>(c.param_int("savers")));
         });
       }},
  };
  bug.oracle = &oracle;
  return bug;
}

}  // namespace

LOCKLAB_REGISTER_BUG(make_info)

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
