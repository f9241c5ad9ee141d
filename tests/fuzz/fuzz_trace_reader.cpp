// Fuzz target: the .lltrace reader, and what every consumer of a loaded
// trace runs on it (the analyses, the diagnostics, the grouped dump). A
// corrupt file must give an error or a partial trace, never a crash, a hang
// or an exception: the GUI and the CLI open files people hand them.
#include <cstddef>
#include <cstdint>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/analysis/diagnostics.h"
#include "locklab/analysis/thread_dump.h"
#include "locklab/trace/trace_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const locklab::TraceReadResult r = locklab::parse_trace(std::string(reinterpret_cast<const char*>(data), size));
  if (!r.trace) return 0;
  const locklab::Trace& t = *r.trace;
  (void)locklab::thread_timelines(t);
  (void)locklab::throughput(t);
  (void)locklab::latency(t);
  (void)locklab::contention(t);
  (void)locklab::diagnose(t);
  (void)locklab::format_dump(t.verdict.threads);
  return 0;
}
