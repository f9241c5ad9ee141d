// locklab run <bug>: runs variants of one bug, judges each with the oracle,
// and with several variants compares them against the buggy run.
#include <cstdio>
#include <filesystem>
#include <memory>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/comparison.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/present/format.h"
#include "locklab/analysis/thread_dump.h"
#include "locklab/trace/trace_file.h"
#include "locklab/trace/trace_stream.h"
#include "progress.h"
#include "run_options.h"

namespace locklab::cli {
namespace {

struct RunCmdOptions {
  std::string bug;
  std::string variant = "both";
  RunOptions run;
  std::string trace;
  bool json = false;
};

// out.lltrace -> out.buggy.lltrace when several variants share one --trace.
std::string trace_path_for(const std::string& path, const std::string& variant, bool several) {
  if (!several) return path;
  namespace fs = std::filesystem;
  fs::path p(path);
  const std::string ext = p.extension().string();
  p.replace_filename(p.stem().string() + "." + variant + ext);
  return p.string();
}

void check_trace_dir(const std::string& path) {
  const auto dir = std::filesystem::path(path).parent_path();
  std::error_code ec;
  if (!dir.empty() && !std::filesystem::is_directory(dir, ec))
    throw UsageError("--trace: the directory '" + dir.string() + "' does not exist");
}

std::string settings_line(const BugInfo& bug, const RunConfig& c) {
  std::string params;
  for (const auto& [k, v] : resolve_params(bug, c)) params += fmt::format("{}{}={}", params.empty() ? "" : " ", k, v);
  return fmt::format("{}: {} threads, {} a run, seed {}{}{}", bug.id, effective_threads(bug, c),
                     human_ms(effective_duration_ms(bug, c)), c.seed, params.empty() ? "" : ", ", params);
}

int run_run(const RunCmdOptions& o, Io io) {
  const BugInfo& bug = find_bug(o.bug);
  const auto variants = select_variants(bug, o.variant);
  RunConfig config = make_config(o.run, &bug);
  // SIGQUIT (Ctrl-\) during a run prints a dump on stderr; the run goes on.
  config.on_dump = [](const DumpRecord& d) {
    const std::string text = fmt::format("\nlocklab: thread dump {} ({} into the run):\n{}\n", d.reason,
                                         human_ns(d.at_ns), format_dump(d.threads));
    std::fwrite(text.data(), 1, text.size(), stderr);  // one write: the progress line may share stderr
  };
  if (!o.trace.empty()) check_trace_dir(o.trace);
  const bool several = variants.size() > 1;

  InterruptScope interrupt;
  Progress progress(io.err, std::vector<std::uint64_t>(variants.size(), effective_duration_ms(bug, config)));
  // The settings line waits for the first run: a workload that refuses its
  // settings is bad input, with nothing on stdout.
  bool settings_printed = o.json;

  std::vector<RunSummary> runs;
  std::vector<CompareVerdict> compares;
  std::optional<Trace> buggy_trace;
  bool save_failed = false;
  for (std::size_t i = 0; i < variants.size() && !interrupt.interrupted(); ++i) {
    const VariantInfo& v = *variants[i];
    progress.step(i, bug.id + " " + v.name);
    // The trace is written while the run goes (a reader can follow it, and
    // a run killed midway leaves what it did so far), its summary at the end.
    std::unique_ptr<TraceStreamWriter> stream;
    std::string trace_error;
    if (!o.trace.empty()) {
      stream = std::make_unique<TraceStreamWriter>(trace_path_for(o.trace, v.name, several));
      trace_error = stream->open();
      if (!trace_error.empty()) stream.reset();
    }
    config.observer = stream.get();
    Trace trace = run_bug(bug, v.name, config);
    config.observer = nullptr;
    if (!trace.verdict.settings_error.empty()) {
      // Refused settings are bad input: no trace file is left behind.
      if (stream) {
        const std::string path = stream->path();
        stream.reset();
        std::remove(path.c_str());
      }
      throw UsageError(trace.verdict.settings_error);
    }
    if (!settings_printed) io.out << settings_line(bug, config) << "\n\n";
    settings_printed = true;
    RunSummary s = summarize(trace, &bug);
    if (stream) {
      trace_error = stream->finish(trace);
      if (trace_error.empty()) s.trace_file = stream->path();
    }
    if (!trace_error.empty()) io.err << "locklab: " << trace_error << "\n";
    save_failed = save_failed || !trace_error.empty();
    if (!o.json) {
      print_run(io.out, s);
      io.out << "\n";
    }
    if (v.buggy) buggy_trace = std::move(trace);
    else if (buggy_trace)
      if (auto c = judge(bug, *buggy_trace, trace)) compares.push_back(std::move(*c));
    runs.push_back(std::move(s));
  }

  bool all_ok = true;
  for (const RunSummary& r : runs) all_ok = all_ok && r.as_expected.value_or(false);
  for (const CompareVerdict& c : compares) all_ok = all_ok && c.as_expected;
  const bool interrupted = interrupt.interrupted() && runs.size() < variants.size();
  const int code = interrupted ? kExitInterrupted : save_failed ? kExitUsage : all_ok ? kExitOk : kExitNotExpected;
  const RunSummary* base = runs.size() >= 2 ? &runs.front() : nullptr;
  if (base) {
    std::vector<RunSummary*> all;
    for (RunSummary& r : runs) all.push_back(&r);
    align_main_op(all);
  }

  if (o.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const RunSummary& r : runs) arr.push_back(to_json(r));
    print_json(io.out, {{"bug", bug.id},
                        {"settings", settings_json(bug, config)},
                        {"runs", arr},
                        {"comparison", base ? comparison_json(runs, *base, compares) : nlohmann::json(nullptr)},
                        {"interrupted", interrupted},
                        {"all_as_expected", all_ok},
                        {"exit_code", code}});
    return code;
  }
  if (base) print_comparison(io.out, runs, *base, compares);
  if (interrupted) io.out << fmt::format("\ninterrupted: {} of {} runs done\n", runs.size(), variants.size());
  io.out << (base ? "\n" : "")
         << (all_ok ? fmt::format("{}: every run as expected\n", bug.id)
                    : fmt::format("{}: NOT AS EXPECTED (see above)\n", bug.id));
  return code;
}

}  // namespace

void add_run(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<RunCmdOptions>();
  CLI::App* sub = app.add_subcommand("run", "Run a bug's variants and judge them with its oracle");
  sub->add_option("bug", o->bug, "The bug's id (see 'locklab list')")->required()->type_name("ID");
  sub->add_option("--variant,-v", o->variant,
                  "buggy, fixed (the first fixed variant), both (buggy and fixed), all, or a variant's name")
      ->type_name("V")
      ->capture_default_str();
  add_run_options(*sub, o->run, true);
  sub->add_option("--trace", o->trace,
                  "Save the trace to FILE (.lltrace); with several variants, FILE gets the variant's name "
                  "before its extension (out.buggy.lltrace)")
      ->type_name("FILE");
  sub->add_flag("--json", o->json, "Print JSON");
  sub->callback([o, io, &action] { action = [o, io] { return run_run(*o, io); }; });
}

}  // namespace locklab::cli
