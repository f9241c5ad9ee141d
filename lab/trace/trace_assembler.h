// TraceAssembler: turns the chunks of a .lltrace file into a Trace, one
// complete chunk at a time, for the whole-file reader (parse_trace) and for
// a reader that follows a file while it is still being written (TraceTail).
// Internal to lab/.
//
// It never reads past what it is given and never crashes on bad bytes: a
// chunk that is not complete yet is left for the next feed(); a damaged
// chunk (crc mismatch, impossible size, bad JSON) stops the reading for good
// and keeps what came before, with a warning that says what was lost.
//
// Version 1 files hold META, EVENTS..., END. Version 2 files (streamed) hold
// HEAD, then UPDATE and EVENTS chunks as the run went, then META and END when
// it finished; a version 2 file without META is a run that did not finish,
// and its trace is rebuilt from HEAD, the UPDATEs and the events.
// Events come out sorted by time: a streamed file's chunks may overlap a
// little in time (a thread publishes an event after the writer's last look),
// and each new chunk is merged into place.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "locklab/trace/trace.h"
#include "locklab/trace/trace_file.h"

namespace locklab::detail {

/// Checks the 12-byte file header. Returns the version, or 0 with `error`
/// set (bad magic, a newer version), or 0 with `error` empty when fewer
/// than 12 bytes are present and those agree with the magic (wait for more).
std::uint32_t check_file_header(const unsigned char* data, std::size_t size, std::string& error);

class TraceAssembler {
 public:
  /// `version` from the file header (1 or 2). `total_bytes`, when known,
  /// lets a whole-file read reserve its events at once.
  explicit TraceAssembler(std::uint32_t version, std::size_t total_bytes = 0);

  /// Reads every complete chunk at the start of [data, data + size) and
  /// returns the bytes it used; the caller feeds the rest again with what
  /// follows it. Reads nothing once stopped().
  std::size_t feed(const unsigned char* data, std::size_t size);

  /// END was read, or a damaged chunk or a bad META ended the reading.
  bool stopped() const noexcept { return ended_ || !stop_reason_.empty() || !error_.empty(); }
  bool ended() const noexcept { return ended_; }
  /// A final summary (META) was read: the run finished.
  bool has_meta() const noexcept { return have_meta_; }
  std::uint64_t event_count() const noexcept { return trace_.events.size(); }
  /// Chunks read so far.
  std::uint64_t chunks_read() const noexcept { return chunks_; }

  /// The trace as it stands. `at_eof`: the input ends here for good (a whole
  /// file, or a writer known to be dead), so a missing END is truncation.
  /// A copy; the assembler can go on reading.
  TraceReadResult snapshot(bool at_eof) const;
  /// The same, moving the trace out (the assembler is spent).
  TraceReadResult take(bool at_eof);

 private:
  struct ThreadSeen {
    std::uint64_t first_ns = 0, last_ns = 0, end_ns = 0;
    std::uint64_t events = 0;
    bool ended = false;
  };
  void read_events(const unsigned char* payload, std::size_t size);
  bool read_json_chunk(std::uint32_t type, const unsigned char* payload, std::size_t size);
  // Fills what an unfinished stream never wrote (threads' spans, the
  // verdict) from what was read; returns the warning.
  std::string complete(Trace& t, bool at_eof) const;
  TraceReadResult result(Trace&& t, bool at_eof) const;

  std::uint32_t version_;
  std::size_t total_bytes_;
  Trace trace_;                  // events, and the rest once HEAD or META is read
  bool have_head_ = false, have_meta_ = false, ended_ = false;
  bool corrupt_first_ = false;   // the chunk that would have made the trace was damaged
  std::string first_damaged_;    // its name ("META", "HEAD")
  std::string stop_reason_;      // why reading stopped before END ("" if it did not)
  std::string error_;            // nothing usable (a bad META or HEAD)
  std::optional<std::uint64_t> expected_events_;  // META's event_count
  std::uint64_t last_update_ns_ = 0;
  std::uint64_t chunks_ = 0;
  std::vector<ThreadSeen> seen_;  // by thread id; version 2 only
};

}  // namespace locklab::detail
