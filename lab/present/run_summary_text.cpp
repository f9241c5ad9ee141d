// RunSummary as human text: labelled lines and small aligned tables.
#include <ostream>

#include <fmt/format.h>

#include "locklab/present/format.h"
#include "locklab/present/run_summary.h"

namespace locklab::present {
namespace {

constexpr std::string_view kIndent = "             ";  // under a label's value

void label(std::ostream& out, std::string_view name, const std::string& value) {
  out << fmt::format("  {:<11}{}\n", name, value);
}

void site_table(std::ostream& out, const char* title, const std::vector<SiteRow>& rows, std::size_t total) {
  if (rows.empty()) return;
  out << "  " << title;
  if (total > rows.size()) out << " (top " << rows.size() << " of " << total << ")";
  out << ":\n";
  Table t({"SITE", "OBJECT", "MODE", "COUNT", "TOTAL", "MAX", "SHARE"});
  t.right(3).right(4).right(5).right(6);
  for (const SiteRow& r : rows)
    t.add({r.site, r.object, json_word(r.mode),
           thousands(r.count) + (r.open ? fmt::format(" ({} never ended)", thousands(r.open)) : std::string()),
           human_ns(r.total_ns), human_ns(r.max_ns), percent(r.share)});
  t.print(out, "    ");
}

}  // namespace

std::string waiting_text(std::uint64_t total_wait_ns, std::uint64_t thread_time_ns, std::uint64_t open_waits,
                         std::uint64_t open_wait_ns) {
  if (total_wait_ns == 0) return "no thread waited for a lock";
  std::string out = human_ns(total_wait_ns) + " in all";
  if (thread_time_ns)
    out += ", " + percent(static_cast<double>(total_wait_ns) / static_cast<double>(thread_time_ns)) +
           " of the threads' time";
  if (open_waits)
    out += fmt::format("; {} {} never ended ({} of it, counted up to the verdict)", thousands(open_waits),
                       open_waits == 1 ? "wait" : "waits", human_ns(open_wait_ns));
  return out;
}

std::string coverage_text(const EventCoverage& e) {
  if (!e.recording) return "recording was off: no events (counters are exact)";
  if (e.dropped == 0) return thousands(e.kept) + " kept, none dropped: the events cover the whole run";
  std::string who;
  for (std::size_t i = 0; i < e.threads_with_drops.size() && i < 3; ++i)
    who += (i ? ", " : "") + e.threads_with_drops[i];
  if (e.threads_with_drops.size() > 3) who += fmt::format(" and {} more", e.threads_with_drops.size() - 3);
  return fmt::format("{} kept, {} DROPPED (by {}): the events cover the first {} of {}", thousands(e.kept),
                     thousands(e.dropped), who, human_ns(e.covered_until_ns), human_ns(e.run_ns));
}

void print_verdict(std::ostream& out, const RunSummary& s) {
  // The summary often starts with the kind's own word ("deadlock: ..."):
  // say it once.
  const std::string kind(to_string(s.kind));
  std::string line = kind;
  if (!s.verdict_summary.empty() && s.verdict_summary != "completed")
    line = s.verdict_summary.rfind(kind + ":", 0) == 0 ? s.verdict_summary : kind + ": " + s.verdict_summary;
  label(out, "verdict", line);
  if (is_failure(s.kind) && !s.verdict_detail.empty()) {
    out << "  what happened, and the thread dump, at " << human_ns(s.verdict_at_ns) << ":\n";
    print_indented(out, s.verdict_detail, "    ");
  }
  // Found even when the run itself went well: the next run may not be lucky.
  for (const LockOrderCycle& c : s.diagnostics.lock_order) {
    label(out, "lock order", "POTENTIAL DEADLOCK");
    print_indented(out, c.words, kIndent);
  }
  for (const std::string& v : s.diagnostics.lockset) {
    label(out, "lockset", "DATA RACE");
    print_indented(out, v, kIndent);
  }
}

void print_oracle(std::ostream& out, const RunSummary& s) {
  if (!s.oracle) {
    label(out, "oracle", "not judged (the bug or variant is not in this build's catalogue)");
    return;
  }
  std::string line = fmt::format("symptom {}", yes_no(s.oracle->symptom));
  if (s.buggy) line += fmt::format(" (expected {})", yes_no(*s.buggy));
  if (s.as_expected) line += *s.as_expected ? ": as expected" : ": NOT AS EXPECTED";
  label(out, "oracle", line);
  if (!s.oracle->explanation.empty()) print_indented(out, s.oracle->explanation, kIndent);
}

void print_analyses(std::ostream& out, const RunSummary& s) {
  label(out, "throughput",
        fmt::format("{} items/s ({} items in {})", short_count(s.items_per_sec), thousands(s.items), human_ns(s.wall_ns)));
  if (s.latency.empty()) {
    label(out, "latency", "no timed operations");
  } else {
    out << "  latency per op:\n";
    Table t({"OP", "COUNT", "P50", "P99", "MAX", "MEAN"});
    t.right(1).right(2).right(3).right(4).right(5);
    for (const LatencySummary& l : s.latency)
      t.add({l.op, thousands(l.count), human_ns(l.p50_ns), human_ns(l.p99_ns), human_ns(l.max_ns),
             human_ns(static_cast<std::uint64_t>(l.mean_ns))});
    t.print(out, "    ");
  }
  label(out, "waiting", waiting_text(s.total_wait_ns, s.thread_time_ns, s.open_waits, s.open_wait_ns));
  site_table(out, "contention by waiter site", s.by_waiter, s.waiter_sites);
  site_table(out, "contention by holder site", s.by_holder, s.holder_sites);
  if (s.total_idle_ns > 0) {
    label(out, "idle waits", fmt::format("{} in all (not contention: nothing to receive or do yet)",
                                         human_ns(s.total_idle_ns)));
    site_table(out, "idle waits by site", s.idle, s.idle_sites);
  }
  label(out, "events", coverage_text(s.events));
  if (!s.trace_file.empty()) label(out, "trace", "saved to " + s.trace_file);
}

void print_run(std::ostream& out, const RunSummary& s) {
  out << "== " << s.info.bug << " / " << s.info.variant;
  if (!s.variant_summary.empty()) out << ": " << s.variant_summary;
  out << "\n";
  print_verdict(out, s);
  print_oracle(out, s);
  print_analyses(out, s);
}

}  // namespace locklab::present
