// timer-leak-in-loop: the listening loop every variant implements.
//
// A listener handles messages as they come and does some housekeeping
// whenever none has come for a while (`idle_after`): Go's
//
//   for { select { case m := <-msgs: handle(m); case <-time.After(d): idle() } }
//
// The variants differ only in where the idle timer comes from: buggy.cpp
// makes a new one every iteration, fixed.cpp re-arms one timer.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "locklab/sync/chan.h"

namespace locklab::bugs::timer_leak_in_loop {

struct Message {
  std::uint64_t seq = 0;
};

/// What the loop does with a message, and when it has been idle.
struct Handlers {
  std::function<void(const Message&)> message;
  std::function<void()> idle;
};

/// Serves `msgs` until it is closed and drained: `on.message` for each
/// message, `on.idle` each time `idle_after` passes with no message.
using ServeFn = void (*)(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on);

void serve_buggy(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on);  // buggy.cpp
void serve_fixed(Chan<Message>& msgs, std::chrono::nanoseconds idle_after, const Handlers& on);  // fixed.cpp

}  // namespace locklab::bugs::timer_leak_in_loop
