// read-lock-released-before-children: the replica every variant implements.
//
// A replica of a replicated state machine. Its state has a version, bumped
// by every entry it applies (write lock). broadcast() tells every peer about
// the state: it reads the version under the read lock for the broadcast's
// header and starts one child thread per peer, which encodes that peer's
// message from the state. The variants differ in how long the children's
// view of the state stays protected: buggy.cpp, fixed_wait.cpp,
// fixed_snapshot.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace locklab::bugs::read_lock_released_before_children {

/// Starts a lab thread of the run running `body` (the workload names it
/// "send-<n>" and times it as one "Send" operation).
using StartThread = std::function<void(std::function<void()> body)>;

/// One broadcast as the peers receive it: the version in its header, and
/// the version each peer's message was built from. The replica fills it
/// (header() before starting the children, sent() from each child); when
/// the last message is in, `on_complete` sees the whole broadcast.
class Broadcast {
 public:
  Broadcast(std::uint64_t id, std::uint32_t peers, std::function<void(const Broadcast&)> on_complete)
      : id_(id), sent_(peers), remaining_(peers), on_complete_(std::move(on_complete)) {}

  void header(std::uint64_t version) { header_ = version; }
  void sent(std::uint32_t peer, std::uint64_t version) {
    sent_[peer].store(version, std::memory_order_relaxed);
    if (remaining_.fetch_sub(1, std::memory_order_acq_rel) == 1) on_complete_(*this);
  }

  std::uint64_t id() const { return id_; }
  std::uint64_t header_version() const { return header_; }
  std::uint32_t peers() const { return static_cast<std::uint32_t>(sent_.size()); }
  /// The version of peer's message (complete once every peer has been sent).
  std::uint64_t version_sent(std::uint32_t peer) const { return sent_[peer].load(std::memory_order_relaxed); }

 private:
  const std::uint64_t id_;
  std::uint64_t header_ = 0;  // written before the children start, read after they end
  std::vector<std::atomic<std::uint64_t>> sent_;
  std::atomic<std::uint32_t> remaining_;
  std::function<void(const Broadcast&)> on_complete_;
};

struct ReplicaConfig {
  std::uint32_t peers = 3;
  std::chrono::nanoseconds encode_time{};  // a child's work before it reads the state
  std::chrono::nanoseconds apply_time{};   // one apply's work under the write lock
};

class Replica {
 public:
  virtual ~Replica() = default;

  /// Applies one entry: the state's version goes up by one.
  virtual void apply() = 0;
  /// Sends the state to every peer, one child thread per peer. May return
  /// before the children are done (the broadcast tells when they are).
  virtual void broadcast(std::shared_ptr<Broadcast> broadcast) = 0;
};

// The variants. The replica must outlive every child thread it started.
std::unique_ptr<Replica> make_buggy(StartThread start, const ReplicaConfig& config);           // buggy.cpp
std::unique_ptr<Replica> make_fixed_wait(StartThread start, const ReplicaConfig& config);      // fixed_wait.cpp
std::unique_ptr<Replica> make_fixed_snapshot(StartThread start, const ReplicaConfig& config);  // fixed_snapshot.cpp

}  // namespace locklab::bugs::read_lock_released_before_children
