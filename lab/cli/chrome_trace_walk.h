// ChromeTraceWalk: one pass over a trace's events in time order, writing
// Chrome trace events as each interval closes; it keeps only what is open
// now (per thread: its operations, its one state, its holds), so its memory
// does not grow with the trace. Used by write_chrome_trace (chrome_trace.h),
// which documents what comes out; the rules of what may be shown are
// ExportScope's (export_scope.h).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "export_scope.h"
#include "locklab/analysis/analyses.h"
#include "locklab/trace/trace.h"
#include "trace_event_writer.h"

namespace locklab::cli {

/// What an export showed and what it left out, for its status line and
/// the document's metadata.
struct ExportStats {
  std::uint64_t teardown_events = 0;  // events after the verdict, cut
  std::uint64_t never_ended = 0;      // operations, waits and holds open at the verdict (or a thread's end)
  std::uint64_t flows = 0;            // wake arrows
  std::uint64_t trace_events = 0;     // Chrome trace events written
};

class ChromeTraceWalk {
 public:
  static constexpr int kPid = 1;
  /// Hold tracks get tids from here on, past every lab thread id (16 bits).
  static constexpr int kHoldTrackBase = 100000;
  static constexpr std::uint32_t kDenseObjects = 1u << 20;

  ChromeTraceWalk(const Trace& trace, const ExportScope& scope, TraceEventWriter& out);
  /// The next event (events in time order).
  void on_event(const Event& e);
  /// Closes what is still open where each thread's shown life stops
  /// (ExportScope::thread_stop): at the verdict it never ended; where a
  /// thread's events were dropped its end is unknown.
  void finish();
  const ExportStats& stats() const noexcept { return stats_; }

 private:
  // Why a thread's shown life stops where it does.
  enum class Stop : std::uint8_t { kThreadEnd, kVerdict, kDropped };

  struct OpenOp {
    std::uint64_t begin = 0;
    std::uint64_t op = 0;
  };
  struct OpenState {
    bool open = false;
    Activity activity = Activity::kRunning;
    EventKind ends_on = EventKind::kNone;
    std::uint64_t begin = 0;
    std::uint32_t object = 0, site = 0;
    LockMode mode = LockMode::kNone;
  };
  struct OpenHold {
    std::uint64_t begin = 0;
    std::uint64_t waits_begun = 0;  // the object's lock waits begun, at the acquire
    std::uint32_t object = 0, site = 0;
    LockMode mode = LockMode::kNone;
    bool contended = false;
  };
  // A short slice a wake arrow binds to: at the release it starts from, at
  // the acquire it points to. It lasts until the thread's next event, 1 µs
  // at most. A release marker is written only if an arrow starts there
  // (`used`): most releases that had waiters are followed by another
  // release before anyone waiting gets in.
  struct Marker {
    bool open = false, release = false, used = false;
    std::uint64_t begin = 0, waited_ns = 0, waiters = 0;
    std::uint32_t object = 0;
    std::uint16_t peer = 0;  // acquire: who released
  };
  // A thread's holds of one lock taken at one site, on a track of their own
  // ("T3 saver-1 holds Store.mu at store.cpp:30 (save)"): holds of
  // different locks overlap without nesting, a thread's holds of one lock
  // nest (the latest is released first), and with the site in the track's
  // name each hold needs no args (a third of its bytes on a big trace).
  struct HoldTrack {
    std::uint32_t object = 0, site = 0;
    int tid = 0;
    std::string hold, read_hold;  // event prefixes (TraceEventWriter::prefix)
  };
  struct ThreadWalk {
    std::vector<OpenOp> ops;
    OpenState state;
    std::vector<OpenHold> holds;
    std::vector<HoldTrack> hold_tracks;
    std::vector<std::string> op_prefixes;  // by op index ("" = not yet)
    Marker marker;
  };
  struct ObjectWalk {
    std::uint64_t waiting = 0, waits_begun = 0;
    // The lock's last release, where an arrow to its next waiter may start.
    bool released = false, release_marked = false, release_written = false;
    std::uint64_t release_ns = 0, release_end = 0, release_waiters = 0;
    std::uint16_t release_thread = 0;
  };
  // An object's names, quoted, made at first use.
  struct ObjectNames {
    std::string name, hold, read_hold, release, acquired, wakes;
  };
  // Flags of a slice's args.
  struct Flags {
    bool never_ended = false, dropped_after = false, clipped = false, cancelled = false;
  };

  ThreadWalk& thread(std::uint16_t id);
  ObjectWalk& object(std::uint32_t id);
  const ObjectNames& names(std::uint32_t id);
  const HoldTrack& hold_track(std::uint16_t tid, ThreadWalk& th, std::uint32_t object, std::uint32_t site);
  const std::string& site_name(std::uint32_t site);
  const std::string& state_name(const OpenState& s);
  const std::string& thread_label(std::uint16_t id);

  void close_state(std::uint16_t tid, ThreadWalk& th, std::uint64_t t, Flags flags);
  void close_marker(std::uint16_t tid, ThreadWalk& th, std::uint64_t t);
  void write_marker(std::uint16_t tid, const Marker& m, std::uint64_t end);
  void close_hold(std::uint16_t tid, ThreadWalk& th, const OpenHold& h, std::uint64_t t, Flags flags);
  void close_op(std::uint16_t tid, ThreadWalk& th, const OpenOp& op, std::uint64_t t, Flags flags);
  void on_acquire(const Event& e, ThreadWalk& th, const OpenState& ended);
  void on_release(const Event& e, ThreadWalk& th);
  // Clips [b, e] to the window; false when nothing of it is inside.
  bool clip(std::uint64_t& b, std::uint64_t& e, Flags& flags) const;
  void write_flags(const Flags& flags);
  Flags stop_flags(Stop why) const;
  Stop stop_reason(std::uint16_t tid) const;

  const Trace& trace_;
  const ExportScope& scope_;
  TraceEventWriter& out_;
  ExportStats stats_;
  std::vector<ThreadWalk> threads_;  // by thread id
  std::vector<ObjectWalk> objects_;  // by id, when ids are dense (they are: the registry counts from 1)
  std::unordered_map<std::uint32_t, ObjectWalk> sparse_objects_;  // ids past kDenseObjects
  std::unordered_map<std::uint32_t, ObjectNames> names_;
  std::vector<std::string> sites_;  // quoted, by site index ("" = not yet)
  std::unordered_map<std::uint64_t, std::string> state_names_;  // quoted
  std::vector<std::string> op_names_, thread_labels_;           // quoted
  int next_hold_track_ = kHoldTrackBase;
  std::uint64_t next_flow_id_ = 1;
};

}  // namespace locklab::cli
