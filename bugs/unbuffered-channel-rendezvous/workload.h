// unbuffered-channel-rendezvous: the workload every variant runs, and how a
// run is judged (oracle.cpp).
//
// Threads: `threads` producers ("producer-<i>"). Work arrives in bursts:
// every `burst_every_ms` a producer gets `burst` items; for each it burns
// `process_ms` of CPU and hands the result to the save stage, timed
// together as one "Process" operation. The variant's savers ("saver",
// "saver-<i>") write each result for `save_ms` of I/O ("Save"). With the
// defaults one saver is busy 40 ms of every 100: it keeps up on average
// (with room to spare on a loaded machine, where a 5 ms write can take 8),
// but not within a burst. At the end the workload checks that
// every result handed off was saved exactly once.
#pragma once

#include <cstdint>
#include <memory>

#include "interface.h"
#include "locklab/run/catalogue.h"
#include "locklab/core/run_context.h"
#include "locklab/trace/trace.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {

/// Builds a variant's save stage from the run's parameters.
using MakeStage = std::unique_ptr<SaveStage> (*)(RunContext& ctx, SaveFn save);

void run(RunContext& ctx, MakeStage make);

/// Symptom: the producers spend at least kMinSendWaitShare of their
/// "Process" time parked in the send on `results` (hand_off()). A share of
/// the producers' own time, so a slow or busy machine, which stretches the
/// processing and the saving alike, hardly moves it. (There is no
/// compare(): the mean time per item, buggy against fixed, moved between
/// 1.6x and 6x from run to run with the load on the machine.)
OracleVerdict oracle(const Trace& run);

inline constexpr double kMinSendWaitShare = 0.30;

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
