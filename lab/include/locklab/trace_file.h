// The .lltrace file: a versioned binary container for a Trace.
//
// Layout: the magic "LLTRACE1", a u32 format version, then chunks. A chunk
// is {u32 type, u64 length, u32 crc32 of payload, payload}. Types: 1 = META
// (JSON: run info, verdict, threads, objects, sites, names, counters),
// 2 = EVENTS (raw 32-byte Events, at most 65536 per chunk), 3 = END.
// Unknown chunk types are skipped. Integers are little-endian.
//
// Reading never crashes on bad input: a wrong magic or a newer version is an
// error; a truncated or corrupt chunk stops the reading there and keeps what
// came before, with a warning that says what was lost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "locklab/trace.h"

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
