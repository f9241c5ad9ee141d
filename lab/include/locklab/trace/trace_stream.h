// TraceStreamWriter: writes a run's .lltrace file while the run goes, so a
// reader (the visualizer) can follow it, and a run that is killed or
// crashes still leaves every event written up to ~one period before.
//
// The file is format version 2 (trace_file.h): a HEAD chunk when the run
// starts; then, every `period` (100 ms by default), from a writer thread, an
// UPDATE chunk (threads, objects, sites, operation and gauge names and
// annotations that appeared since the last one, the work items and gauges
// at that moment, the run time) followed by EVENTS chunks holding every event
// the threads published since the last look (one thread's events to a chunk,
// in its time order: the reader merges them, so the writer spends none of
// the run's CPU sorting), each chunk CRC-checked and flushed to the file; when the run has ended, the last events, then META
// (the whole Trace but its events: verdict, counters, diagnostics) and END.
//
// Reading the threads' buffers needs no lock: each buffer is append-only and
// publishes its count with release ordering (ThreadRecord::event_count), so
// the writer copies exactly the events published, and every event is written
// once. Events a full buffer dropped are counted in META (TraceThread::
// dropped), so emitted = written + dropped, exactly.
//
// Use: open(); put the writer in RunConfig::observer; run_bug(); finish(trace).
// Not reusable: one writer, one run. A write error stops the writing (the run
// goes on) and is returned by finish().
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "locklab/trace/run_observer.h"
#include "locklab/trace/trace.h"

namespace locklab {

class TraceStreamWriter final : public RunObserver {
 public:
  static constexpr std::chrono::milliseconds kDefaultPeriod{100};

  explicit TraceStreamWriter(std::string path, std::chrono::milliseconds period = kDefaultPeriod);
  /// Stops the writer thread if a run is still going; closes the file
  /// (without META or END when finish() was not called: the file then reads
  /// as a run that did not finish).
  ~TraceStreamWriter() override;
  TraceStreamWriter(const TraceStreamWriter&) = delete;
  TraceStreamWriter& operator=(const TraceStreamWriter&) = delete;

  /// Creates (or truncates) the file and writes its header. Call before the
  /// run. Returns an error message ("cannot write PATH: ..."), "" on success.
  std::string open();

  /// RunObserver: writes HEAD and starts the writer thread.
  void run_started(const RunInfo& info, std::function<std::vector<std::string>()> annotations) override;
  /// RunObserver: stops the writer thread and writes every remaining event.
  void run_ending() override;

  /// Writes the final summary of `trace` (what run_bug returned for this
  /// run) and END, and closes the file. Returns the first write error of the
  /// whole run, "" if none.
  std::string finish(const Trace& trace);

  /// Events written so far (every recorded event once run_ending returned).
  std::uint64_t events_written() const;
  /// UPDATE chunks written so far.
  std::uint64_t updates_written() const;
  const std::string& path() const noexcept { return path_; }

 private:
  void loop();
  void flush();  // one UPDATE and its EVENTS; caller holds mu_
  bool write(std::uint32_t type, std::string_view payload);  // caller holds mu_
  std::uint32_t intern_site(std::uint64_t key, std::vector<SiteInfo>& fresh);  // caller holds mu_

  const std::string path_;
  const std::chrono::milliseconds period_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;                       // guarded by mu_
  std::FILE* file_ = nullptr;               // guarded by mu_
  std::string error_;                       // guarded by mu_: the first write error
  std::function<std::vector<std::string>()> annotations_;  // guarded by mu_; cleared at run_ending
  std::uint64_t origin_ticks_ = 0;          // guarded by mu_
  std::vector<std::uint32_t> written_;      // guarded by mu_: events written, by thread id
  std::size_t threads_known_ = 0, objects_known_ = 0, ops_known_ = 0, gauges_known_ = 0,
              annotations_known_ = 0;       // guarded by mu_: what UPDATEs already named
  std::unordered_map<std::uint64_t, std::uint32_t> site_index_;  // guarded by mu_: Site key -> index
  std::vector<SiteInfo> sites_;             // guarded by mu_: sites_[0] is "unknown"
  std::uint64_t events_ = 0, updates_ = 0;  // guarded by mu_
  std::thread thread_;
};

}  // namespace locklab
