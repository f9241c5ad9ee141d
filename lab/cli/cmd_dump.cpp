// locklab dump: thread dumps, grouped and filterable.
//
//   locklab dump TRACE.lltrace     the dumps saved in a trace: those taken
//                                  during the run (--at, SIGQUIT) and the
//                                  verdict's own when the run failed;
//   locklab dump BUG [--at MS]     runs a variant of the bug and dumps its
//                                  threads at MS (default: halfway), plus
//                                  the verdict's dump if the run fails.
//   locklab dump --go FILE|-       a Go program's goroutine dump (SIGQUIT,
//                                  a fatal deadlock, pprof debug=2,
//                                  runtime.Stack), grouped, its waits in
//                                  words and the catalogued bugs its stacks
//                                  show (present/go_dump*.h).
// --filter EXPR keeps the threads that match (thread_dump.h's syntax);
// with --go, --state, --func, --package and --grep do.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/diagnostics_json.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/present/format.h"
#include "locklab/present/go_dump.h"
#include "locklab/present/go_dump_report.h"
#include "locklab/trace/trace_file.h"
#include "progress.h"
#include "run_options.h"

namespace locklab::cli {
namespace {

struct DumpOptions {
  std::string target;  // a trace file or a bug id
  std::string variant = "buggy";
  RunOptions run;
  std::vector<std::string> at_ms;  // as typed: parse_whole says what is wrong with "-5"
  std::string filter;
  bool json = false;
  bool go = false;           // target is a Go goroutine dump (or - for stdin)
  GoDumpFilter go_filter;    // --state, --func, --package, --grep
};

struct NamedDump {
  std::string title;   // "at 750 ms", "at the verdict (deadlock)"
  std::uint64_t at_ns = 0;
  std::vector<ThreadSnapshot> threads;
};

std::vector<NamedDump> dumps_of(const Trace& t) {
  std::vector<NamedDump> out;
  for (const DumpRecord& d : t.dumps) out.push_back({d.reason, d.at_ns, d.threads});
  if (is_failure(t.verdict.kind))
    out.push_back({"at the verdict (" + std::string(to_string(t.verdict.kind)) + ")", t.verdict.at_ns, t.verdict.threads});
  return out;
}

int print_dumps(const Trace& t, const std::string& source, const DumpOptions& o, Io io) {
  const DumpFilter filter = DumpFilter::parse(o.filter);
  const std::vector<NamedDump> dumps = dumps_of(t);
  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const NamedDump& d : dumps) {
      const auto kept = filter_dump(d.threads, filter);
      arr.push_back({{"title", d.title}, {"at_ns", d.at_ns}, {"threads", d.threads.size()},
                     {"matching", kept.size()}, {"waits_for", describe_waits_for(d.threads)},
                     {"groups", dump_json(kept)}});
    }
    print_json(io.out, {{"source", source},
                        {"bug", t.info.bug},
                        {"variant", t.info.variant},
                        {"filter", o.filter},
                        {"verdict", {{"kind", json_word(t.verdict.kind)}, {"summary", t.verdict.summary}}},
                        {"diagnostics", diagnostics_json(t, diagnose(t))},
                        {"dumps", arr}});
    return kExitOk;
  }
  io.out << source << ": " << t.info.bug << " / " << t.info.variant << ", verdict " << to_string(t.verdict.kind)
         << (t.verdict.summary.empty() || t.verdict.summary == "completed" ? "" : ": " + t.verdict.summary) << "\n";
  if (dumps.empty()) {
    io.out << "no thread dumps in this trace (the run completed; take one with 'locklab dump BUG --at MS', "
              "or press Ctrl-\\ during 'locklab run')\n";
    return kExitOk;
  }
  const Diagnostics diag = diagnose(t);
  if (diag.deadlock.deadlocked()) {
    io.out << "\n";
    print_indented(io.out, diag.deadlock.text(), "  ");
  }
  for (const NamedDump& d : dumps) {
    const auto kept = filter_dump(d.threads, filter);
    io.out << "\n== thread dump " << d.title << " (" << human_ns(d.at_ns) << " into the run): ";
    if (filter.empty()) io.out << d.threads.size() << " threads\n";
    else io.out << kept.size() << " of " << d.threads.size() << " threads match '" << o.filter << "'\n";
    const std::vector<std::string> waits = describe_waits_for(d.threads);
    if (!waits.empty()) {
      io.out << "  who waits for whom:\n";
      for (const std::string& w : waits) print_indented(io.out, w, "    ");
    }
    print_indented(io.out, format_dump(kept), "  ");
  }
  return kExitOk;
}

// The whole text of FILE, or of stdin for "-".
std::string read_text(const std::string& target) {
  if (target == "-") return {std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>()};
  std::error_code ec;
  if (std::filesystem::is_directory(target, ec)) throw UsageError("cannot read Go dump '" + target + "': a folder");
  std::ifstream in(target, std::ios::binary);
  if (!in) throw UsageError("cannot read Go dump '" + target + "': no such file or not readable");
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

int run_go_dump(const DumpOptions& o, Io io) {
  if (!o.filter.empty())
    throw UsageError("--filter reads locklab's own dumps; with --go use --state, --func, --package or --grep");
  const std::string source = o.target == "-" ? "stdin" : o.target;
  GoDump d;
  try {
    d = parse_go_dump(read_text(o.target));
  } catch (const GoDumpError& e) {
    throw UsageError(source + ": " + e.what());
  }
  if (!d.skipped.empty())
    io.err << "locklab: warning: " << source << " is partial: " << d.skipped.size() << " part"
           << (d.skipped.size() == 1 ? "" : "s") << " skipped" << (d.truncated ? " (the dump is cut short)" : "")
           << ", the first: " << d.skipped.front() << "\n";
  if (o.json) print_json(io.out, go_dump_json(d, source, o.go_filter));
  else io.out << format_go_dump(d, source, o.go_filter);
  return kExitOk;
}

// A Go dump given without --go reads as a bad trace: say what it is.
bool looks_like_go_dump(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::string head(4096, '\0');
  in.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(in.gcount()));
  return head.starts_with("goroutine ") || head.find("\ngoroutine ") != std::string::npos;
}

int run_dump(const DumpOptions& o, Io io) {
  if (o.go) return run_go_dump(o, io);
  if (!o.go_filter.empty()) throw UsageError("--state, --func, --package and --grep filter a Go dump: add --go");
  // Checked first, so a bad filter costs no run.
  (void)DumpFilter::parse(o.filter);
  std::error_code ec;
  if (std::filesystem::is_regular_file(o.target, ec) || o.target.ends_with(".lltrace")) {
    const TraceReadResult r = load_trace(o.target);
    if (!r.trace && looks_like_go_dump(o.target))
      throw UsageError("cannot read trace '" + o.target + "': it is a Go goroutine dump; read it with 'locklab dump --go " +
                       o.target + "'");
    if (!r.trace) throw UsageError("cannot read trace '" + o.target + "': " + r.error);
    if (!r.warning.empty()) io.err << "locklab: warning: " << o.target << " is partial: " << r.warning << "\n";
    return print_dumps(*r.trace, o.target, o, io);
  }
  const BugInfo& bug = find_bug(o.target);
  const auto variants = select_variants(bug, o.variant);
  if (variants.size() != 1) throw UsageError("--variant: dump runs one variant; name one (buggy, fixed, ...)");
  RunConfig config = make_config(o.run, &bug);
  const std::uint64_t duration = effective_duration_ms(bug, config);
  config.dump_at_ms.clear();
  for (const std::string& at : o.at_ms) config.dump_at_ms.push_back(parse_whole(at, "--at", 0, kMaxDurationMs));
  if (config.dump_at_ms.empty()) config.dump_at_ms.push_back(duration / 2);
  for (const std::uint64_t at : config.dump_at_ms)
    if (at > duration) throw UsageError(fmt::format("--at {}: after the run's end ({} ms)", at, duration));
  InterruptScope interrupt;
  Progress progress(io.err, {duration});
  progress.step(0, bug.id + " " + variants.front()->name);
  const Trace t = run_bug(bug, variants.front()->name, config);
  if (!t.verdict.settings_error.empty()) throw UsageError(t.verdict.settings_error);
  return print_dumps(t, "run of " + bug.id, o, io);
}

}  // namespace

void add_dump(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<DumpOptions>();
  CLI::App* sub = app.add_subcommand(
      "dump", "Thread dumps, grouped by identical state and site: from a trace, taken during a run of a bug, or a Go "
              "program's goroutine dump (--go)");
  sub->add_option("target", o->target, "A .lltrace file, a bug's id to run, or with --go a Go dump (- for stdin)")
      ->required()
      ->type_name("TRACE|ID|FILE");
  sub->add_flag("--go", o->go,
                "Read a Go goroutine dump (SIGQUIT, 'all goroutines are asleep', pprof debug=2, runtime.Stack)");
  sub->add_option("--state", o->go_filter.state, "With --go: keep goroutines whose state contains this")
      ->type_name("TEXT");
  sub->add_option("--func", o->go_filter.func, "With --go: keep goroutines with a frame whose function contains this")
      ->type_name("TEXT");
  sub->add_option("--package", o->go_filter.package, "With --go: keep goroutines with a frame in this package")
      ->type_name("PKG");
  sub->add_option("--grep", o->go_filter.grep,
                  "With --go: keep goroutines whose state, functions, files or creator contain this")
      ->type_name("TEXT");
  sub->add_option("--variant,-v", o->variant, "With a bug: the variant to run")->type_name("V")->capture_default_str();
  sub->add_option("--at", o->at_ms, "With a bug: take a dump at these milliseconds into the run (default: halfway)")
      ->type_name("MS");
  sub->add_option("--filter,-f", o->filter,
                  "Keep threads that match every term: field:text (state, site, object, name, holds) or text; "
                  "-term negates. Example: 'state:waiting object:Hub.mu'")
      ->type_name("EXPR");
  add_run_options(*sub, o->run, true);
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] {
    try {
      return run_dump(*o, io);
    } catch (const FilterError& e) {
      throw UsageError(std::string("--filter: ") + e.what());
    }
  }; });
}

}  // namespace locklab::cli
