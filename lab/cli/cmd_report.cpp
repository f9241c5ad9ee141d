// locklab report: the catalogue's benchmarks (report_bench.h), buggy against
// fixed, written as report.html, report.md and report.json; and
// `report --compare OLD.json NEW.json` (report_compare.h).
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <ostream>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "locklab/run/runner.h"
#include "progress.h"
#include "report_bench.h"
#include "report_compare.h"
#include "report_format.h"
#include "report_html.h"
#include "report_json.h"
#include "report_markdown.h"

namespace locklab::cli {
namespace {

namespace fs = std::filesystem;

struct ReportOptions {
  std::string bugs = "all";
  std::string threads = "default";
  std::optional<std::string> duration, repetitions;
  std::string out = "locklab-report";
  std::vector<std::string> compare;
  bool json = false;
};

// The output folder, created if missing; checked before anything runs.
void prepare_out_dir(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_directory(dir, ec)) throw UsageError("--out: '" + dir + "' is not a directory");
  fs::create_directories(dir, ec);
  if (ec) throw UsageError("--out: cannot create '" + dir + "': " + ec.message());
  if (::access(dir.c_str(), W_OK) != 0) throw UsageError("--out: cannot write into '" + dir + "'");
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (out) out << text;
  if (out) out.close();
  if (!out) throw UsageError("cannot write '" + path.string() + "'");
}

void print_results(std::ostream& out, const ReportResults& r) {
  Table t({"BUG", "VARIANT", "THREADS", "VERDICT", "THROUGHPUT", "P99 (MAIN OP)", "WAITING", "SYMPTOM", "AS EXPECTED"});
  t.right(2).right(4).right(5).right(6);
  for (const CaseResult& c : r.cases) {
    const std::string op = r.main_op_of(c.c.bug->id);
    const CaseFigures f = figures(c, op);
    if (!f.runs) {
      t.add({c.c.bug->id, c.c.variant->name, std::to_string(c.c.threads), "not run"});
      continue;
    }
    t.add({c.c.bug->id, c.c.variant->name, std::to_string(c.c.threads), std::string(to_string(f.representative->kind)),
           rate_text(f.throughput), f.p99_ns ? ns_text(*f.p99_ns) + " (" + op + ")" : "-", percent(f.wait_share.median),
           f.symptom == f.runs ? "yes"
           : f.symptom == 0    ? "no"
                               : count_of(f.symptom, f.runs),
           f.as_expected == f.runs ? "yes" : "NO: " + count_of(f.as_expected, f.runs)});
  }
  t.print(out);
  for (const CaseResult& c : r.cases)
    if (c.compare && !c.compare->as_expected)
      out << fmt::format("NOT as expected: {} compare buggy against {} at {} threads\n", c.c.bug->id,
                         c.compare->variant, c.c.threads);
}

int run_compare(const ReportOptions& o, Io io) {
  const nlohmann::json before = load_benchmark_json(o.compare[0], "OLD");
  const nlohmann::json after = load_benchmark_json(o.compare[1], "NEW");
  const ReportComparison c = compare_reports(before, after);
  if (o.json)
    print_json(io.out, report_comparison_json(c));
  else
    print_report_comparison(io.out, c, o.compare[0], o.compare[1]);
  return kExitOk;
}

int run_report(const ReportOptions& o, Io io) {
  if (o.json) throw UsageError("--json goes with --compare (the report's JSON is report.json)");
  ReportSettings settings;
  settings.bugs = parse_bug_list(o.bugs);
  settings.threads = parse_thread_list(o.threads);
  settings.bugs_text = o.bugs;
  settings.threads_text = o.threads;
  if (o.duration) settings.duration_ms = parse_whole(*o.duration, "--duration", 1, kMaxDurationMs);
  if (o.repetitions)
    settings.repetitions = static_cast<std::uint32_t>(parse_whole(*o.repetitions, "--repetitions", 1, kMaxRepetitions));
  const std::vector<ReportCase> plan = make_plan(settings);
  check_plan(plan);
  prepare_out_dir(o.out);

  InterruptScope interrupt;
  const ReportResults results = run_report_benchmarks(settings, plan, io.err, interrupt);

  const fs::path dir(o.out);
  write_file(dir / "report.html", report_html(results));
  write_file(dir / "report.md", report_markdown(results));
  write_file(dir / "report.json",
             report_json(results).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");

  print_results(io.out, results);
  io.out << fmt::format("\nwrote {}, report.md and report.json: {}\n", (dir / "report.html").string(),
                        run_text(results));
  const std::size_t bad = results.not_as_expected();
  if (results.interrupted) {
    io.out << fmt::format("Interrupted (Ctrl-C) after {} of {} runs.\n", results.runs_done, results.runs_planned);
    return kExitInterrupted;
  }
  if (bad) {
    io.out << fmt::format("{} result{} NOT as expected.\n", bad, bad == 1 ? "" : "s");
    return kExitNotExpected;
  }
  io.out << "All runs as expected.\n";
  return kExitOk;
}

}  // namespace

void add_report(CLI::App& app, Io io, Action& action) {
  auto o = std::make_shared<ReportOptions>();
  CLI::App* sub = app.add_subcommand(
      "report",
      "Benchmark the catalogue, buggy against fixed, with Google Benchmark; write report.html, report.md and "
      "report.json (Ctrl-C stops after the current run)");
  auto* bugs = sub->add_option("--bugs,-b", o->bugs, "'all' or bug ids separated by commas")
                   ->type_name("all|ID,...")
                   ->capture_default_str();
  auto* threads = sub->add_option("--threads,-t", o->threads,
                                  "Thread counts separated by commas; 'default' is each bug's own (e.g. 1,default,8)")
                      ->type_name("LIST")
                      ->capture_default_str();
  auto* duration = sub->add_option("--duration,-d", o->duration,
                                   fmt::format("Milliseconds each run lasts, 1 to 600000 (default: each bug's default, "
                                               "at most {} ms)",
                                               kReportDurationCapMs))
                       ->type_name("MS");
  auto* reps =
      sub->add_option("--repetitions,-r", o->repetitions,
                      fmt::format("Runs of each variant, 1 to {} (default {})", kMaxRepetitions, kDefaultRepetitions))
          ->type_name("N");
  auto* out =
      sub->add_option("--out,-o", o->out, "Folder for report.html, report.md and report.json (created if missing)")
          ->type_name("DIR")
          ->capture_default_str();
  auto* compare = sub->add_option("--compare", o->compare,
                                  "Compare two report.json files (like benchstat) instead of running anything")
                      ->expected(2)
                      ->type_name("OLD.json NEW.json");
  for (CLI::Option* opt : {bugs, threads, duration, reps, out}) compare->excludes(opt);
  sub->add_flag("--json", o->json, "With --compare: print the comparison as JSON");
  sub->callback(
      [o, io, &action] { action = [o, io] { return o->compare.empty() ? run_report(*o, io) : run_compare(*o, io); }; });
}

}  // namespace locklab::cli
