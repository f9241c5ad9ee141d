// locklab export TRACE --out FILE.json | FILE.json.gz | - [--from T] [--to T]
// [--thread NAME]...: a saved trace in a format other tools read
// (chrome_trace.h), written as it is produced (export_sink.h).
#include <memory>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>

#include "chrome_trace.h"
#include "commands.h"
#include "export_scope.h"
#include "export_sink.h"
#include "locklab/present/format.h"
#include "locklab/trace/trace_file.h"
#include "options.h"  // the present layer, unqualified
#include "time_arg.h"
#include "trace_event_writer.h"

namespace locklab::cli {
namespace {

struct ExportOptions {
  std::string trace;
  std::string format = "chrome";
  std::string out;
  std::optional<std::string> from, to;
  std::vector<std::string> threads;
};

int run_export(const ExportOptions& o, Io io) {
  if (o.format != "chrome") throw UsageError("--format: unknown format '" + o.format + "' (formats: chrome)");
  ExportRequest request;
  if (o.from) request.from_ns = parse_time_ns(*o.from, "--from");
  if (o.to) request.to_ns = parse_time_ns(*o.to, "--to");
  request.threads = o.threads;
  const TraceReadResult r = load_trace(o.trace);
  if (!r.trace) throw UsageError("cannot read trace '" + o.trace + "': " + r.error);
  if (!r.warning.empty()) io.err << "locklab: warning: " << o.trace << " is partial: " << r.warning << "\n";
  const Trace& t = *r.trace;
  const ExportScope scope = make_export_scope(t, request);

  std::string error;
  std::unique_ptr<OutputSink> sink = open_output_sink(o.out, io.out, error);
  if (!sink) throw UsageError("--out: " + error);
  TraceEventWriter writer(*sink);
  const ExportStats stats = write_chrome_trace(t, scope, writer);
  error = writer.finish(chrome_trace_metadata(t, scope, stats));
  if (!error.empty()) throw UsageError("--out: " + error);

  // The status goes to stderr when the JSON itself goes to stdout.
  std::ostream& status = o.out == "-" ? io.err : io.out;
  status << "wrote " << sink->describe() << ": " << thousands(stats.trace_events) << " trace events from " << o.trace;
  if (t.dropped_events()) status << " (the trace dropped " << thousands(t.dropped_events()) << " events)";
  status << "\n";
  if (scope.cuts()) {
    status << "  " << t.verdict.summary << ", at " << human_ns(scope.cut_ns) << ": shown as an instant; "
           << thousands(stats.never_ended) << " operations, waits and holds never ended (arg never_ended); "
           << thousands(stats.teardown_events) << " teardown events after it left out\n";
  }
  status << "  open it in https://ui.perfetto.dev or chrome://tracing\n";
  return kExitOk;
}

}  // namespace

void add_export(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ExportOptions>();
  CLI::App* sub = app.add_subcommand("export", "Convert a saved trace for other tools (Chrome trace JSON for Perfetto)");
  sub->add_option("trace", o->trace, "The .lltrace file")->required()->type_name("TRACE");
  sub->add_option("--format", o->format, "Output format: chrome")->type_name("F")->capture_default_str();
  sub->add_option("--out,-o", o->out, "The file to write: NAME.json, NAME.json.gz (gzip), or - (stdout; status on stderr)")
      ->required()
      ->type_name("FILE");
  sub->add_option("--from", o->from, "Start of the time window: milliseconds into the run, or a number with ns, us, ms, s")
      ->type_name("T");
  sub->add_option("--to", o->to, "End of the time window (as --from)")->type_name("T");
  sub->add_option("--thread", o->threads, "Only this thread: its name, T<id> or id (repeatable)")
      ->allow_extra_args(false)
      ->type_name("NAME");
  sub->callback([o, io, &action] { action = [o, io] { return run_export(*o, io); }; });
}

}  // namespace locklab::cli
