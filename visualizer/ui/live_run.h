// LiveRun: the trace of a run still going, followed as its child process
// writes it (a streamed .lltrace, see lab's trace_stream.h), so the timeline
// grows while the run goes and a run that crashes or is killed still shows
// what it did.
//
// Each refresh runs on a worker thread: it reads only the chunks appended
// since the last one (locklab::TraceTail), and when something new arrived,
// builds a LoadedRun of the trace so far. At most one refresh is in flight;
// the next one starts no sooner than `interval()` after the last began, and
// the interval stretches to twice what the last build cost, so a big trace
// never keeps the worker busy back to back.
//
// Not thread-safe: one owner (RunQueue, on the GUI thread) calls every
// method; none blocks. The destructor waits for a refresh in flight, so
// drop a LiveRun only once idle() (RunQueue parks busy ones until then).
#pragma once

#include <chrono>
#include <cstdint>
#include <future>
#include <memory>
#include <optional>
#include <string>

#include "loaded_run.h"

namespace locklab {
class TraceTail;
}

namespace locklab::viz {

class LiveRun {
 public:
  static constexpr std::chrono::milliseconds kMinInterval{200};

  explicit LiveRun(std::string trace_path);
  ~LiveRun();
  LiveRun(const LiveRun&) = delete;
  LiveRun& operator=(const LiveRun&) = delete;

  /// Starts a refresh if none is in flight and the interval has passed.
  void refresh();
  /// The writer is gone (the child ended, however): starts the last
  /// refresh, which reads to the end of the file, as soon as none is in
  /// flight. Call every frame until finished().
  void finish();

  /// A run that a refresh built since the last call, if the trace changed
  /// (and, for the last refresh, always: its run may be empty, with an error).
  std::optional<LoadedRun> take();

  /// The last refresh has been taken.
  bool finished() const noexcept { return finished_; }
  /// No refresh is in flight.
  bool idle() const noexcept { return !job_.valid(); }
  /// Events in the latest run taken.
  std::uint64_t events() const noexcept { return events_; }
  std::chrono::milliseconds interval() const noexcept { return interval_; }

 private:
  struct Result {
    LoadedRun run;
    bool changed = false;
    std::chrono::steady_clock::duration cost{};
  };
  void start(bool last);

  std::string path_;
  std::shared_ptr<TraceTail> tail_;  // used by one job at a time
  std::future<Result> job_;
  bool job_is_last_ = false;       // the job started (or done) is the last one
  bool finishing_ = false, finished_ = false;
  std::chrono::steady_clock::time_point last_start_{};
  std::chrono::milliseconds interval_{kMinInterval};
  std::uint64_t events_ = 0;
};

}  // namespace locklab::viz
