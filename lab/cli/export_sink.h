// Where `locklab export` writes: bytes to a plain file, to a gzip file, or to
// a stream (stdout), chosen from what --out names. A sink takes the bytes in
// pieces as the exporter produces them, so nothing holds the whole output.
//
//   "-"          the given stream (stdout: the JSON alone; status goes to stderr)
//   "NAME.gz"    gzip (zlib), compression level 1: JSON shrinks ~10x at that level, and
//                higher levels cost several times the time for a few percent more
//   anything else  a plain file
//
// A file is written beside its name and renamed into place by close(), so a
// failed export never leaves a half-written file under the real name.
#pragma once

#include <iosfwd>
#include <memory>
#include <string>
#include <string_view>

namespace locklab::cli {

class OutputSink {
 public:
  virtual ~OutputSink() = default;
  /// Appends bytes; false after a write error (close() then says which).
  virtual bool write(std::string_view bytes) = 0;
  /// Finishes the output (flushes; for gzip the trailer; for a file the
  /// rename). Returns the first error, "" on success. Called once.
  virtual std::string close() = 0;
  /// What the sink writes to, for messages: "out.json", "out.json.gz (gzip)", "stdout".
  virtual std::string describe() const = 0;
};

/// The sink --out names (see above). `stdout_stream` receives the bytes for
/// "-". Returns null with `error` set when the file cannot be created.
std::unique_ptr<OutputSink> open_output_sink(const std::string& out, std::ostream& stdout_stream, std::string& error);

/// True when --out names gzip output (ends in ".gz").
bool names_gzip(std::string_view out) noexcept;

}  // namespace locklab::cli
