// rlock-held-across-blocking-submit: the hub every variant implements.
//
// A WebSocket hub (seed 001's, simplified): clients subscribe to streams,
// and a broadcast on a stream is delivered to every client subscribed to it
// by a bounded worker pool whose submit() blocks when the pool is full. One
// RWMutex guards the subscriptions. The variants differ only in whether
// broadcast() still holds the read lock when it submits: buggy.cpp, fixed.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "locklab/core/run_context.h"
#include "locklab/sync/work.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {

/// One connected client. deliver() is the write to its socket.
struct Client {
  explicit Client(std::uint32_t client_id) : id(client_id) {}
  void deliver(std::uint64_t /*message*/, std::chrono::nanoseconds write_time) {
    io(write_time);
    received.fetch_add(1, std::memory_order_relaxed);
  }
  const std::uint32_t id;
  std::atomic<std::uint64_t> received{0};
};

struct HubConfig {
  std::uint32_t workers = 2;           // the pool's workers
  std::uint32_t queue = 2;             // tasks that may wait for a worker before submit() blocks
  std::chrono::nanoseconds write_time{};  // one socket write
};

class Hub {
 public:
  virtual ~Hub() = default;

  /// Adds `client` to `stream` (write lock). The client must outlive the hub.
  virtual void subscribe(Client& client, const std::string& stream) = 0;
  /// Removes `client` from `stream` (write lock).
  virtual void unsubscribe(Client& client, const std::string& stream) = 0;
  /// Hands the delivery of `message` to every subscriber of `stream` to the
  /// pool. Blocks while the pool is full.
  virtual void broadcast(const std::string& stream, std::uint64_t message) = 0;
};

// The variants. The hub's pool starts its workers on `ctx`; destroying the
// hub shuts the pool down (after draining it).
std::unique_ptr<Hub> make_buggy(RunContext& ctx, const HubConfig& config);  // buggy.cpp
std::unique_ptr<Hub> make_fixed(RunContext& ctx, const HubConfig& config);  // fixed.cpp

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
