// The .lltrace file: writing a finished trace, and (defensive) reading of
// any .lltrace file. See trace_file.h for the layout. Everything in a Trace
// except its events goes into one JSON META chunk; events go raw, 32
// little-endian bytes each, into EVENTS chunks.
#include "locklab/trace/trace_file.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <exception>
#include <filesystem>
#include <string_view>
#include <utility>

#include "trace_assembler.h"
#include "trace_format.h"
#include "trace_meta.h"

namespace locklab {

namespace {

using namespace detail;

// Produces the file one chunk at a time, so save_trace can stream a large
// trace to disk without holding a second copy of it in memory. A finished
// trace is written as version 1 (META first), which every locklab reads.
template <class Sink>
bool write_trace(const Trace& trace, Sink& sink) {
  if (!sink(file_header(kWholeFileVersion))) return false;
  if (!write_chunk(sink, kMetaChunk, json_text(meta_json(trace)))) return false;

  std::string payload;
  const std::vector<Event>& events = trace.events;
  for (std::size_t first = 0; first < events.size(); first += kEventsPerChunk) {
    const std::size_t last = std::min(events.size(), first + kEventsPerChunk);
    payload.clear();
    payload.reserve((last - first) * kEventBytes);
    for (std::size_t i = first; i < last; ++i) append_event(payload, events[i]);
    if (!write_chunk(sink, kEventsChunk, payload)) return false;
  }
  return write_chunk(sink, kEndChunk, {});
}

TraceReadResult failure(std::string error) {
  TraceReadResult r;
  r.error = std::move(error);
  return r;
}

}  // namespace

std::string serialize_trace(const Trace& trace) {
  std::string out;
  out.reserve(1024 + trace.events.size() * kEventBytes);
  auto sink = [&out](std::string_view s) {
    out.append(s);
    return true;
  };
  write_trace(trace, sink);
  return out;
}

std::string save_trace(const Trace& trace, const std::string& path) {
  namespace fs = std::filesystem;
  // Write beside the target and rename at the end, so a failed save never
  // leaves a half-written file under the real name. Anything that is not a
  // regular file (/dev/null, a pipe) is written in place instead.
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  const bool in_place = fs::exists(status) && !fs::is_regular_file(status);
  const std::string target = in_place ? path : path + ".tmp";

  std::FILE* f = std::fopen(target.c_str(), "wb");
  if (!f) return "cannot write " + path + ": " + std::strerror(errno);
  auto sink = [f](std::string_view s) {
    // An empty piece (the END chunk's payload) may have a null data pointer.
    return s.empty() || std::fwrite(s.data(), 1, s.size(), f) == s.size();
  };
  bool ok = write_trace(trace, sink);
  int err = ok ? 0 : errno;
  if (std::fclose(f) != 0 && ok) {
    ok = false;
    err = errno;
  }
  if (!ok) {
    if (!in_place) std::remove(target.c_str());
    return "cannot write " + path + ": " + std::strerror(err);
  }
  if (!in_place) {
    fs::rename(target, path, ec);
    if (ec) {
      std::remove(target.c_str());
      return "cannot write " + path + ": " + ec.message();
    }
  }
  return {};
}

TraceReadResult load_trace(const std::string& path) {
  // fopen() opens a directory too, and its "size" is no size at all (a
  // reserve() of it threw bad_alloc): say what it is instead.
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return failure("cannot read " + path + ": it is a directory");
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return failure("cannot open " + path + ": " + std::strerror(errno));
  std::string bytes;
  // Size the buffer once when the file tells its size (regular files).
  if (std::filesystem::is_regular_file(path, ec) && std::fseek(f, 0, SEEK_END) == 0) {
    const long end = std::ftell(f);
    if (end > 0) bytes.reserve(static_cast<std::size_t>(end));
    std::rewind(f);
  }
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) bytes.append(buffer, n);
  const bool read_error = std::ferror(f) != 0;
  const int err = errno;
  std::fclose(f);
  if (read_error) return failure("cannot read " + path + ": " + std::strerror(err));
  return parse_trace(bytes);
}

TraceReadResult parse_trace(const std::string& bytes) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  const std::size_t size = bytes.size();
  if (size == 0) return failure("not a locklab trace (empty file)");
  std::string error;
  const std::uint32_t version = check_file_header(data, size, error);
  if (!error.empty()) return failure(error);
  if (version == 0) return failure("truncated trace: the file ends inside its header");
  TraceAssembler assembler(version, size);
  assembler.feed(data + kFileHeaderBytes, size - kFileHeaderBytes);
  return assembler.take(/*at_eof=*/true);
}

}  // namespace locklab
