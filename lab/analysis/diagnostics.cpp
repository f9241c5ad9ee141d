#include "locklab/analysis/diagnostics.h"

namespace locklab {
namespace {

std::string access_words(const Trace& trace, const LocksetAccess& a) {
  std::string out = "T" + std::to_string(a.thread) + (a.write ? " wrote it at " : " read it at ") +
                    trace.site_text(a.site);
  if (a.locks.empty()) return out + " holding no lock";
  out += " holding ";
  for (std::size_t i = 0; i < a.locks.size(); ++i) out += (i ? ", " : "") + trace.object_text(a.locks[i]);
  return out;
}

}  // namespace

std::string lockset_words(const Trace& trace, const LocksetViolation& v) {
  const bool unlocked = v.first.locks.empty() || v.second.locks.empty();
  return "data race on " + trace.object_text(v.object) + ": " + access_words(trace, v.first) + "; " +
         access_words(trace, v.second) + (unlocked ? ": an access under no lock" : ": no lock in common") +
         ", so no single lock protects it";
}

Diagnostics diagnose(const Trace& trace) {
  Diagnostics d;
  if (trace.verdict.kind == VerdictKind::kDeadlock) d.deadlock = explain_deadlock(trace.verdict.threads);
  d.lock_order = lock_order_cycles(trace);
  for (const LocksetViolation& v : trace.lockset) d.lockset.push_back(lockset_words(trace, v));
  return d;
}

}  // namespace locklab
