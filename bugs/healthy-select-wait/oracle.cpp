// healthy-select-wait: how a run is judged. Reads the exact wait counters
// (split into contended and idle, by thread), the operation counts and
// main's looks note.
#include <cstdio>
#include <cstring>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::healthy_select_wait {
namespace {

double ms(std::uint64_t ns) { return static_cast<double>(ns) / 1e6; }

double share(std::uint64_t part, std::uint64_t whole) {
  return whole > 0 ? static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

bool is_worker(const Trace& run, std::uint16_t thread) {
  const TraceThread* t = run.thread(thread);
  return t && t->name.starts_with("worker-");
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // The workers' time, and how much of it went to each class of wait.
  std::uint64_t worker_ns = 0, worker_idle_ns = 0, worker_contended_ns = 0;
  for (const TraceThread& t : run.threads)
    if (is_worker(run, t.id) && t.end_ns > t.start_ns) worker_ns += t.end_ns - t.start_ns;
  for (const CounterRow& r : run.waits) {
    if (!is_worker(run, r.thread)) continue;
    (r.wait_class == WaitClass::kIdle ? worker_idle_ns : worker_contended_ns) += r.total_ns;
  }

  // A naive block profile counts every wait alike: its top row is whichever
  // site waited longest, idle or not.
  const ContentionProfile profile = contention(run);
  const ContentionRow* naive_top = nullptr;
  for (const auto* rows : {&profile.by_waiter, &profile.idle})
    for (const ContentionRow& r : *rows)
      if (!naive_top || r.total_ns > naive_top->total_ns) naive_top = &r;
  const std::uint64_t all_waits = profile.total_wait_ns + profile.total_idle_ns;

  unsigned long long looks = 0, noted_jobs = 0;
  bool noted = false;
  const std::size_t prefix = std::strlen(kLooksNote);
  for (const std::string& a : run.annotations)
    if (a.compare(0, prefix, kLooksNote) == 0)
      noted = std::sscanf(a.c_str() + prefix, "%llu looks, %llu jobs handled", &looks, &noted_jobs) == 2;
  const unsigned long long jobs = op_latency(run, "Handle").count;  // exact
  const double looks_per_job = jobs > 0 ? static_cast<double>(looks) / static_cast<double>(jobs) : 0.0;
  const double contended = share(worker_contended_ns, worker_ns);

  OracleVerdict v;
  v.symptom = (noted && looks_per_job >= kMinLooksPerJob) || contended >= kMinContendedShare;
  std::string words =
      noted ? text_format("workers looked for a job %llu times and handled %llu jobs: %.1f looks per job "
                          "(spinning when idle if %.0f or more)",
                          looks, jobs, looks_per_job, kMinLooksPerJob)
            : std::string("main left no looks note (the run ended early)");
  if (naive_top) {
    words += "; a naive profile of every wait would put " + run.object_text(naive_top->object) + " at " +
             run.site_text(naive_top->site) +
             text_format(" on top (%.1f ms, %.0f%% of all waiting)", ms(naive_top->total_ns),
                         100 * share(naive_top->total_ns, all_waits));
  } else {
    words += "; no thread waited at all, so a naive profile of waits is empty";
  }
  words += text_format("; locklab files the workers' waits as idle for %.1f%% of their time and contended for "
                       "%.2f%% (the symptom needs %.0f%%)",
                       100 * share(worker_idle_ns, worker_ns), 100 * contended, 100 * kMinContendedShare);
  words += profile.by_waiter.empty()
               ? std::string("; the contention profile is empty")
               : "; contention profile top: " + run.object_text(profile.by_waiter.front().object) + " at " +
                     run.site_text(profile.by_waiter.front().site) +
                     text_format(" (%.1f ms over %llu waits)", ms(profile.by_waiter.front().total_ns),
                                 static_cast<unsigned long long>(profile.by_waiter.front().count));
  // What the spinning costs the real work: the producer's pace and wait.
  const LatencySummary submit = op_latency(run, "Submit");
  std::uint64_t producer_ns = 0;
  for (const TraceThread& t : run.threads)
    if (t.name == "producer" && t.end_ns > t.start_ns) producer_ns = t.end_ns - t.start_ns;
  if (submit.count > 0) {
    words += text_format("; the producer submitted %llu jobs, one every %.2f ms (it asks for one every %.2f ms), "
                         "Submit p99 %.1f us",
                         static_cast<unsigned long long>(submit.count),
                         ms(producer_ns) / static_cast<double>(submit.count), run_param(run, "gap_us") / 1e3,
                         static_cast<double>(submit.p99_ns) / 1e3);
  }
  v.explanation = words;
  return v;
}

}  // namespace locklab::bugs::healthy_select_wait
