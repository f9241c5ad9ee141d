#include "report_markdown.h"

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "report_format.h"

namespace locklab::cli {
namespace {

// A table cell: '|' would end it and a newline would end the row.
std::string cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|')
      out += "\\|";
    else if (c == '\n')
      out += "<br>";
    else
      out += c;
  }
  return out;
}

std::string row(const std::vector<std::string>& cells) {
  std::string line = "|";
  for (const std::string& c : cells) line += " " + cell(c) + " |";
  return line + "\n";
}

std::string header(const std::vector<std::string>& cells, const std::vector<bool>& right) {
  std::string line = row(cells) + "|";
  for (std::size_t i = 0; i < cells.size(); ++i) line += i < right.size() && right[i] ? " ---: |" : " --- |";
  return line + "\n";
}

std::string summary(const ReportResults& r) {
  std::string md = header({"bug", "variant", "threads", "verdict", "throughput", "vs buggy", "p99 (main op)",
                           "vs buggy", "waiting", "symptom", "as expected"},
                          {false, false, true, false, true, true, true, true, true, false, false});
  for (const CaseResult& c : r.cases) {
    const std::string op = r.main_op_of(c.c.bug->id);
    const CaseFigures f = figures(c, op);
    md += row({c.c.bug->id, c.c.variant->name, std::to_string(c.c.threads),
               f.representative ? std::string(to_string(f.representative->kind)) : "not run", rate_text(f.throughput),
               c.c.variant->buggy ? "" : ratio_text(throughput_vs_buggy(r, c)),
               f.p99_ns ? ns_text(*f.p99_ns) + " (" + op + ")" : "-",
               c.c.variant->buggy ? "" : ratio_text(p99_vs_buggy(r, c)), percent(f.wait_share.median),
               f.runs ? count_of(f.symptom, f.runs) : "-",
               f.runs ? (f.as_expected == f.runs ? "yes" : "**" + count_of(f.as_expected, f.runs) + "**") : "-"});
  }
  return md;
}

std::string markdown_bug_section(const ReportResults& r, const BugInfo& bug) {
  const std::string op = r.main_op_of(bug.id);
  std::string md = fmt::format("\n## {}: {}\n\n", bug.id, bug.title);
  md += fmt::format("{} · {} · {}{}\n\n", bug.family, to_string(bug.blocking), to_string(bug.sharing),
                    bug.seed.empty() ? "" : " · seed " + bug.seed);
  md += "The oracle checks: " + bug.symptom + "\n\n";

  md += "### Verdicts\n\n";
  md += header({"variant", "threads", "verdict", "symptom", "as expected", "the oracle's explanation (median run)"},
               {false, true});
  for (const CaseResult* c : r.cases_of(bug.id)) {
    const CaseFigures f = figures(*c, op);
    if (!f.representative) {
      md += row({c->c.variant->name, std::to_string(c->c.threads), "not run", "", "", ""});
      continue;
    }
    const RunSummary& s = *f.representative;
    md += row({c->c.variant->name, std::to_string(c->c.threads), verdict_words(s), count_of(f.symptom, f.runs),
               count_of(f.as_expected, f.runs), s.oracle ? s.oracle->explanation : "(no oracle)"});
  }
  for (const CaseResult* c : r.cases_of(bug.id))
    if (c->compare)
      md += fmt::format("\n- compare(buggy, {}) at {} threads: buggy worse: {}{}. {}\n", c->compare->variant,
                        c->c.threads, yes_no(c->compare->verdict.symptom),
                        c->compare->as_expected ? " (as expected)" : " (**NOT as expected**)",
                        c->compare->verdict.explanation);

  md += "\n### Where threads waited (median run, by the waiting line)\n";
  for (const CaseResult* c : r.cases_of(bug.id)) {
    const CaseFigures f = figures(*c, op);
    if (!f.representative) continue;
    const RunSummary& s = *f.representative;
    md += fmt::format("\n{}, {} threads: waiting {} of the threads' time", c->c.variant->name, c->c.threads,
                      percent(wait_share(s)));
    if (s.by_waiter.empty()) {
      md += "; no contended waits.\n";
      continue;
    }
    md += ".\n\n" +
          header({"site", "object", "mode", "waits", "total", "share"}, {false, false, false, true, true, true});
    for (const SiteRow& w : s.by_waiter)
      md += row({"`" + w.site + "`", "`" + w.object + "`", json_word(w.mode), thousands(w.count), human_ns(w.total_ns),
                 percent(w.share)});
  }

  std::string diag;
  for (const CaseResult* c : r.cases_of(bug.id))
    for (const RunSummary& s : c->runs) {
      const nlohmann::json& d = s.diagnostics_json;
      std::string found;
      if (d.contains("deadlock") && d["deadlock"].value("deadlocked", false))
        found += "```\n" + d["deadlock"].value("text", "") + "\n```\n";
      if (d.contains("potential_deadlocks"))
        for (const auto& p : d["potential_deadlocks"]) found += "- potential deadlock: " + p.value("words", "") + "\n";
      if (d.contains("lockset_violations"))
        for (const auto& l : d["lockset_violations"]) found += "- lockset violation: " + l.value("words", "") + "\n";
      if (is_failure(s.kind)) found = "- verdict " + verdict_words(s) + "\n" + found;
      if (found.empty()) continue;
      diag +=
          fmt::format("\n{}, {} threads (first run with a finding):\n\n{}", c->c.variant->name, c->c.threads, found);
      break;  // one run per case is enough here; report.json has them all
    }
  md += "\n### Diagnostics\n" +
        (diag.empty() ? "\nNo deadlock, lock-order cycle, lockset violation or failed run.\n" : diag);
  return md;
}

}  // namespace

std::string report_markdown(const ReportResults& r) {
  std::string md = "# locklab report: buggy against fixed\n\n";
  md += settings_text(r) + "  \n" + run_text(r) + "\n\n";
  if (r.interrupted)
    md += fmt::format("**Interrupted (Ctrl-C) after {} of {} runs.**\n\n", r.runs_done, r.runs_planned);
  if (const std::size_t bad = r.not_as_expected()) md += fmt::format("**{} results not as expected.**\n\n", bad);
  md += "## Summary\n\n" + summary(r);
  md +=
      "\nMedians over the repetitions, ± the largest deviation of one repetition from the median; ratios are "
      "variant / buggy at the same thread count; p99 of the bug's main operation (the most frequent one of its "
      "first fixed variant's first run); waiting: contended lock-wait time as a share of the threads' time.\n";
  for (const BugInfo* bug : r.settings.bugs) md += markdown_bug_section(r, *bug);
  return md;
}

}  // namespace locklab::cli
