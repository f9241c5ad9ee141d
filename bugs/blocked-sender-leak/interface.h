// blocked-sender-leak: the client every variant implements.
//
// query() asks a slow backend for an answer on a thread of its own and waits
// for the reply on a channel, up to a deadline; past the deadline it gives up
// and returns nothing. The variants differ only in the reply channel's
// buffer: none in buggy.cpp, one place in fixed.cpp.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

namespace locklab::bugs::blocked_sender_leak {

class Client {
 public:
  virtual ~Client() = default;

  /// Starts a backend call for `question` taking `backend_time`, and returns
  /// its answer if it arrives within `deadline`; nothing otherwise.
  virtual std::optional<std::uint64_t> query(std::uint64_t question, std::chrono::nanoseconds backend_time,
                                             std::chrono::nanoseconds deadline) = 0;
};

/// Starts the backend threads a client needs (the workload implements it):
/// each runs on a lab thread "worker-<n>", is counted in the gauge
/// "backend threads alive" until it ends, and is timed as one "Backend"
/// operation when it returns (so the count of Backend operations is the
/// count of replies handed over).
class Workers {
 public:
  virtual ~Workers() = default;
  virtual void go(std::function<void()> body) = 0;
};

/// The backend's answer to `question` (what the reply carries).
inline std::uint64_t answer(std::uint64_t question) { return question * 2 + 1; }

// The variants.
std::unique_ptr<Client> make_buggy(Workers& workers);  // buggy.cpp
std::unique_ptr<Client> make_fixed(Workers& workers);  // fixed.cpp

}  // namespace locklab::bugs::blocked_sender_leak
