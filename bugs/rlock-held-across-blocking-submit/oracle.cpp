// rlock-held-across-blocking-submit: how a run is judged. Reads the verdict
// (its kind and thread dump), the contention profile and operation counts.
#include <set>
#include <string>

#include "locklab/analysis/analyses.h"
#include "locklab/run/oracle_support.h"
#include "locklab/trace/verdict.h"
#include "workload.h"

namespace locklab::bugs::rlock_held_across_blocking_submit {
namespace {

constexpr const char* kLock = "Hub.mu";

const ThreadSnapshot::Held* holds_hub_for_reading(const ThreadSnapshot& t) {
  for (const auto& h : t.held)
    if (h.object_name == kLock && h.mode == LockMode::kShared) return &h;
  return nullptr;
}

bool waits_on_hub(const ThreadSnapshot& t, LockMode mode) {
  return t.waiting && t.wait_kind == WaitKind::kLock && t.wait_mode == mode && t.wait_object_name == kLock;
}

// What a dump line says about a thread, without how long it has waited:
// threads with the same key are in the same state (goroutine-inspect's dedup).
std::string state_key(const ThreadSnapshot& t) {
  std::string key = t.waiting ? std::string(to_string(t.wait_kind)) + " " + std::string(to_string(t.wait_mode)) +
                                    " " + t.wait_object_name + " at " + t.wait_site
                              : std::string(to_string(t.state));
  for (const auto& h : t.held) key += " | holds " + h.object_name + " " + std::string(to_string(h.mode)) + " " + h.site;
  return key;
}

unsigned long long ops(const Trace& run, const char* op) {
  return static_cast<unsigned long long>(op_latency(run, op).count);
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // The three sides of the circle.
  const ThreadSnapshot* submitter = nullptr;  // waits in submit() holding Hub.mu for reading
  const ThreadSnapshot* worker = nullptr;     // a pool worker waiting to read-lock Hub.mu
  const ThreadSnapshot* writer = nullptr;     // waits to write-lock Hub.mu
  unsigned submitters = 0, workers = 0, writers = 0, other_readers = 0;
  std::set<std::string> states;
  for (const ThreadSnapshot& t : run.verdict.threads) {
    states.insert(state_key(t));
    if (t.waiting && t.wait_kind == WaitKind::kPoolSubmit && holds_hub_for_reading(t)) {
      if (!submitter) submitter = &t;
      ++submitters;
    } else if (waits_on_hub(t, LockMode::kShared) && t.name.starts_with("Hub.pool.worker")) {
      if (!worker) worker = &t;
      ++workers;
    } else if (waits_on_hub(t, LockMode::kShared)) {
      ++other_readers;
    } else if (waits_on_hub(t, LockMode::kExclusive)) {
      if (!writer) writer = &t;
      ++writers;
    }
  }
  const bool stuck = run.verdict.kind == VerdictKind::kDeadlock || run.verdict.kind == VerdictKind::kNoProgress;

  // How often submit() had to wait for room in the pool (back-pressure).
  unsigned long long submit_waits = 0;
  for (const ContentionRow& row : contention(run).by_waiter)
    if (run.object_text(row.object) == "Hub.pool") submit_waits += row.count;

  OracleVerdict v;
  v.symptom = stuck && submitter && worker && writer;
  const std::string counts =
      text_format("Broadcast finished %llu times, Subscribe %llu, Unsubscribe %llu; submit() waited for room %llu times",
                  ops(run, "Broadcast"), ops(run, "Subscribe"), ops(run, "Unsubscribe"), submit_waits);
  if (submitter && worker && writer) {
    v.explanation =
        std::string(to_string(run.verdict.kind)) +
        text_format(": %u thread(s) wait in submit() while holding Hub.mu for reading (T%u ", submitters,
                    unsigned{submitter->id}) +
        submitter->name + " at " + submitter->wait_site + ", read lock taken at " +
        holds_hub_for_reading(*submitter)->site +
        text_format("); %u pool worker(s) wait to read-lock Hub.mu (at ", workers) + worker->wait_site +
        text_format("); %u thread(s) wait to write-lock it (T%u ", writers, unsigned{writer->id}) + writer->name +
        " at " + writer->wait_site +
        text_format("); %u other reader(s) wait behind the writer; the dump's %zu threads are in %zu distinct states; ",
                    other_readers, run.verdict.threads.size(), states.size()) +
        counts;
  } else {
    v.explanation = "the run ended " + std::string(to_string(run.verdict.kind)) +
                    "; no thread waited in submit() while holding Hub.mu with the pool's workers waiting for it; " +
                    counts;
  }
  return v;
}

}  // namespace locklab::bugs::rlock_held_across_blocking_submit
