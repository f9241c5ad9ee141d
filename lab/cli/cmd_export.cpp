// locklab export TRACE --format chrome --out FILE.json: a saved trace in a
// format other tools read (chrome_trace.h).
#include <fstream>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>

#include "chrome_trace.h"
#include "commands.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/trace/trace_file.h"

namespace locklab::cli {
namespace {

struct ExportOptions {
  std::string trace;
  std::string format = "chrome";
  std::string out;
};

int run_export(const ExportOptions& o, Io io) {
  if (o.format != "chrome") throw UsageError("--format: unknown format '" + o.format + "' (formats: chrome)");
  const TraceReadResult r = load_trace(o.trace);
  if (!r.trace) throw UsageError("cannot read trace '" + o.trace + "': " + r.error);
  if (!r.warning.empty()) io.err << "locklab: warning: " << o.trace << " is partial: " << r.warning << "\n";
  const nlohmann::json j = chrome_trace(*r.trace);
  std::ofstream out(o.out, std::ios::binary | std::ios::trunc);
  if (!out) throw UsageError("--out: cannot write '" + o.out + "'");
  out << j.dump();
  out.close();
  if (!out) throw UsageError("--out: writing '" + o.out + "' failed");
  io.out << "wrote " << o.out << ": " << j["traceEvents"].size() << " trace events from " << o.trace
         << (r.trace->dropped_events() ? " (the trace dropped " + thousands(r.trace->dropped_events()) + " events)" : "")
         << "; open it in https://ui.perfetto.dev or chrome://tracing\n";
  return kExitOk;
}

}  // namespace

void add_export(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* sub = app.add_subcommand("export", "Convert a saved trace for other tools (Chrome trace JSON for Perfetto)");
  sub->add_option("trace", o->trace, "The .lltrace file")->required()->type_name("TRACE");
  sub->add_option("--format", o->format, "Output format: chrome")->type_name("F")->capture_default_str();
  sub->add_option("--out,-o", o->out, "The file to write")->required()->type_name("FILE");
  sub->callback([o, io, &action] { action = [o, io] { return run_export(*o, io); }; });
}

}  // namespace locklab::cli
