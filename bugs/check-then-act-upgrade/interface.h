// check-then-act-upgrade: the registry every variant implements.
//
// A registry hands out one session per key, opening it on first use:
// get(key) returns the session already open for `key`, or opens one (a
// database round trip: it takes a moment) and keeps it. Every caller asking
// for the same key must get the same session: that is the registry's whole
// promise. The variants differ only in how get() locks: buggy.cpp,
// fixed.cpp, fixed_recheck.cpp.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>

namespace locklab::bugs::check_then_act_upgrade {

/// An open session. `serial` numbers every session ever opened, so two
/// sessions for one key are told apart.
struct Session {
  std::uint32_t key = 0;
  std::uint64_t serial = 0;
};

/// Opens sessions: each open() takes `open_time` of I/O and counts itself.
/// Thread-safe (shared by every caller of the registry).
class SessionFactory {
 public:
  explicit SessionFactory(std::chrono::nanoseconds open_time) : open_time_(open_time) {}
  std::shared_ptr<const Session> open(std::uint32_t key);
  /// Sessions opened so far.
  std::uint64_t opened() const noexcept { return opened_.load(std::memory_order_relaxed); }

 private:
  const std::chrono::nanoseconds open_time_;
  std::atomic<std::uint64_t> opened_{0};  // also the source of serials
};

class Registry {
 public:
  virtual ~Registry() = default;

  /// The session of `key`, opened through the factory if there is none yet.
  virtual std::shared_ptr<const Session> get(std::uint32_t key) = 0;
  /// Keys that have a session.
  virtual std::size_t size() = 0;
};

std::unique_ptr<Registry> make_buggy(SessionFactory& factory);          // buggy.cpp
std::unique_ptr<Registry> make_fixed(SessionFactory& factory);          // fixed.cpp
std::unique_ptr<Registry> make_fixed_recheck(SessionFactory& factory);  // fixed_recheck.cpp

}  // namespace locklab::bugs::check_then_act_upgrade
