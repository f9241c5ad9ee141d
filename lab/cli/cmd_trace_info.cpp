// locklab trace-info FILE: what a saved .lltrace holds, read through the same
// analyses as a live run. Unreadable files exit 2; partial ones warn.
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/trace/trace_file.h"
#include "locklab/present/run_summary.h"

namespace locklab::cli {
namespace {

struct TraceInfoOptions {
  std::string file;
  bool json = false;
};

nlohmann::json threads_json(const Trace& t) {
  nlohmann::json out = nlohmann::json::array();
  for (const TraceThread& th : t.threads)
    out.push_back({{"id", th.id},
                   {"name", th.name},
                   {"lab_thread", th.lab_thread},
                   {"start_ns", th.start_ns},
                   {"end_ns", th.end_ns},
                   {"events", th.events},
                   {"dropped", th.dropped},
                   {"covered_until_ns", th.covered_until_ns},
                   {"items", th.items}});
  return out;
}

void print_header(std::ostream& out, const std::string& file, const Trace& t) {
  const RunInfo& i = t.info;
  std::string params;
  for (const auto& [k, v] : i.params) params += fmt::format("{}{}={}", params.empty() ? "" : " ", k, v);
  out << file << "\n";
  auto line = [&](std::string_view name, const std::string& value) {
    out << fmt::format("  {:<11}{}\n", name, value.empty() ? "-" : value);
  };
  line("bug", i.bug);
  line("variant", i.variant);
  line("settings", fmt::format("{} threads, {}, seed {}", i.threads, human_ms(i.duration_ms), i.seed));
  line("params", params);
  line("recording", i.recording ? "on" : "off");
  line("started", i.started_at);
  line("machine", i.machine);
  line("wall time", human_ns(t.duration_ns));
  line("contents", fmt::format("{} events, {} objects, {} sites, {} progress samples", thousands(t.events.size()),
                               t.objects.size(), t.sites.empty() ? 0 : t.sites.size() - 1, t.progress.size()));
}

void print_threads(std::ostream& out, const Trace& t) {
  out << "  threads:\n";
  Table table({"ID", "NAME", "EVENTS", "DROPPED", "COVERED UNTIL", "ITEMS"});
  table.right(0).right(2).right(3).right(4).right(5);
  for (const TraceThread& th : t.threads)
    table.add({std::to_string(th.id), th.name + (th.lab_thread ? "" : " (adopted)"), thousands(th.events),
               thousands(th.dropped), th.dropped ? human_ns(th.covered_until_ns) : "end", thousands(th.items)});
  table.print(out, "    ");
}

int run_trace_info(const TraceInfoOptions& o, Io io) {
  const TraceReadResult r = load_trace(o.file);
  if (!r.trace) throw UsageError("cannot read trace '" + o.file + "': " + r.error);
  if (!r.warning.empty()) io.err << "locklab: warning: " << o.file << " is partial: " << r.warning << "\n";
  const Trace& t = *r.trace;
  const BugInfo* bug = Catalogue::get().find(t.info.bug);
  const RunSummary s = summarize(t, bug);

  if (o.json) {
    nlohmann::json j = to_json(s);
    j["file"] = o.file;
    j["complete"] = r.warning.empty();
    j["warning"] = r.warning.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.warning);
    j["started_at"] = t.info.started_at;
    j["machine"] = t.info.machine;
    j["recording"] = t.info.recording;
    j["thread_list"] = threads_json(t);
    print_json(io.out, j);
    return kExitOk;
  }
  print_header(io.out, o.file, t);
  if (!r.warning.empty()) io.out << "  WARNING    the file is partial: " << r.warning << "\n";
  print_verdict(io.out, s);
  print_threads(io.out, t);
  print_oracle(io.out, s);
  if (s.oracle) io.out << "             (judged now by this build's oracle for " << t.info.bug << ")\n";
  print_analyses(io.out, s);
  return kExitOk;
}

}  // namespace

void add_trace_info(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<TraceInfoOptions>();
  CLI::App* sub = app.add_subcommand("trace-info", "Describe a saved .lltrace file and analyse it");
  sub->add_option("file", o->file, "The .lltrace file")->required()->type_name("FILE");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] { return run_trace_info(*o, io); }; });
}

}  // namespace locklab::cli
