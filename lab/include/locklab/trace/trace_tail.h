// TraceTail: follows a .lltrace file while another process writes it (the
// visualizer following `locklab run --trace` in a child process), reading
// only what was appended since the last look.
//
// poll() reads the new bytes and takes in every chunk that is complete; a
// chunk still being written is kept for the next poll(). A damaged chunk
// stops the reading for good, keeping what came before (as load_trace does).
// The trace so far is a full Trace: a streamed run that has not finished
// (or never will: its writer was killed) has its threads, names, events and
// throughput samples, and the verdict VerdictKind::kUnfinished.
//
// Not thread-safe: one owner calls every method. poll() does file I/O
// proportional to the new bytes; snapshot() copies the trace.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "locklab/trace/trace_file.h"

namespace locklab {

namespace detail {
class TraceAssembler;
}

class TraceTail {
 public:
  explicit TraceTail(std::string path);
  ~TraceTail();
  TraceTail(const TraceTail&) = delete;
  TraceTail& operator=(const TraceTail&) = delete;

  /// Reads what was appended since the last call. Returns true when at
  /// least one new chunk was taken in. A file that does not exist yet, or
  /// holds less than its header, is waited for (false, no error).
  bool poll();

  /// Nothing more will be read: the END chunk was read, the file is damaged
  /// past repair, or it is not a trace (error() says why).
  bool done() const noexcept;
  /// Why the file cannot be read at all ("not a locklab trace (bad magic)",
  /// "cannot read PATH: ..."); "" otherwise.
  const std::string& error() const noexcept { return error_; }
  /// Events taken in so far.
  std::uint64_t events() const noexcept;
  /// Chunks taken in so far (a cheap "did anything change" counter).
  std::uint64_t chunks() const noexcept;
  std::uint64_t bytes_read() const noexcept { return offset_; }
  const std::string& path() const noexcept { return path_; }

  /// The trace read so far. `writer_gone`: no more bytes will come (the
  /// writer exited or was killed), so a missing end is final ("trace ends
  /// early: the run did not finish (N events so far)"); otherwise the
  /// warning says the run is still going.
  TraceReadResult snapshot(bool writer_gone) const;

 private:
  std::string path_;
  int fd_ = -1;
  std::uint64_t offset_ = 0;   // bytes read from the file
  std::string pending_;        // read but not yet a complete chunk
  bool header_done_ = false;
  std::string error_;
  std::unique_ptr<detail::TraceAssembler> assembler_;
};

}  // namespace locklab
