// The .lltrace file: a versioned binary container for a Trace.
//
// Layout: the magic "LLTRACE1", a u32 format version, then chunks. A chunk
// is {u32 type, u64 length, u32 crc32 of payload, payload}. Types: 1 = META
// (JSON: run info, verdict, threads, objects, sites, names, counters),
// 2 = EVENTS (raw 32-byte Events, at most 65536 per chunk), 3 = END,
// 4 = HEAD (JSON: run info), 5 = UPDATE (JSON: names that appeared, a
// progress sample, the run time). Unknown chunk types are skipped. Integers
// are little-endian.
//
// Version 1 (save_trace): META, EVENTS in time order, END.
// Version 2 (streamed while the run goes, trace_stream.h): HEAD; then UPDATE
// and EVENTS chunks as the run goes (each chunk in time order, chunks not:
// the reader merges them); then META and END once the run has finished.
// This build reads both (kTraceFormatVersion is the newest).
//
// Reading never crashes on bad input: a wrong magic or a newer version is an
// error; a truncated or corrupt chunk stops the reading there and keeps what
// came before, with a warning that says what was lost. A version 2 file
// without META is a run that did not finish: its trace is rebuilt from HEAD,
// the UPDATEs and the events, with the verdict kUnfinished and the warning
// "trace ends early: the run did not finish (N events so far)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "locklab/trace/trace.h"

namespace locklab {

struct TraceReadResult {
  std::optional<Trace> trace;   // empty when nothing usable was read
  std::string error;            // why nothing could be read (trace empty)
  std::string warning;          // what was lost (trace present but partial)
  bool complete() const { return trace && warning.empty(); }
};

/// Writes `trace` to `path`. Returns an error message, empty on success.
std::string save_trace(const Trace& trace, const std::string& path);
/// The same, into a byte string.
std::string serialize_trace(const Trace& trace);

TraceReadResult load_trace(const std::string& path);
TraceReadResult parse_trace(const std::string& bytes);

}  // namespace locklab
