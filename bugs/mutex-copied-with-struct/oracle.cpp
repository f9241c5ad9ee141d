// mutex-copied-with-struct: how a run is judged. Reads the trace's lockset
// report, its objects, the exact "Record" count and main's totals note.
#include <cstdio>
#include <cstring>
#include <string>

#include "locklab/analysis/diagnostics.h"
#include "locklab/run/oracle_support.h"
#include "workload.h"

namespace locklab::bugs::mutex_copied_with_struct {
namespace {

struct Note {
  bool found = false;
  unsigned long long counted_jobs = 0, counted_bytes = 0, done_jobs = 0, done_bytes = 0;
};

Note totals_note(const Trace& run) {
  Note n;
  const std::size_t prefix = std::strlen(kTotalsNote);
  for (const std::string& a : run.annotations) {
    if (a.compare(0, prefix, kTotalsNote) != 0) continue;
    n.found = std::sscanf(a.c_str() + prefix, "counted %llu jobs and %llu bytes; handlers did %llu jobs and %llu bytes",
                          &n.counted_jobs, &n.counted_bytes, &n.done_jobs, &n.done_bytes) == 4;
  }
  return n;
}

// "Worker.mu#12, Worker.mu#31": object names with their ids, since every
// copy's lock has the same name.
std::string locks_text(const Trace& run, const LocksetAccess& a) {
  if (a.locks.empty()) return "no lock";
  std::string out;
  for (const std::uint32_t id : a.locks) out += (out.empty() ? "" : ", ") + run.object_text(id) + "#" + std::to_string(id);
  return out;
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  const LocksetViolation* race = nullptr;
  for (const LocksetViolation& v : run.lockset)
    if (run.object_text(v.object) == "Worker.tally") race = &v;
  unsigned mutexes = 0;  // locks named Worker.mu: one per Worker object, copies included
  for (const ObjectInfo& o : run.objects)
    if (o.kind == ObjectKind::kMutex && o.name == "Worker.mu") ++mutexes;
  const unsigned long long records = op_latency(run, "Record").count;  // exact
  const Note note = totals_note(run);
  const long long lost_jobs = static_cast<long long>(note.done_jobs) - static_cast<long long>(note.counted_jobs);
  const long long lost_bytes = static_cast<long long>(note.done_bytes) - static_cast<long long>(note.counted_bytes);
  const bool lost = note.found && (lost_jobs != 0 || lost_bytes != 0);

  OracleVerdict v;
  // The lockset check is the diagnosis (it fires on any run where two
  // threads touch the tally, lucky or not); lost counts are the damage.
  // Either one is the bug showing.
  v.symptom = race != nullptr || lost;
  std::string words = race ? "lockset: " + lockset_words(run, *race) + " (T" + std::to_string(race->first.thread) +
                                 " held " + locks_text(run, race->first) + ", T" +
                                 std::to_string(race->second.thread) + " held " + locks_text(run, race->second) + ")"
                           : std::string("lockset: every access to Worker.tally shared a lock");
  words += text_format("; %u mutex(es) named Worker.mu were made", mutexes);
  if (note.found) {
    words += text_format("; the worker counted %llu of %llu jobs (%lld lost, %.4f%%) and %llu of %llu bytes (%lld lost)",
                         note.counted_jobs, note.done_jobs, lost_jobs,
                         note.done_jobs ? 100.0 * static_cast<double>(lost_jobs) / static_cast<double>(note.done_jobs) : 0.0,
                         note.counted_bytes, note.done_bytes, lost_bytes);
  } else {
    words += "; main left no totals note (the run ended early)";
  }
  words += text_format("; %llu Record operations timed", records);
  v.explanation = words;
  return v;
}

}  // namespace locklab::bugs::mutex_copied_with_struct
