// Catalogued bugs recognised in a Go dump's stacks.
//
// A dump shows where each goroutine is, not which locks it holds; a held
// lock is inferred from receivers: the same pointer as the first argument
// of methods of one type in two frames, or in two goroutines. The rules:
//
// - recursive-rlock: a goroutine waits in RWMutex.RLock called from a
//   method of T on receiver R, a deeper frame of its own stack is a method
//   of T on the same R (which took the read lock first), and another
//   goroutine waits in RWMutex.Lock. Certain when the writer's stack shows
//   the same R, else likely; likely too when an inlined frame ("(...)")
//   hides R and only the type matches.
// - rlock-held-across-blocking-submit (likely): goroutines block sending on
//   a channel (in a Submit-like function or any send) from a method of T on
//   receiver R, while another goroutine waits in RWMutex.Lock from a method
//   of T on the same R: the senders hold its read lock across the send.
// - lock-order-inversion (likely): two goroutines wait in Lock for
//   different locks, and each one's stack has the lock the other waits for
//   among its arguments (so each probably holds it).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "locklab/present/go_dump.h"

namespace locklab::present {

struct GoFinding {
  std::string bug;  // the catalogue's id: "recursive-rlock"
  bool likely = false;  // a judgement from receivers, not a certainty
  std::string text;     // what the stacks show, in words
  std::vector<std::uint64_t> goroutines;  // the goroutines involved
};

std::vector<GoFinding> find_go_patterns(const GoDump& d);

}  // namespace locklab::present
