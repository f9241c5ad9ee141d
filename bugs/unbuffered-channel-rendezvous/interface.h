// unbuffered-channel-rendezvous: the save stage every variant implements.
//
// A two-stage pipeline: producers process items (1 ms of CPU each) and hand
// each result to a save stage that writes it to disk (5 ms each). The
// workload owns the producers; a variant owns the hand-off: the channel
// between the stages and the savers reading from it. The variants differ
// only there: buggy.cpp (one saver behind an unbuffered channel),
// fixed_buffered.cpp, fixed_more_consumers.cpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>

#include "locklab/core/run_context.h"

namespace locklab::bugs::unbuffered_channel_rendezvous {

/// One processed item, ready to be saved.
struct Result {
  std::uint64_t item = 0;
  std::uint64_t checksum = 0;
};

/// Writes one result to disk (a simulated write of the run's save time).
using SaveFn = std::function<void(const Result&)>;

class SaveStage {
 public:
  virtual ~SaveStage() = default;

  /// Gives one result to the save stage. May block, for as long as the
  /// stage's channel makes the producer wait.
  virtual void hand_off(Result r) = 0;
  /// No more results will come: the savers save what they have and end.
  /// The caller then joins them (RunContext::join_all).
  virtual void close() = 0;
};

// The variants. Each starts its saver threads with ctx.go(); every saver
// calls `save` once per result it receives.
std::unique_ptr<SaveStage> make_buggy(RunContext& ctx, SaveFn save);  // buggy.cpp
std::unique_ptr<SaveStage> make_fixed_buffered(RunContext& ctx, SaveFn save,
                                               std::size_t capacity);  // fixed_buffered.cpp
std::unique_ptr<SaveStage> make_fixed_more_consumers(RunContext& ctx, SaveFn save,
                                                     std::uint32_t savers);  // fixed_more_consumers.cpp

}  // namespace locklab::bugs::unbuffered_channel_rendezvous
