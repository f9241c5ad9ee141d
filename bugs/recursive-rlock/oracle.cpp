// recursive-rlock: how a run is judged. Reads the verdict (its kind and
// thread dump) and the operation counts.
#include <string>

#include "locklab/run/oracle_support.h"
#include "locklab/trace/verdict.h"
#include "workload.h"

namespace locklab::bugs::recursive_rlock {
namespace {

constexpr const char* kLock = "Ledger.mu";

bool waits_on_ledger(const ThreadSnapshot& t, LockMode mode) {
  return t.waiting && t.wait_kind == WaitKind::kLock && t.wait_mode == mode && t.wait_object_name == kLock;
}

const ThreadSnapshot::Held* holds_ledger_shared(const ThreadSnapshot& t) {
  for (const auto& h : t.held)
    if (h.object_name == kLock && h.mode == LockMode::kShared) return &h;
  return nullptr;
}

unsigned long long ops(const Trace& run, const char* op) {
  return static_cast<unsigned long long>(op_latency(run, op).count);
}

}  // namespace

OracleVerdict oracle(const Trace& run) {
  // The recursive reader: it holds Ledger.mu for reading and waits to
  // read-lock it again. The writer that closed the door behind it, and the
  // other readers queued behind that writer.
  const ThreadSnapshot* recursive = nullptr;
  const ThreadSnapshot* writer = nullptr;
  unsigned writers = 0, readers = 0;
  for (const ThreadSnapshot& t : run.verdict.threads) {
    if (waits_on_ledger(t, LockMode::kShared)) {
      if (holds_ledger_shared(t) && !recursive) recursive = &t;
      else ++readers;
    } else if (waits_on_ledger(t, LockMode::kExclusive)) {
      if (!writer) writer = &t;
      ++writers;
    }
  }
  const bool stuck = run.verdict.kind == VerdictKind::kDeadlock || run.verdict.kind == VerdictKind::kNoProgress;

  OracleVerdict v;
  v.symptom = stuck && recursive && writer;
  const std::string counts = text_format("Net finished %llu times, SumDebits %llu, AddEntries %llu",
                                         ops(run, "Net"), ops(run, "SumDebits"), ops(run, "AddEntries"));
  if (recursive && writer) {
    v.explanation = std::string(to_string(run.verdict.kind)) + ": T" + std::to_string(recursive->id) + " " +
                    recursive->name + " holds Ledger.mu for reading (taken at " + holds_ledger_shared(*recursive)->site +
                    ") and waits to read-lock it again at " + recursive->wait_site +
                    text_format("; %u writer(s) wait to lock it, first T%u ", writers, unsigned{writer->id}) +
                    writer->name + " at " + writer->wait_site +
                    text_format("; %u other reader(s) wait behind the writer; ", readers) + counts;
  } else {
    v.explanation = "the run ended " + std::string(to_string(run.verdict.kind)) +
                    "; no thread waited to read-lock Ledger.mu while holding it" +
                    (recursive ? " with a writer waiting" : "") + "; " + counts;
  }
  return v;
}

}  // namespace locklab::bugs::recursive_rlock
