#include "report_html.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "options.h"  // the present layer, unqualified
#include "html_escape.h"
#include "report_format.h"
#include "svg_chart.h"

namespace locklab::cli {
namespace {

constexpr const char* kStyle = R"css(
:root { --ink: #1f2933; --muted: #616e7c; --line: #d9dee4; --soft: #f4f6f8; --bad: #b42318; --good: #1e7b34; }
* { box-sizing: border-box; }
body { margin: 0; background: #ffffff; color: var(--ink);
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", sans-serif; }
main { max-width: 1180px; margin: 0 auto; padding: 24px 28px 48px; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 0 0 6px; }
h3 { font-size: 15px; margin: 22px 0 8px; }
code, pre, .mono { font-family: "DejaVu Sans Mono", "Liberation Mono", Menlo, monospace; font-size: 12.5px; }
pre { background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px;
      white-space: pre-wrap; word-break: break-word; margin: 6px 0; }
.meta { color: var(--muted); margin: 2px 0; }
.banner { border-radius: 6px; padding: 8px 12px; margin: 12px 0; }
.banner.warn { background: #fef3f2; border: 1px solid #fecdca; color: var(--bad); }
.banner.ok { background: #ecfdf3; border: 1px solid #abefc6; color: var(--good); }
section { margin-top: 28px; }
section.bug { border-top: 2px solid var(--line); padding-top: 20px; }
.facts { color: var(--muted); margin: 0 0 8px; }
.tag { display: inline-block; border: 1px solid var(--line); border-radius: 10px; padding: 0 8px; margin-right: 4px;
       font-size: 12px; color: var(--muted); }
table { border-collapse: collapse; width: 100%; margin: 6px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: 0.03em; color: var(--muted); background: var(--soft); }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.yes { color: var(--good); font-weight: 600; }
.no { color: var(--bad); font-weight: 600; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
.charts { display: flex; flex-wrap: wrap; gap: 16px; margin: 10px 0; }
.charts svg { border: 1px solid var(--line); border-radius: 6px; background: #ffffff; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(500px, 1fr)); gap: 12px; align-items: start; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 12px; }
.card h4 { margin: 2px 0 6px; font-size: 13px; }
.card { overflow-x: auto; }
.card table { font-size: 12px; }
.card td.mono { overflow-wrap: anywhere; }
.card td.object { white-space: nowrap; }
table.summary { font-size: 13px; }
table.summary td, table.summary th { padding: 4px 6px; }
table.summary td.bugcell { border-right: 1px solid var(--line); max-width: 170px; }
.nowrap { white-space: nowrap; }
td.variant { min-width: 170px; }
.bar { display: inline-block; height: 8px; background: #9aa5b1; border-radius: 2px; vertical-align: middle; }
.explain { color: var(--ink); }
.small { font-size: 12px; color: var(--muted); }
details summary { cursor: pointer; color: var(--muted); }
footer { margin-top: 36px; color: var(--muted); font-size: 12px; }
)css";

std::string esc(const std::string& s) { return html_escape(s); }

std::string yes_no_cell(bool good, const std::string& text) {
  return fmt::format("<span class=\"{}\">{}</span>", good ? "yes" : "no", esc(text));
}

std::string anchor(const std::string& bug) { return "bug-" + bug; }

std::string swatch(const CaseResult& c) {
  return fmt::format("<span class=\"swatch\" style=\"background:{}\"></span>", variant_colour(*c.c.bug, *c.c.variant));
}

// ---- summary ---------------------------------------------------------------

std::string summary_table(const ReportResults& r) {
  std::string h =
      "<table class=\"summary\"><tr><th>Bug</th><th>Variant</th><th class=\"num\">Threads</th><th>Verdict</th>"
      "<th class=\"num\">Throughput</th><th class=\"num\">vs buggy</th><th class=\"num\">p99 (main op)</th>"
      "<th class=\"num\">vs buggy</th><th class=\"num\">Waiting</th><th>Symptom</th><th>As expected</th></tr>\n";
  for (std::size_t i = 0; i < r.cases.size(); ++i) {
    const CaseResult& c = r.cases[i];
    const std::string op = r.main_op_of(c.c.bug->id);
    const CaseFigures f = figures(c, op);
    const std::string verdict = f.representative ? std::string(to_string(f.representative->kind)) : "not run";
    // The bug's name once, over all its rows.
    std::string bug_cell;
    if (i == 0 || r.cases[i - 1].c.bug != c.c.bug)
      bug_cell = fmt::format("<td class=\"bugcell\" rowspan=\"{}\"><a href=\"#{}\">{}</a></td>",
                             r.cases_of(c.c.bug->id).size(), esc(anchor(c.c.bug->id)), esc(c.c.bug->id));
    h += fmt::format(
        "<tr>{}<td class=\"nowrap\">{}{}</td><td class=\"num\">{}</td><td>{}{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
        bug_cell, swatch(c), esc(c.c.variant->name), c.c.threads, esc(verdict),
        f.failures && f.failures < f.runs ? fmt::format(" ({} failed)", count_of(f.failures, f.runs)) : "",
        esc(rate_text(f.throughput)), c.c.variant->buggy ? "" : esc(ratio_text(throughput_vs_buggy(r, c))),
        f.p99_ns ? esc(ns_text(*f.p99_ns)) : "-", f.p99_ns ? " <span class=\"small\">" + esc(op) + "</span>" : "",
        c.c.variant->buggy ? "" : esc(ratio_text(p99_vs_buggy(r, c))), esc(percent(f.wait_share.median)),
        f.runs ? esc(f.symptom == f.runs ? "yes"
                     : f.symptom == 0    ? "no"
                                         : count_of(f.symptom, f.runs))
               : "-",
        f.runs ? yes_no_cell(f.as_expected == f.runs,
                             f.as_expected == f.runs ? "yes" : count_of(f.as_expected, f.runs) + " runs")
               : "-");
  }
  return h + "</table>\n";
}

// ---- charts ----------------------------------------------------------------

BarValue bar(const Spread& s, std::string (*text)(double), const std::string& who, std::size_t runs) {
  BarValue v;
  v.value = s.median;
  v.low = s.min;
  v.high = s.max;
  v.text = text(s.median);
  v.tooltip =
      fmt::format("{}: median {} over {} runs (smallest {}, largest {})", who, v.text, runs, text(s.min), text(s.max));
  return v;
}

std::string rate(double v) { return human_rate(v); }
std::string nanos(double v) { return human_ns(static_cast<std::uint64_t>(std::llround(v))); }

std::string bug_charts(const ReportResults& r, const BugInfo& bug) {
  const std::string op = r.main_op_of(bug.id);
  std::vector<const VariantInfo*> variants;
  for (const CaseResult* c : r.cases_of(bug.id))
    if (std::find(variants.begin(), variants.end(), c->c.variant) == variants.end()) variants.push_back(c->c.variant);
  BarChart tp, p99;
  tp.title = "Throughput";
  tp.subtitle = "items per second, median of the runs; whiskers: smallest to largest; log scale";
  tp.tick_text = decade_rate;
  p99.title = op.empty() ? "p99 latency" : "p99 latency of " + op;
  p99.subtitle = "lower is better; median of the runs; whiskers: smallest to largest; log scale";
  p99.tick_text = decade_ns;
  tp.css_class = "chart chart-throughput";
  p99.css_class = "chart chart-latency";
  for (const VariantInfo* v : variants) {
    tp.series.push_back({v->name, variant_colour(bug, *v)});
    p99.series.push_back(tp.series.back());
  }
  for (const std::uint32_t threads : r.thread_counts_of(bug.id)) {
    BarGroup gt{fmt::format("{} threads", threads), {}}, gp{gt.label, {}};
    for (const VariantInfo* v : variants) {
      const CaseResult* found = nullptr;
      for (const CaseResult* c : r.cases_of(bug.id))
        if (c->c.variant == v && c->c.threads == threads) found = c;
      if (!found || found->runs.empty()) {
        gt.bars.emplace_back();
        gp.bars.emplace_back();
        continue;
      }
      const CaseFigures f = figures(*found, op);
      const std::string who = fmt::format("{}, {} threads", v->name, threads);
      gt.bars.push_back(bar(f.throughput, rate, who, f.runs));
      if (f.p99_ns)
        gp.bars.push_back(bar(*f.p99_ns, nanos, who, f.runs));
      else
        gp.bars.push_back(BarValue{0, 0, 0, "no " + (op.empty() ? std::string("operation") : op), ""});
    }
    tp.groups.push_back(std::move(gt));
    p99.groups.push_back(std::move(gp));
  }
  return "<div class=\"charts\">\n" + bar_chart_svg(tp) + bar_chart_svg(p99) + "</div>\n";
}

// ---- verdicts --------------------------------------------------------------

std::string verdict_table(const ReportResults& r, const BugInfo& bug) {
  const std::string op = r.main_op_of(bug.id);
  std::string h =
      "<table><tr><th>Variant</th><th class=\"num\">Threads</th><th>Verdict</th><th>Symptom</th>"
      "<th>As expected</th><th>The oracle's explanation (median run)</th></tr>\n";
  for (const CaseResult* c : r.cases_of(bug.id)) {
    const CaseFigures f = figures(*c, op);
    if (!f.representative) {
      h += fmt::format("<tr><td>{}{}</td><td class=\"num\">{}</td><td colspan=\"4\">not run</td></tr>\n", swatch(*c),
                       esc(c->c.variant->name), c->c.threads);
      continue;
    }
    const RunSummary& s = *f.representative;
    h += fmt::format(
        "<tr><td class=\"variant\">{}{}<div class=\"small\">{}</div></td><td class=\"num\">{}</td><td>{}</td>"
        "<td>{} <span class=\"small\">({} runs)</span></td><td>{}</td><td class=\"explain\">{}</td></tr>\n",
        swatch(*c), esc(c->c.variant->name), esc(c->c.variant->summary), c->c.threads, esc(verdict_words(s)),
        f.symptom ? "yes" : "no", count_of(f.symptom, f.runs),
        yes_no_cell(f.as_expected == f.runs, count_of(f.as_expected, f.runs)),
        esc(s.oracle ? s.oracle->explanation : "(no oracle)"));
  }
  h += "</table>\n";
  for (const CaseResult* c : r.cases_of(bug.id)) {
    if (!c->compare) continue;
    const CompareVerdict& v = *c->compare;
    h += fmt::format(
        "<p><b>compare(buggy, {})</b> at {} threads: buggy worse: {} {}<br><span class=\"explain\">{}</span></p>\n",
        esc(v.variant), c->c.threads, yes_no_cell(v.as_expected, std::string(yes_no(v.verdict.symptom))),
        v.as_expected ? "(as expected)" : "<span class=\"no\">(NOT as expected)</span>", esc(v.verdict.explanation));
  }
  return h;
}

// ---- contention ------------------------------------------------------------

std::string site_rows(const std::vector<SiteRow>& rows) {
  std::string h =
      "<table><tr><th>Site</th><th>Object</th><th>Mode</th><th class=\"num\">Waits</th><th class=\"num\">Total</th>"
      "<th class=\"num\">Share</th></tr>\n";
  for (const SiteRow& row : rows)
    h += fmt::format(
        "<tr><td class=\"mono\">{}</td><td class=\"mono object\">{}</td><td>{}</td><td class=\"num\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num\"><span class=\"bar\" style=\"width:{:.0f}px\"></span> "
        "{}</td></tr>\n",
        esc(row.site), esc(row.object), json_word(row.mode), thousands(row.count), human_ns(row.total_ns),
        std::max(1.0, row.share * 40.0), percent(row.share));
  return h + "</table>\n";
}

std::string contention_cards(const ReportResults& r, const BugInfo& bug) {
  std::string h = "<div class=\"cards\">\n";
  for (const CaseResult* c : r.cases_of(bug.id)) {
    const CaseFigures f = figures(*c, r.main_op_of(bug.id));
    if (!f.representative) continue;
    const RunSummary& s = *f.representative;
    h += fmt::format(
        "<div class=\"card\"><h4>{}{}, {} threads <span class=\"small\">waiting: {} of the threads' time"
        "</span></h4>\n",
        swatch(*c), esc(c->c.variant->name), c->c.threads, percent(wait_share(s)));
    if (is_failure(s.kind))
      h += fmt::format(
          "<p class=\"small\">This run ended in {}: the waits it left unfinished are under "
          "Diagnostics, not in this profile.</p>\n",
          esc(std::string(to_string(s.kind))));
    if (s.by_waiter.empty()) {
      h += "<p class=\"small\">No thread waited for a lock held by another.</p>\n";
    } else {
      h += "<div class=\"small\">By the waiting line (Go's block profile)";
      if (s.waiter_sites > s.by_waiter.size())
        h += fmt::format("; top {} of {} sites", s.by_waiter.size(), s.waiter_sites);
      h += "</div>\n" + site_rows(s.by_waiter);
      if (!s.by_holder.empty())
        h += "<div class=\"small\">By the holding line (Go's mutex profile)</div>\n" +
             site_rows(
                 {s.by_holder.begin(), s.by_holder.begin() + std::min<std::ptrdiff_t>(3, std::ssize(s.by_holder))});
    }
    h += "</div>\n";
  }
  return h + "</div>\n";
}

// ---- diagnostics -----------------------------------------------------------

std::string diagnostics_block(const ReportResults& r, const BugInfo& bug) {
  std::string h;
  for (const CaseResult* c : r.cases_of(bug.id)) {
    // Every distinct finding over the repetitions, said once.
    std::vector<std::string> deadlocks, orders, locksets, failures;
    const auto add = [](std::vector<std::string>& v, const std::string& s) {
      if (!s.empty() && std::find(v.begin(), v.end(), s) == v.end()) v.push_back(s);
    };
    std::string dump;
    for (const RunSummary& s : c->runs) {
      const nlohmann::json& d = s.diagnostics_json;
      if (d.contains("deadlock") && d["deadlock"].value("deadlocked", false))
        add(deadlocks, d["deadlock"].value("text", ""));
      if (d.contains("potential_deadlocks"))
        for (const auto& p : d["potential_deadlocks"]) add(orders, p.value("words", ""));
      if (d.contains("lockset_violations"))
        for (const auto& l : d["lockset_violations"]) add(locksets, l.value("words", ""));
      if (is_failure(s.kind)) {
        add(failures, verdict_words(s));
        if (dump.empty()) dump = s.verdict_detail;
      }
    }
    if (deadlocks.empty() && orders.empty() && locksets.empty() && failures.empty()) continue;
    h += fmt::format("<h4>{}{}, {} threads</h4>\n", swatch(*c), esc(c->c.variant->name), c->c.threads);
    for (const std::string& f : failures) h += "<p><b>Verdict</b> " + esc(f) + "</p>\n";
    for (const std::string& d : deadlocks) h += "<p><b>Deadlock, in words</b></p><pre>" + esc(d) + "</pre>\n";
    for (const std::string& o : orders) h += "<p><b>Potential deadlock (lock order)</b> " + esc(o) + "</p>\n";
    for (const std::string& l : locksets) h += "<p><b>Lockset violation</b> " + esc(l) + "</p>\n";
    if (!dump.empty())
      h += "<details><summary>Thread dump at the verdict</summary><pre>" + esc(dump) + "</pre></details>\n";
  }
  if (h.empty())
    return "<p class=\"small\">No deadlock, lock-order cycle, lockset violation or failed run in any "
           "repetition.</p>\n";
  return h;
}

std::string html_bug_section(const ReportResults& r, const BugInfo& bug) {
  std::string h = fmt::format("<section class=\"bug\" id=\"{}\">\n<h2>{} <span class=\"tag mono\">{}</span></h2>\n",
                              esc(anchor(bug.id)), esc(bug.title), esc(bug.id));
  h += fmt::format(
      "<p class=\"facts\"><span class=\"tag\">{}</span><span class=\"tag\">{}</span>"
      "<span class=\"tag\">{}</span>{}</p>\n",
      esc(bug.family), esc(std::string(to_string(bug.blocking))), esc(std::string(to_string(bug.sharing))),
      bug.seed.empty() ? "" : "<span class=\"tag\">seed " + esc(bug.seed) + "</span>");
  h += "<p><b>The oracle checks:</b> " + esc(bug.symptom) + "</p>\n";
  h += bug_charts(r, bug);
  h += "<h3>Verdicts</h3>\n" + verdict_table(r, bug);
  h += "<h3>Where threads waited</h3>\n" + contention_cards(r, bug);
  h += "<h3>Diagnostics</h3>\n" + diagnostics_block(r, bug);
  return h + "</section>\n";
}

}  // namespace

std::string report_html(const ReportResults& r) {
  std::string h =
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<title>locklab report</title>\n<style>" +
      std::string(kStyle) + "</style>\n</head>\n<body>\n<main>\n";
  h += "<h1>locklab report: buggy against fixed</h1>\n";
  h += "<p class=\"meta\">" + esc(settings_text(r)) + "</p>\n";
  h += "<p class=\"meta\">" + esc(run_text(r)) + "</p>\n";
  if (r.interrupted)
    h += fmt::format("<div class=\"banner warn\">Interrupted (Ctrl-C) after {} of {} runs: what ran is below.</div>\n",
                     r.runs_done, r.runs_planned);
  const std::size_t bad = r.not_as_expected();
  if (bad)
    h += fmt::format("<div class=\"banner warn\">{} result{} not as expected: see the verdicts below.</div>\n", bad,
                     bad == 1 ? "" : "s");
  else if (r.runs_done)
    h += "<div class=\"banner ok\">Every run and compare() verdict as expected: each buggy variant showed its "
         "symptom, each fixed one did not.</div>\n";

  h += "<section id=\"summary\">\n<h2>Summary</h2>\n" + summary_table(r);
  h += "<p class=\"small\">Figures are medians over the repetitions, ± the largest deviation of one repetition "
       "from the median. Ratios are variant / buggy at the same thread count. The main operation of a bug is the "
       "most frequent operation of its first fixed variant's first run; every variant's p99 is of that operation. "
       "Waiting: contended "
       "lock-wait time as a share of the threads' time.</p>\n</section>\n";
  for (const BugInfo* bug : r.settings.bugs) h += html_bug_section(r, *bug);
  h += "<footer>Generated by locklab 0.1.0 with Google Benchmark. report.json holds every figure "
       "(Google Benchmark's output and locklab's analyses of each run); report.md the same tables in Markdown."
       "</footer>\n</main>\n</body>\n</html>\n";
  return h;
}

}  // namespace locklab::cli
